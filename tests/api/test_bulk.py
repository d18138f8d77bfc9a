"""Bulk operations: one operation, many ids, a result per id; one refusal neither stops nor undoes others."""


async def test_bulk_lifecycle_with_mixed_results(tenant):
    ready = [await tenant.agent() for _ in range(3)]
    registered = await tenant.agent()
    for agent in ready:
        await tenant.client.post(f"/api/v1/agents/{agent['id']}/provision", headers=tenant.admin)
    ids = [a["id"] for a in ready] + [registered["id"], "agt_missing"]
    response = await tenant.client.post(
        "/api/v1/agents/bulk", json={"operation": "deploy", "ids": ids, "reason": "release"}, headers=tenant.admin
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["succeeded"] == 3 and body["failed"] == 2
    by_id = {r["id"]: r for r in body["results"]}
    assert [r["id"] for r in body["results"]] == ids
    assert all(by_id[a["id"]]["lifecycle_state"] == "active" for a in ready)
    assert by_id[registered["id"]]["status"] == 409 and "registered" in by_id[registered["id"]]["error"]
    assert by_id["agt_missing"]["status"] == 404
    for agent in ready:
        state = (await tenant.client.get(f"/api/v1/agents/{agent['id']}/status", headers=tenant.admin)).json()
        assert state["lifecycle_state"] == "active" and state["state_reason"] == "release"
    audit = (await tenant.client.get("/api/v1/audit", params={"action": "agent.deploy"}, headers=tenant.admin)).json()
    assert len(audit["items"]) == 3
    verify = (await tenant.client.get("/api/v1/audit/verify", headers=tenant.admin)).json()
    assert verify[0]["ok"] is True


async def test_bulk_tags_and_delete(tenant):
    agents = [await tenant.agent(tags=["old"]) for _ in range(3)]
    ids = [a["id"] for a in agents]
    added = await tenant.client.post(
        "/api/v1/agents/bulk",
        json={"operation": "add_tags", "ids": ids, "tags": ["new", "team-a"]},
        headers=tenant.admin,
    )
    assert added.json()["succeeded"] == 3
    listed = (await tenant.client.get("/api/v1/agents", params={"tag": "team-a"}, headers=tenant.admin)).json()
    assert sorted(a["id"] for a in listed["items"]) == sorted(ids)
    assert all(a["tags"] == ["new", "old", "team-a"] for a in listed["items"])
    removed = await tenant.client.post(
        "/api/v1/agents/bulk", json={"operation": "remove_tags", "ids": ids, "tags": ["old"]}, headers=tenant.admin
    )
    assert removed.json()["succeeded"] == 3
    no_tags = await tenant.client.post(
        "/api/v1/agents/bulk", json={"operation": "add_tags", "ids": ids}, headers=tenant.admin
    )
    assert no_tags.status_code == 422 and no_tags.json()["errors"][0]["field"] == "tags"
    deleted = await tenant.client.post(
        "/api/v1/agents/bulk", json={"operation": "delete", "ids": ids}, headers=tenant.admin
    )
    assert deleted.json()["succeeded"] == 3
    assert (await tenant.client.get("/api/v1/agents", headers=tenant.admin)).json()["items"] == []


async def test_bulk_respects_roles_per_agent(tenant):
    owner_id, owner = await tenant.user("agent_owner")
    mine = await tenant.agent(headers=owner)
    theirs = await tenant.agent()
    response = await tenant.client.post(
        "/api/v1/agents/bulk",
        json={"operation": "quarantine", "ids": [mine["id"], theirs["id"]], "reason": "r"},
        headers=owner,
    )
    statuses = [r["status"] for r in response.json()["results"]]
    assert statuses == [200, 403]
    assert owner_id


async def test_bulk_input_is_checked(tenant):
    for body, field in [
        ({"operation": "explode", "ids": ["a"]}, "operation"),
        ({"operation": "pause", "ids": []}, "ids"),
        ({"operation": "pause"}, "ids"),
    ]:
        response = await tenant.client.post("/api/v1/agents/bulk", json=body, headers=tenant.admin)
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == field
