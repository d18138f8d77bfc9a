"""Login, tokens, organizations, projects, users and API keys."""

import asyncio

import httpx

from tests.api.conftest import login


async def test_login_me_logout(tenant):
    me = await tenant.client.get("/api/v1/auth/me", headers=tenant.admin)
    assert me.status_code == 200
    assert me.json()["memberships"] == [
        {
            "organization_id": tenant.org_id,
            "organization_name": me.json()["memberships"][0]["organization_name"],
            "role": "admin",
        }
    ]
    assert (await tenant.client.post("/api/v1/auth/logout", headers=tenant.admin)).status_code == 204
    after = await tenant.client.get("/api/v1/auth/me", headers=tenant.admin)
    assert after.status_code == 401
    assert after.headers["www-authenticate"] == "Bearer"


async def test_bad_logins(client):
    wrong = await client.post("/api/v1/auth/login", json={"email": "root@ams.test", "password": "nope-nope"})
    assert wrong.status_code == 401 and wrong.json()["detail"] == "wrong email or password"
    unknown = await client.post("/api/v1/auth/login", json={"email": "ghost@ams.test", "password": "nope-nope"})
    assert unknown.status_code == 401 and unknown.json()["detail"] == wrong.json()["detail"]
    malformed = await client.post("/api/v1/auth/login", json={"email": "not-an-email", "password": "x"})
    assert malformed.status_code == 422 and malformed.json()["errors"][0]["field"] == "email"
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic abc"}):
        assert (await client.get("/api/v1/agents", headers=headers)).status_code == 401


async def test_only_the_installation_admin_creates_organizations(tenant, root):
    refused = await tenant.client.post("/api/v1/organizations", json={"name": "Mine"}, headers=tenant.admin)
    assert refused.status_code == 403
    made = await tenant.client.post("/api/v1/organizations", json={"name": "Acme Corp"}, headers=root)
    assert made.status_code == 201 and made.json()["slug"].startswith("acme-corp")
    same_slug = await tenant.client.post(
        "/api/v1/organizations", json={"name": "Other", "slug": made.json()["slug"]}, headers=root
    )
    assert same_slug.status_code == 409
    orgs = (await tenant.client.get("/api/v1/organizations", headers=tenant.admin)).json()
    assert [o["id"] for o in orgs] == [tenant.org_id] and orgs[0]["role"] == "admin"
    renamed = await tenant.client.patch(
        f"/api/v1/organizations/{tenant.org_id}", json={"name": "Renamed"}, headers=tenant.admin
    )
    assert renamed.json()["name"] == "Renamed"


async def test_projects(tenant):
    made = await tenant.client.post("/api/v1/projects", json={"name": "Data Team"}, headers=tenant.admin)
    assert made.status_code == 201, made.text
    project = made.json()
    assert project["organization_id"] == tenant.org_id and project["slug"] == "data-team"
    listed = (await tenant.client.get("/api/v1/projects", headers=tenant.admin)).json()
    assert {p["id"] for p in listed} == {tenant.project_id, project["id"]}
    patched = await tenant.client.patch(
        f"/api/v1/projects/{project['id']}", json={"description": "pipelines"}, headers=tenant.admin
    )
    assert patched.json()["description"] == "pipelines"
    await tenant.agent(project_id=project["id"])
    busy = await tenant.client.delete(f"/api/v1/projects/{project['id']}", headers=tenant.admin)
    assert busy.status_code == 409 and "agent" in busy.json()["detail"]
    empty = await tenant.client.post("/api/v1/projects", json={"name": "Empty"}, headers=tenant.admin)
    assert (
        await tenant.client.delete(f"/api/v1/projects/{empty.json()['id']}", headers=tenant.admin)
    ).status_code == 204
    _, viewer = await tenant.user("viewer")
    assert (await tenant.client.post("/api/v1/projects", json={"name": "V"}, headers=viewer)).status_code == 403


