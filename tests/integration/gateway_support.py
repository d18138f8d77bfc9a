"""What the gateway's and governance's integration tests share: an admin client, an agent with a route, and
whether Redis answers."""

from __future__ import annotations

import os
from typing import Any

import httpx

from tests.integration.conftest import Server

REDIS_URL = os.environ.get("AMS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def admin_client(server: Server) -> httpx.Client:
    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {server.login()}"}, timeout=30)


def agent_with_route(
    admin: httpx.Client, mocks: dict[str, str], limits: dict[str, Any] | None = None
) -> tuple[str, str, str]:
    """An active agent (its id and key) and a route (its alias): the broken provider first, the healthy second."""
    project = admin.get("/api/v1/projects").json()[0]["id"]
    suffix = os.urandom(3).hex()
    agent = admin.post("/api/v1/agents", json={"name": f"gw-{suffix}", "platform": "custom", "project_id": project,
                                               "limits": limits or {}}).json()  # fmt: skip
    for action in ("provision", "deploy"):
        admin.post(f"/api/v1/agents/{agent['id']}/{action}", json={}).raise_for_status()
    key = admin.post("/api/v1/api-keys", json={"agent_id": agent["id"]}).json()["key"]
    ids = {}
    for name, url in mocks.items():
        made = admin.post("/api/v1/providers", json={
            "name": f"{name}-{suffix}", "kind": "openai_compatible", "base_url": url, "api_key": "sk-x",
            "models": [{"name": "gpt-4o-mini", "context_window": 128000}]})  # fmt: skip
        assert made.status_code == 201, made.text
        ids[name] = made.json()["id"]
    route = admin.post("/api/v1/routes", json={
        "alias": f"smart-{suffix}", "policy": {"retries": 0},
        "targets": [{"provider_id": ids["broken"], "model": "gpt-4o-mini"},
                    {"provider_id": ids["healthy"], "model": "gpt-4o-mini"}]})  # fmt: skip
    assert route.status_code == 201, route.text
    return agent["id"], key, f"smart-{suffix}"


def redis_unreachable() -> str | None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        return None
    except redis.RedisError as exc:
        return str(exc)
