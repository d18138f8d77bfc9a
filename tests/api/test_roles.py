"""DESIGN §6's roles on the agent endpoints: Viewer reads, Operator moves, Agent Owner edits their own
agents, Admin does everything."""

import pytest

READ, CREATE, EDIT, DELETE, MOVE, VERSION, CREDENTIAL, AGENT_KEY = (
    "read",
    "create",
    "edit",
    "delete",
    "move",
    "version",
    "credential",
    "agent_key",
)
# role (and whether the agent is the caller's own) -> what it may do
EXPECTED = {
    ("viewer", False): {READ},
    ("operator", False): {READ, MOVE},
    ("agent_owner", True): {READ, CREATE, EDIT, DELETE, MOVE, VERSION, CREDENTIAL, AGENT_KEY},
    ("agent_owner", False): {READ, CREATE},
    ("admin", False): {READ, CREATE, EDIT, DELETE, MOVE, VERSION, CREDENTIAL, AGENT_KEY},
}


async def _attempt(client, headers, action, agent_id, project_id):
    base = f"/api/v1/agents/{agent_id}"
    calls = {
        READ: ("GET", base, None),
        CREATE: (
            "POST",
            "/api/v1/agents",
            {"name": f"new-{agent_id[-8:]}", "platform": "custom", "project_id": project_id},
        ),
        EDIT: ("PATCH", base, {"description": "edited"}),
        DELETE: ("DELETE", base, None),
        MOVE: ("POST", f"{base}/provision", {"reason": "r"}),
        VERSION: ("POST", f"{base}/versions", {"version": "1.0.0"}),
        CREDENTIAL: ("PUT", f"{base}/credentials/c", {"type": "api_key", "key": "k"}),
        AGENT_KEY: ("POST", "/api/v1/api-keys", {"agent_id": agent_id}),
    }
    method, url, body = calls[action]
    response = await client.request(method, url, json=body, headers=headers)
    assert response.status_code in (200, 201, 204, 403), f"{action}: {response.status_code} {response.text}"
    return response.status_code != 403


@pytest.mark.parametrize(("role", "own"), list(EXPECTED))
async def test_agent_permission_matrix(tenant, role, own):
    user_id, headers = (await tenant.user(role)) if role != "admin" else (tenant.admin_id, tenant.admin)
    allowed = set()
    for action in (READ, CREATE, EDIT, VERSION, CREDENTIAL, AGENT_KEY, MOVE, DELETE):
        # A fresh agent per action, so that one action's effect (a move, a deletion) cannot mask another's.
        agent = await tenant.agent(owner_id=user_id if own else tenant.admin_id)
        if await _attempt(tenant.client, headers, action, agent["id"], tenant.project_id):
            allowed.add(action)
    assert allowed == EXPECTED[(role, own)]


@pytest.mark.parametrize("role", ["viewer", "operator", "agent_owner"])
async def test_only_admins_manage_people_projects_and_project_keys(tenant, role):
    _, headers = await tenant.user(role)
    for method, url, body in [
        (
            "POST",
            "/api/v1/users",
            {
                "email": f"x-{role}@x.test",
                "organization_id": tenant.org_id,
                "role": "viewer",
                "password": "password-123",
            },
        ),
        ("PATCH", f"/api/v1/users/{tenant.admin_id}", {"organization_id": tenant.org_id, "role": "viewer"}),
        ("POST", "/api/v1/projects", {"name": "p"}),
        ("PATCH", f"/api/v1/projects/{tenant.project_id}", {"name": "p"}),
        ("POST", "/api/v1/api-keys", {"project_id": tenant.project_id, "role": "viewer"}),
        ("PATCH", f"/api/v1/organizations/{tenant.org_id}", {"name": "o"}),
    ]:
        response = await tenant.client.request(method, url, json=body, headers=headers)
        assert response.status_code == 403, f"{role} {method} {url}: {response.status_code}"
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("role", ["viewer", "operator"])
async def test_project_keys_carry_their_role(tenant, role):
    headers = await tenant.key(role=role)
    agent = await tenant.agent()
    moved = await tenant.client.post(f"/api/v1/agents/{agent['id']}/provision", headers=headers)
    assert moved.status_code == (200 if role == "operator" else 403)
    created = await tenant.client.post("/api/v1/agents", json={"name": "k", "platform": "custom"}, headers=headers)
    assert created.status_code == 403
