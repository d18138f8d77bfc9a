"""The audit trail through HTTP: every mutation appends an entry; filters; verification."""


async def test_mutations_are_audited_with_actor_and_summary(tenant):
    agent = await tenant.agent(name="audited", tags=["a"])
    await tenant.client.patch(f"/api/v1/agents/{agent['id']}", json={"tags": ["b"]}, headers=tenant.admin)
    await tenant.client.post(f"/api/v1/agents/{agent['id']}/provision", json={"reason": "go"}, headers=tenant.admin)
    await tenant.client.post(f"/api/v1/agents/{agent['id']}/versions", json={"version": "1.0.0"}, headers=tenant.admin)
    entries = (
        await tenant.client.get("/api/v1/audit", params={"resource_id": agent["id"]}, headers=tenant.admin)
    ).json()["items"]
    assert [e["action"] for e in entries] == ["agent.version.create", "agent.provision", "agent.update", "agent.create"]
    update = entries[2]
    assert update["summary"] == {"before": {"tags": ["a"]}, "after": {"tags": ["b"]}}
    assert entries[1]["summary"]["reason"] == "go"
    assert entries[1]["summary"]["after"] == {"state": "provisioning"}
    me = (await tenant.client.get("/api/v1/auth/me", headers=tenant.admin)).json()
    assert all(e["actor"] == {"type": "user", "id": me["id"], "label": me["email"]} for e in entries)
    seqs = [e["seq"] for e in entries]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == 4


async def test_filters_and_keys_as_actors(tenant):
    agent = await tenant.agent()
    operator_key = await tenant.key(role="operator")
    await tenant.client.post(f"/api/v1/agents/{agent['id']}/provision", headers=operator_key)
    by_action = (
        await tenant.client.get("/api/v1/audit", params={"action": "agent.provision"}, headers=tenant.admin)
    ).json()["items"]
    assert len(by_action) == 1 and by_action[0]["actor"]["type"] == "project_key"
    label = by_action[0]["actor"]["label"]
    by_actor = (await tenant.client.get("/api/v1/audit", params={"actor": label}, headers=tenant.admin)).json()
    assert [e["action"] for e in by_actor["items"]] == ["agent.provision"]
    by_type = (
        await tenant.client.get("/api/v1/audit", params={"resource_type": "api_key"}, headers=tenant.admin)
    ).json()["items"]
    assert [e["action"] for e in by_type] == ["api_key.create"]
    future = (
        await tenant.client.get("/api/v1/audit", params={"since": "2999-01-01T00:00:00"}, headers=tenant.admin)
    ).json()
    assert future["items"] == []
    page = (await tenant.client.get("/api/v1/audit", params={"limit": 2}, headers=tenant.admin)).json()
    rest = (
        await tenant.client.get(
            "/api/v1/audit", params={"limit": 50, "cursor": page["next_cursor"]}, headers=tenant.admin
        )
    ).json()
    assert {e["id"] for e in page["items"]}.isdisjoint(e["id"] for e in rest["items"])


async def test_verify_reports_intact_chain(tenant):
    await tenant.agent()
    report = (await tenant.client.get("/api/v1/audit/verify", headers=tenant.admin)).json()
    assert len(report) == 1
    assert report[0]["organization_id"] == tenant.org_id
    assert report[0]["ok"] is True and report[0]["entries_checked"] >= 4 and report[0]["first_break"] is None


async def test_agent_keys_cannot_read_the_trail(tenant):
    agent = await tenant.agent()
    key = await tenant.key(agent_id=agent["id"])
    assert (await tenant.client.get("/api/v1/audit", headers=key)).status_code == 403
