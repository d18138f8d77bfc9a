async def test_agent_roundtrip(tenant):
    agent = await tenant.agent(platform="webhook", configuration={"url": "https://example.test/hook"}, tags=["x"])
    assert agent["lifecycle_state"] == "registered"
    r = await tenant.client.get(f"/api/v1/agents/{agent['id']}", headers=tenant.admin)
    assert r.status_code == 200, r.text
    assert r.json()["tags"] == ["x"]
