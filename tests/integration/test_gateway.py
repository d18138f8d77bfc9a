"""The gateway through a real `ams serve`, driven by the real `openai` client, with real local providers
(`ams mock-provider` processes); and two AMS instances enforcing one rate limit through Redis."""

from __future__ import annotations

import base64
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from tests.conftest import fresh_postgres_database, skip_backend
from tests.integration.conftest import AMS, Server, free_port, start_server

REDIS_URL = os.environ.get("AMS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="module")
def mocks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Two providers: a healthy one and one that always fails."""
    procs, urls = [], {}
    log_dir = tmp_path_factory.mktemp("mocks")
    for name, args in {
        "healthy": ["--prompt-tokens", "1000", "--completion-tokens", "200", "--chunks", "6"],
        "broken": ["--error-rate", "1", "--error-status", "503"],
    }.items():
        port = free_port()
        with (log_dir / f"{name}.log").open("wb") as log:
            procs.append(subprocess.Popen([AMS, "mock-provider", "--port", str(port), *args], stdout=log, stderr=log))
        urls[name] = f"http://127.0.0.1:{port}/v1"
    for url in urls.values():
        _wait(f"{url}/models")
    yield urls
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=10)


def _wait(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")


@pytest.fixture(scope="module")
def ams(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(tmp_path_factory.mktemp("gateway"), None)
    yield server
    server.stop()


def _admin(server: Server) -> httpx.Client:
    return httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {server.login()}"}, timeout=30)


def _setup(admin: httpx.Client, mocks: dict[str, str], limits: dict[str, Any] | None = None) -> tuple[str, str, str]:
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


def _spans(admin: httpx.Client, agent_id: str, expected: int) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 15
    while True:
        traces = admin.get("/api/v1/traces", params={"agent": agent_id, "window": "1h"}).json()["items"]
        if len(traces) >= expected or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    return [admin.get(f"/api/v1/traces/{t['trace_id']}").json()["roots"][0] for t in traces]


def test_openai_client_through_ams_with_failover_and_metering(ams, mocks):
    with _admin(ams) as admin:
        agent_id, key, alias = _setup(admin, mocks)
        client = openai.OpenAI(base_url=f"{ams.url}/v1", api_key=key, max_retries=0)
        answer = client.chat.completions.create(model=alias, messages=[{"role": "user", "content": "Hi"}])
        assert answer.choices[0].message.content.startswith("This is a mock answer")
        assert answer.usage.prompt_tokens == 1000
        [span] = _spans(admin, agent_id, 1)
        assert (span["input_tokens"], span["output_tokens"]) == (1000, 200)
        # gpt-4o-mini from the bundled price table: $0.15 / $0.60 per million tokens.
        assert span["cost_usd"] == pytest.approx((1000 * 0.15 + 200 * 0.60) / 1e6)
        attempts = span["attributes"]["ams.gateway.attempts"]
        assert [a["status"] for a in attempts] == [503, 200]
        assert attempts[0]["target"].endswith("/gpt-4o-mini") and attempts[0]["target"] != attempts[1]["target"]
        providers = admin.get("/api/v1/analytics/providers", params={"window": "1h"}).json()["items"]
        assert any(p["provider"].startswith("healthy-") and p["calls"] >= 1 for p in providers)
        kpis = admin.get(f"/api/v1/agents/{agent_id}/kpis", params={"window": "1h"}).json()["kpis"]
        assert kpis["input_tokens"] == 1000


def test_openai_client_stream_gets_every_chunk_and_usage(ams, mocks):
    with _admin(ams) as admin:
        agent_id, key, alias = _setup(admin, mocks)
        client = openai.OpenAI(base_url=f"{ams.url}/v1", api_key=key, max_retries=0)
        stream = client.chat.completions.create(
            model=alias, messages=[{"role": "user", "content": "Hi"}], stream=True,
            stream_options={"include_usage": True},
        )  # fmt: skip
        chunks = list(stream)
        content = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
        assert len(content) == 6  # the mock streams 6 content chunks
        assert chunks[-1].usage.completion_tokens == 200 and not chunks[-1].choices
        [span] = _spans(admin, agent_id, 1)
        assert span["output_tokens"] == 200 and "ams.gateway.ttft_ms" in span["attributes"]


def test_openai_client_reads_a_refusal(ams, mocks):
    with _admin(ams) as admin:
        agent_id, key, alias = _setup(admin, mocks)
        admin.post(f"/api/v1/agents/{agent_id}/pause", json={"reason": "test"}).raise_for_status()
        client = openai.OpenAI(base_url=f"{ams.url}/v1", api_key=key, max_retries=0)
        with pytest.raises(openai.PermissionDeniedError) as refused:
            client.chat.completions.create(model=alias, messages=[{"role": "user", "content": "Hi"}])
        assert "paused" in refused.value.message
        assert refused.value.code == "agent_not_active"


def _redis_reason() -> str | None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        return None
    except redis.RedisError as exc:
        return str(exc)


def test_two_instances_share_rate_limits_and_changes_through_redis(tmp_path: Path, mocks):
    reason = _redis_reason()
    if reason:
        skip_backend(f"Redis at {REDIS_URL}", reason)
    secret = base64.b64encode(os.urandom(32)).decode()
    with fresh_postgres_database() as database:
        env = {"AMS_REDIS_URL": REDIS_URL, "AMS_SECRET_KEY": secret}
        (tmp_path / "a").mkdir()
        (tmp_path / "b").mkdir()
        first = start_server(tmp_path / "a", database, **env)
        second = start_server(tmp_path / "b", database, **env)
        try:
            with _admin(first) as admin:
                agent_id, key, alias = _setup(admin, {"healthy": mocks["healthy"], "broken": mocks["broken"]},
                                              limits={"max_requests_per_minute": 4})  # fmt: skip
            clients = [openai.OpenAI(base_url=f"{s.url}/v1", api_key=key, max_retries=0) for s in (first, second)]
            outcomes = []
            for i in range(8):
                try:
                    clients[i % 2].chat.completions.create(model=alias, messages=[{"role": "user", "content": "x"}])
                    outcomes.append("ok")
                except openai.RateLimitError as exc:
                    assert "requests per minute" in exc.message
                    assert int(exc.response.headers["retry-after"]) >= 1
                    outcomes.append("limited")
            assert outcomes.count("ok") == 4, outcomes
            # A lifecycle change made on one instance reaches the other's cache through Redis within a second.
            with _admin(first) as admin:
                admin.post(f"/api/v1/agents/{agent_id}/pause", json={"reason": "stop"}).raise_for_status()
            time.sleep(1.0)
            with pytest.raises(openai.PermissionDeniedError, match="paused"):
                clients[1].chat.completions.create(model=alias, messages=[{"role": "user", "content": "x"}])
        finally:
            first.stop()
            second.stop()
