"""Agent versions: immutable snapshots, the current pointer, and refusal of a reused number."""


async def test_versions_snapshot_and_current_pointer(tenant):
    agent = await tenant.agent(platform="custom", configuration={"model": "gpt-4o", "temperature": 0.2})
    first = await tenant.client.post(
        f"/api/v1/agents/{agent['id']}/versions",
        json={"version": "1.0.0", "notes": "first", "prompt_refs": [{"name": "system", "version": "3"}]},
        headers=tenant.admin,
    )
    assert first.status_code == 201, first.text
    v1 = first.json()
    assert v1["configuration"] == agent["configuration"]
    assert v1["model"] == "gpt-4o" and v1["is_current"] is True
    assert v1["prompt_refs"] == [{"name": "system", "version": "3"}]
    # Changing the agent later leaves the snapshot as it was.
    await tenant.client.patch(
        f"/api/v1/agents/{agent['id']}", json={"configuration": {"model": "gpt-4.1"}}, headers=tenant.admin
    )
    second = await tenant.client.post(
        f"/api/v1/agents/{agent['id']}/versions", json={"version": "1.1.0", "model": "gpt-4.1"}, headers=tenant.admin
    )
    assert second.status_code == 201
    listed = (await tenant.client.get(f"/api/v1/agents/{agent['id']}/versions", headers=tenant.admin)).json()
    assert [v["version"] for v in listed["items"]] == ["1.1.0", "1.0.0"]
    assert [v["is_current"] for v in listed["items"]] == [True, False]
    old = (await tenant.client.get(f"/api/v1/agents/{agent['id']}/versions/1.0.0", headers=tenant.admin)).json()
    assert old["configuration"]["model"] == "gpt-4o"
    current = (await tenant.client.get(f"/api/v1/agents/{agent['id']}", headers=tenant.admin)).json()
    assert current["current_version"] == "1.1.0" and current["current_version_id"] == second.json()["id"]


async def test_reused_version_number_is_refused(tenant):
    agent = await tenant.agent()
    url = f"/api/v1/agents/{agent['id']}/versions"
    assert (await tenant.client.post(url, json={"version": "2.0.0"}, headers=tenant.admin)).status_code == 201
    again = await tenant.client.post(url, json={"version": "2.0.0", "notes": "sneaky"}, headers=tenant.admin)
    assert again.status_code == 409
    assert "2.0.0" in again.json()["detail"]
    listed = (await tenant.client.get(url, headers=tenant.admin)).json()
    assert [v["notes"] for v in listed["items"]] == [""]


async def test_version_must_be_semver_and_config_valid(tenant):
    agent = await tenant.agent(platform="webhook", configuration={"url": "https://x.example/"})
    url = f"/api/v1/agents/{agent['id']}/versions"
    bad = await tenant.client.post(url, json={"version": "v1"}, headers=tenant.admin)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "version"
    bad_config = await tenant.client.post(url, json={"version": "1.0.0", "configuration": {}}, headers=tenant.admin)
    assert bad_config.status_code == 422 and bad_config.json()["errors"][0]["field"] == "configuration.url"


async def test_make_current_false_keeps_the_pointer(tenant):
    agent = await tenant.agent()
    url = f"/api/v1/agents/{agent['id']}/versions"
    await tenant.client.post(url, json={"version": "1.0.0"}, headers=tenant.admin)
    draft = await tenant.client.post(url, json={"version": "2.0.0-rc.1", "make_current": False}, headers=tenant.admin)
    assert draft.json()["is_current"] is False
    current = (await tenant.client.get(f"/api/v1/agents/{agent['id']}", headers=tenant.admin)).json()
    assert current["current_version"] == "1.0.0"
    missing = await tenant.client.get(f"{url}/9.9.9", headers=tenant.admin)
    assert missing.status_code == 404
