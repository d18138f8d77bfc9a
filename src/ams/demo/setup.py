"""Creating the demo in AMS through its HTTP API, as an administrator would: teams as projects, the mock provider,
the agents with their versions, deployed and keyed, and the policies that make the interesting behaviours.

Idempotent: a second run finds what the first made (by name) and only issues new agent keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from ams.demo.fleet import FLEET, MODELS, PROVIDER, TEAMS, DemoAgent


class DemoSetupError(Exception):
    """AMS refused a step of the demo's setup; the message names the step and AMS's answer."""


@dataclass(frozen=True)
class ReadyAgent:
    spec: DemoAgent
    agent_id: str
    key: str


def _ok(response: httpx.Response, step: str, *accepted: int) -> Any:
    if response.status_code not in (accepted or (200, 201)):
        raise DemoSetupError(f"{step}: AMS answered {response.status_code}: {response.text[:300]}")
    return response.json() if response.content else None


def login(url: str, email: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=30)
    answer = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    if answer.status_code != 200:
        raise DemoSetupError(
            f"cannot log in as {email} ({answer.status_code}): this data directory has another administrator; "
            "set AMS_ADMIN_PASSWORD to their password, or use a fresh --data-dir"
        )
    client.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    return client


def _projects(admin: httpx.Client, organization_id: str) -> dict[str, str]:
    found = _ok(admin.get("/api/v1/projects", params={"organization_id": organization_id}), "list projects")
    items = found["items"] if isinstance(found, dict) else found
    by_name = {p["name"]: p["id"] for p in items}
    for team in TEAMS:
        if team not in by_name:
            made = admin.post("/api/v1/projects", json={"organization_id": organization_id, "name": team,
                                                         "description": f"The demo's {team} team"})  # fmt: skip
            by_name[team] = _ok(made, f"create project {team}")["id"]
    return by_name


def _provider(admin: httpx.Client, organization_id: str, mock_url: str) -> None:
    body = {
        "organization_id": organization_id, "name": PROVIDER, "kind": "openai_compatible", "base_url": mock_url,
        "api_key": "sk-demo-mock",
        "models": [{"name": name, "context_window": 128_000, "input_per_mtok": prices[0],
                    "output_per_mtok": prices[1]} for name, prices in MODELS.items()],
    }  # fmt: skip
    found = _ok(admin.get("/api/v1/providers", params={"organization_id": organization_id}), "list providers")
    existing = next((p for p in _items(found) if p["name"] == PROVIDER), None)
    if existing is None:
        _ok(admin.post("/api/v1/providers", json=body), "register the mock provider")
    else:
        # The mock provider listens on a new port each run.
        for fixed in ("organization_id", "name", "kind"):
            body.pop(fixed)
        _ok(admin.patch(f"/api/v1/providers/{existing['id']}", json=body), "point the provider at the mock")


def _items(found: Any) -> list[dict[str, Any]]:
    return list(found["items"] if isinstance(found, dict) else found)


def _agent(admin: httpx.Client, spec: DemoAgent, project_id: str) -> str:
    body = {"name": spec.name, "project_id": project_id, "platform": spec.platform, "description": spec.description,
            "tags": list(spec.tags), "capabilities": list(spec.tools)}  # fmt: skip
    made = admin.post("/api/v1/agents", json=body)
    if made.status_code == 409:
        agent = _ok(admin.get(f"/api/v1/agents/{spec.name}", params={"project_id": project_id}), "read agent")
    else:
        agent = _ok(made, f"register {spec.name}")
    agent_id = str(agent["id"])
    for version in (spec.version, spec.canary_version):
        if version:
            version_body = {"version": version, "model": spec.model, "make_current": version == spec.version,
                            "notes": "canary" if version == spec.canary_version else "stable"}  # fmt: skip
            made = admin.post(f"/api/v1/agents/{agent_id}/versions", json=version_body)
            _ok(made, f"version {version} of {spec.name}", 201, 409)
    _bring_up(admin, agent_id, spec.name)
    return agent_id


def _bring_up(admin: httpx.Client, agent_id: str, name: str) -> None:
    """To active, from wherever a previous demo left it (paused by its spend cap, stopped, ...)."""
    status = _ok(admin.get(f"/api/v1/agents/{agent_id}/status"), f"status of {name}")
    moves = {"registered": ["provision", "deploy"], "provisioning": ["deploy"], "paused": ["resume"],
             "maintenance": ["resume"], "quarantined": ["resume"]}  # fmt: skip
    for action in moves.get(status["lifecycle_state"], []):
        _ok(admin.post(f"/api/v1/agents/{agent_id}/{action}", json={"reason": "demo start"}), f"{action} {name}")


def _policy(admin: httpx.Client, organization_id: str, spec: DemoAgent, agent_id: str) -> None:
    if spec.policy is None:
        return
    name = f"demo: {spec.name}"
    found = _ok(admin.get("/api/v1/policies", params={"organization_id": organization_id}), "list policies")
    if any(p["name"] == name for p in _items(found)):
        return
    body = {"organization_id": organization_id, "name": name, "description": spec.description,
            "scope": {"type": "agent", "value": agent_id}, "rules": [spec.policy]}  # fmt: skip
    _ok(admin.post("/api/v1/policies", json=body), f"policy for {spec.name}")


def set_up(admin: httpx.Client, mock_url: str) -> list[ReadyAgent]:
    """The demo in AMS, each agent active with a fresh key."""
    organization_id = _items(_ok(admin.get("/api/v1/organizations"), "list organizations"))[0]["id"]
    # A demo restarted after an emergency stop starts unstopped.
    admin.post("/api/v1/emergency-stop/release", json={"organization_id": organization_id, "scope": "fleet"})
    projects = _projects(admin, organization_id)
    _provider(admin, organization_id, mock_url)
    ready = []
    for spec in FLEET:
        agent_id = _agent(admin, spec, projects[spec.team])
        _policy(admin, organization_id, spec, agent_id)
        key = _ok(admin.post("/api/v1/api-keys", json={"agent_id": agent_id}), f"key for {spec.name}")["key"]
        ready.append(ReadyAgent(spec, agent_id, str(key)))
    return ready