async def test_users_create_invite_role_change_and_removal(tenant):
    created = await tenant.client.post(
        "/api/v1/users",
        json={
            "email": "Ops@Example.COM",
            "organization_id": tenant.org_id,
            "role": "operator",
            "password": "pw-pw-pw-1",
        },
        headers=tenant.admin,
    )
    assert created.status_code == 201, created.text
    assert created.json()["email"] == "ops@example.com" and created.json()["invitation_token"] is None
    await login(tenant.client, "ops@example.com", "pw-pw-pw-1")
    duplicate = await tenant.client.post(
        "/api/v1/users",
        json={"email": "ops@example.com", "organization_id": tenant.org_id, "role": "viewer"},
        headers=tenant.admin,
    )
    assert duplicate.status_code == 409

    invited = await tenant.client.post(
        "/api/v1/users",
        json={"email": "new@example.com", "organization_id": tenant.org_id, "role": "viewer"},
        headers=tenant.admin,
    )
    token = invited.json()["invitation_token"]
    assert token and invited.json()["invitation_pending"] is True
    short = await tenant.client.post("/api/v1/auth/accept-invitation", json={"token": token, "password": "short"})
    assert short.status_code == 422 and short.json()["errors"][0]["field"] == "password"
    accepted = await tenant.client.post(
        "/api/v1/auth/accept-invitation", json={"token": token, "password": "long-enough"}
    )
    assert accepted.status_code == 200
    reused = await tenant.client.post(
        "/api/v1/auth/accept-invitation", json={"token": token, "password": "long-enough"}
    )
    assert reused.status_code == 401
    viewer_headers = await login(tenant.client, "new@example.com", "long-enough")

    user_id = invited.json()["id"]
    promoted = await tenant.client.patch(
        f"/api/v1/users/{user_id}", json={"organization_id": tenant.org_id, "role": "agent_owner"}, headers=tenant.admin
    )
    assert promoted.json()["role"] == "agent_owner"
    assert (
        await tenant.client.post("/api/v1/agents", json={"name": "n", "platform": "custom"}, headers=viewer_headers)
    ).status_code == 201
    members = (await tenant.client.get("/api/v1/users", headers=tenant.admin)).json()
    assert {m["email"]: m["role"] for m in members}["new@example.com"] == "agent_owner"
    removed = await tenant.client.delete(
        f"/api/v1/users/{user_id}", params={"organization_id": tenant.org_id}, headers=tenant.admin
    )
    assert removed.status_code == 204
    assert (await tenant.client.get("/api/v1/agents", headers=viewer_headers)).json()["items"] == []


async def test_last_admin_is_protected(tenant, root):
    # The installation's administrator made the organization and is its other admin: step them down first.
    root_id = (await tenant.client.get("/api/v1/auth/me", headers=root)).json()["id"]
    first = await tenant.client.patch(
        f"/api/v1/users/{root_id}", json={"organization_id": tenant.org_id, "role": "operator"}, headers=tenant.admin
    )
    assert first.status_code == 200, first.text
    demote = await tenant.client.patch(
        f"/api/v1/users/{tenant.admin_id}",
        json={"organization_id": tenant.org_id, "role": "viewer"},
        headers=tenant.admin,
    )
    assert demote.status_code == 409
    remove = await tenant.client.delete(
        f"/api/v1/users/{tenant.admin_id}", params={"organization_id": tenant.org_id}, headers=tenant.admin
    )
    assert remove.status_code == 409


