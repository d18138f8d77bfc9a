"""Lifecycle actions through HTTP: moves, refusals naming the state, versions on deploy, retirement."""


async def _move(tenant, agent_id, action, **body):
    return await tenant.client.post(f"/api/v1/agents/{agent_id}/{action}", json=body, headers=tenant.admin)


async def test_full_lifecycle_with_reasons(tenant):
    agent = await tenant.agent()
    for action, state in [
        ("provision", "provisioning"),
        ("deploy", "active"),
        ("pause", "paused"),
        ("resume", "active"),
        ("maintenance", "maintenance"),
        ("resume", "active"),
        ("quarantine", "quarantined"),
        ("resume", "active"),
    ]:
        response = await _move(tenant, agent["id"], action, reason=f"because {action}")
        assert response.status_code == 200, response.text
        assert response.json()["lifecycle_state"] == state
        assert response.json()["state_reason"] == f"because {action}"
    status = (await tenant.client.get(f"/api/v1/agents/{agent['id']}/status", headers=tenant.admin)).json()
    assert status["lifecycle_state"] == "active"
    assert status["allowed_actions"] == ["deploy", "pause", "maintenance", "quarantine", "retire"]


async def test_invalid_move_is_409_naming_state_and_allowed_moves(tenant):
    agent = await tenant.agent()
    response = await _move(tenant, agent["id"], "pause", reason="x")
    assert response.status_code == 409
    body = response.json()
    assert body["current_state"] == "registered"
    assert body["allowed_actions"] == ["provision", "quarantine", "retire"]
    assert "registered" in body["detail"] and "provision" in body["detail"]
    assert response.headers["content-type"] == "application/problem+json"


async def test_action_without_body_is_accepted(tenant):
    agent = await tenant.agent()
    response = await tenant.client.post(f"/api/v1/agents/{agent['id']}/provision", headers=tenant.admin)
    assert response.status_code == 200 and response.json()["lifecycle_state"] == "provisioning"


async def test_deploy_a_version(tenant):
    agent = await tenant.agent()
    for number in ("1.0.0", "1.1.0"):
        made = await tenant.client.post(
            f"/api/v1/agents/{agent['id']}/versions", json={"version": number}, headers=tenant.admin
        )
        assert made.status_code == 201
    await _move(tenant, agent["id"], "provision")
    deployed = await _move(tenant, agent["id"], "deploy", version="1.0.0", reason="rollback")
    assert deployed.status_code == 200, deployed.text
    assert deployed.json()["current_version"] == "1.0.0"
    unknown = await _move(tenant, agent["id"], "deploy", version="9.9.9")
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "version"
    misplaced = await _move(tenant, agent["id"], "pause", version="1.1.0")
    assert misplaced.status_code == 422 and misplaced.json()["errors"][0]["field"] == "version"


async def test_retire_decommissions_and_revokes_agent_keys(tenant):
    agent = await tenant.agent()
    key_headers = await tenant.key(agent_id=agent["id"])
    assert (await tenant.client.get(f"/api/v1/agents/{agent['id']}", headers=key_headers)).status_code == 200
    retired = await _move(tenant, agent["id"], "retire", reason="replaced")
    assert retired.json()["lifecycle_state"] == "decommissioned"
    assert retired.json()["allowed_actions"] == []
    assert (await tenant.client.get(f"/api/v1/agents/{agent['id']}", headers=key_headers)).status_code == 401
    again = await _move(tenant, agent["id"], "resume")
    assert again.status_code == 409
    new_key = await tenant.client.post("/api/v1/api-keys", json={"agent_id": agent["id"]}, headers=tenant.admin)
    assert new_key.status_code == 409
    audit = await tenant.client.get(
        "/api/v1/audit", params={"resource_id": agent["id"], "action": "agent.*"}, headers=tenant.admin
    )
    actions = [e["action"] for e in audit.json()["items"]]
    assert actions[:2] == ["agent.decommissioned", "agent.retire"]


async def test_unknown_action_is_404(tenant):
    agent = await tenant.agent()
    response = await tenant.client.post(f"/api/v1/agents/{agent['id']}/explode", headers=tenant.admin)
    assert response.status_code in (404, 405)
    assert response.headers["content-type"] == "application/problem+json"
