"""An AMS for the SDK's end-to-end tests: a real `ams serve`, an admin client, active agents with their keys."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from tests.integration.conftest import Server


@dataclass
class Fleet:
    server: Server
    admin: httpx.Client
    organization_id: str
    project_id: str

    def agent(self, prefix: str = "sdk") -> tuple[dict[str, Any], str]:
        """A new active agent and its own key."""
        body = {"name": f"{prefix}-{os.urandom(3).hex()}", "platform": "custom", "project_id": self.project_id}
        made = self.admin.post("/api/v1/agents", json=body)
        assert made.status_code == 201, made.text
        agent = made.json()
        for action in ("provision", "deploy"):
            self.admin.post(f"/api/v1/agents/{agent['id']}/{action}", json={}).raise_for_status()
        key = self.admin.post("/api/v1/api-keys", json={"agent_id": agent["id"]})
        assert key.status_code == 201, key.text
        return agent, str(key.json()["key"])

    def policy(self, agent_id: str, *rules: dict[str, Any]) -> dict[str, Any]:
        body = {"organization_id": self.organization_id, "name": f"policy-{os.urandom(3).hex()}",
                "scope": {"type": "agent", "value": agent_id}, "rules": list(rules)}  # fmt: skip
        made = self.admin.post("/api/v1/policies", json=body)
        assert made.status_code == 201, made.text
        return dict(made.json())

    def trace(
        self, trace_id: str, complete: Callable[[list[dict[str, Any]]], bool], timeout_s: float = 20.0
    ) -> dict[str, Any]:
        """A trace once its spans are `complete` (export, ingest and the guard's metering are asynchronous)."""
        deadline = time.monotonic() + timeout_s
        detail: dict[str, Any] = {}
        while time.monotonic() < deadline:
            found = self.admin.get(f"/api/v1/traces/{trace_id}")
            if found.status_code == 200:
                detail = found.json()
                if complete(spans_of(detail)):
                    return detail
            time.sleep(0.2)
        raise AssertionError(f"trace {trace_id} did not complete: {detail}")

    def close(self) -> None:
        self.admin.close()
        self.server.stop()


def admin_fleet(server: Server) -> Fleet:
    admin = httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {server.login()}"}, timeout=30)
    project = admin.get("/api/v1/projects").json()[0]
    return Fleet(server, admin, project["organization_id"], project["id"])


def spans_of(detail: dict[str, Any]) -> list[dict[str, Any]]:
    """Every span of a trace detail, parents before children."""
    found, stack = [], list(reversed(detail["roots"]))
    while stack:
        node = stack.pop()
        found.append(node)
        stack += reversed(node["children"])
    return found


def wait_for(predicate: Callable[[], bool], timeout_s: float, step_s: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step_s)
    return predicate()