async def test_project_keys_shown_once_listed_by_prefix_revocable(tenant):
    made = await tenant.client.post(
        "/api/v1/api-keys", json={"project_id": tenant.project_id, "role": "viewer", "name": "ci"}, headers=tenant.admin
    )
    assert made.status_code == 201
    key = made.json()
    assert key["key"].startswith("ams_") and key["prefix"] == key["key"][:12]
    headers = {"Authorization": f"Bearer {key['key']}"}
    assert (await tenant.client.get("/api/v1/agents", headers=headers)).status_code == 200
    assert (
        await tenant.client.post("/api/v1/agents", json={"name": "x", "platform": "custom"}, headers=headers)
    ).status_code == 403
    listed = await tenant.client.get("/api/v1/api-keys", headers=tenant.admin)
    assert key["key"] not in listed.text
    assert [k["prefix"] for k in listed.json()["items"]] == [key["prefix"]]
    # Its last use is recorded off the request's path, soon after.
    for _ in range(100):
        if listed.json()["items"][0]["last_used_at"] is not None:
            break
        await asyncio.sleep(0.05)
        listed = await tenant.client.get("/api/v1/api-keys", headers=tenant.admin)
    assert listed.json()["items"][0]["last_used_at"] is not None
    revoked = await tenant.client.delete(f"/api/v1/api-keys/{key['id']}", headers=tenant.admin)
    assert revoked.json()["revoked_at"] is not None
    denied = await tenant.client.get("/api/v1/agents", headers=headers)
    assert denied.status_code == 401 and "revoked" in denied.json()["detail"]
    assert (await tenant.client.get("/api/v1/api-keys", headers=tenant.admin)).json()["items"] == []
    everything = await tenant.client.get("/api/v1/api-keys", params={"include_revoked": True}, headers=tenant.admin)
    assert len(everything.json()["items"]) == 1


async def test_key_expiry_and_role_ceiling(tenant):
    past = await tenant.client.post(
        "/api/v1/api-keys",
        json={"project_id": tenant.project_id, "role": "viewer", "expires_at": "2000-01-01T00:00:00Z"},
        headers=tenant.admin,
    )
    assert past.status_code == 422 and past.json()["errors"][0]["field"] == "expires_at"
    soon = await tenant.client.post(
        "/api/v1/api-keys",
        json={"project_id": tenant.project_id, "role": "viewer", "expires_in_days": 1},
        headers=tenant.admin,
    )
    assert soon.status_code == 201 and soon.json()["expires_at"] is not None
    operator_key = await tenant.key(role="operator")
    escalate = await tenant.client.post(
        "/api/v1/api-keys", json={"project_id": tenant.project_id, "role": "admin"}, headers=operator_key
    )
    assert escalate.status_code == 403
    neither = await tenant.client.post("/api/v1/api-keys", json={"name": "x"}, headers=tenant.admin)
    assert neither.status_code == 422 and neither.json()["errors"][0]["field"] == "project_id"
    both = await tenant.client.post(
        "/api/v1/api-keys", json={"agent_id": "agt_x", "project_id": tenant.project_id}, headers=tenant.admin
    )
    assert both.status_code == 422 and both.json()["errors"][0]["field"] == "agent_id"


async def test_agent_key_acts_as_its_agent_only(tenant):
    mine = await tenant.agent()
    other = await tenant.agent()
    headers = await tenant.key(agent_id=mine["id"])
    me = (await tenant.client.get("/api/v1/auth/me", headers=headers)).json()
    assert me["kind"] == "agent_key" and me["agent_id"] == mine["id"]
    assert (await tenant.client.get(f"/api/v1/agents/{mine['id']}/status", headers=headers)).status_code == 200
    assert (await tenant.client.get(f"/api/v1/agents/{other['id']}", headers=headers)).status_code == 404
    listed = (await tenant.client.get("/api/v1/agents", headers=headers)).json()["items"]
    assert [a["id"] for a in listed] == [mine["id"]]
    assert (await tenant.client.post(f"/api/v1/agents/{mine['id']}/provision", headers=headers)).status_code == 403


async def test_system_health_needs_no_login(client: httpx.AsyncClient):
    health = await client.get("/api/v1/system/health")
    assert health.status_code == 200 and health.json()["status"] == "ok"


async def test_a_deleted_agents_key_stops_working_at_once(tenant):
    agent = await tenant.agent()
    headers = await tenant.key(agent_id=agent["id"])
    assert (await tenant.client.get(f"/api/v1/agents/{agent['id']}", headers=headers)).status_code == 200
    deleted = await tenant.client.delete(f"/api/v1/agents/{agent['id']}", headers=tenant.admin)
    assert deleted.status_code == 204, deleted.text
    denied = await tenant.client.get("/api/v1/agents", headers=headers)
    assert denied.status_code == 401 and "unknown" in denied.json()["detail"]
