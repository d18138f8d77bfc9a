"""Real local providers (the mock provider on a free port) and active agents, for the gateway's API tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from ams.gateway.mock_provider import MockConfig, MockProvider
from tests.api.conftest import Tenant


@asynccontextmanager
async def mock(**config: Any) -> AsyncIterator[MockProvider]:
    provider = MockProvider(MockConfig(**config))
    await provider.start()
    try:
        yield provider
    finally:
        await provider.stop()


def base_url(provider: MockProvider) -> str:
    return f"http://127.0.0.1:{provider.port}" + ("/v1" if provider.config.protocol == "openai" else "")


async def register(tenant: Tenant, provider: MockProvider, name: str, **fields: Any) -> dict[str, Any]:
    kind = {"openai": "openai_compatible"}.get(provider.config.protocol, provider.config.protocol)
    body = {"name": name, "kind": kind, "base_url": base_url(provider), "api_key": "sk-upstream-secret",
            "models": [{"name": "mock-model", "context_window": 8000, "input_per_mtok": 1.0, "output_per_mtok": 2.0}],
            **fields}  # fmt: skip
    response = await tenant.client.post("/api/v1/providers", json=body, headers=tenant.admin)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def active_agent(tenant: Tenant, **fields: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """An active agent and the headers of its own key."""
    agent = await tenant.agent(**fields)
    for action in ("provision", "deploy"):
        moved = await tenant.client.post(f"/api/v1/agents/{agent['id']}/{action}", json={}, headers=tenant.admin)
        assert moved.status_code == 200, moved.text
    return agent, await tenant.key(agent_id=agent["id"])


async def spans_of(tenant: Tenant, agent_id: str, expected: int, timeout_s: float = 10.0) -> list[dict[str, Any]]:
    """The gateway spans of an agent once `expected` of them are stored (metering is asynchronous)."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        page = await tenant.client.get("/api/v1/traces", params={"agent": agent_id, "window": "1h"},
                                       headers=tenant.admin)  # fmt: skip
        assert page.status_code == 200, page.text
        traces = page.json()["items"]
        if len(traces) >= expected or asyncio.get_running_loop().time() > deadline:
            break
        await asyncio.sleep(0.2)
    spans: list[dict[str, Any]] = []
    for trace in traces:
        detail = await tenant.client.get(f"/api/v1/traces/{trace['trace_id']}", headers=tenant.admin)
        stack = list(detail.json()["roots"])
        while stack:
            node = stack.pop()
            spans.append(node)
            stack += node["children"]
    return spans
