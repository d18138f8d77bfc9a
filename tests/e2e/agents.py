"""Agents calling a real AMS from the end-to-end tests, with their own keys, as agents do: the gateway, the guard."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import httpx

from tests.integration.conftest import Server
from tests.integration.gateway_support import admin_client


@dataclass(frozen=True)
class Agent:
    id: str
    name: str
    key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


def active_agent(ams: Server, prefix: str) -> Agent:
    """A new agent, deployed, with a key of its own."""
    with admin_client(ams) as admin:
        project = admin.get("/api/v1/projects").json()[0]["id"]
        name = f"{prefix}-{os.urandom(2).hex()}"
        agent = admin.post("/api/v1/agents", json={"name": name, "platform": "custom", "project_id": project})
        assert agent.status_code == 201, agent.text
        agent_id = agent.json()["id"]
        for action in ("provision", "deploy"):
            admin.post(f"/api/v1/agents/{agent_id}/{action}", json={}).raise_for_status()
        key = admin.post("/api/v1/api-keys", json={"agent_id": agent_id}).json()["key"]
    return Agent(agent_id, name, key)


def chat(ams: Server, agent: Agent, alias: str) -> httpx.Response:
    body = {"model": alias, "messages": [{"role": "user", "content": "Summarise ticket 42"}]}
    return httpx.post(f"{ams.url}/v1/chat/completions", json=body, headers=agent.headers, timeout=30)


def guard(ams: Server, agent: Agent, action: str, trace_id: str | None = None, **arguments: object) -> httpx.Response:
    body: dict[str, object] = {"action": action, "arguments": arguments}
    if trace_id:
        body["trace_id"] = trace_id
    return httpx.post(f"{ams.url}/api/v1/guard/check", json=body, headers=agent.headers, timeout=30)


def eventually(check, timeout_s: float = 10.0):  # type: ignore[no-untyped-def]
    """The check's answer once it is truthy: the emergency stop and metering reach every path within moments."""
    deadline = time.monotonic() + timeout_s
    while True:
        answer = check()
        if answer or time.monotonic() > deadline:
            return answer
        time.sleep(0.2)
