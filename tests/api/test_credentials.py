"""The credential vault through an agent: secrets go in, only metadata comes out."""

SECRET = "sk-live-Zq8vJ2pW9xR4tY6u"


async def test_put_list_replace_delete(tenant):
    agent = await tenant.agent(
        platform="webhook", configuration={"url": "https://x.example/", "auth_credential": "api"}
    )
    url = f"/api/v1/agents/{agent['id']}/credentials"
    put = await tenant.client.put(f"{url}/api", json={"type": "api_key", "key": SECRET}, headers=tenant.admin)
    assert put.status_code == 200, put.text
    assert SECRET not in put.text
    assert set(put.json()) == {"name", "type", "created_at", "updated_at", "expires_at", "last_used_at"}
    basic = await tenant.client.put(
        f"{url}/upstream",
        json={"type": "basic_auth", "username": "bot", "password": "pw-123456", "expires_at": "2030-01-01T00:00:00Z"},
        headers=tenant.admin,
    )
    assert basic.status_code == 200
    listed = await tenant.client.get(url, headers=tenant.admin)
    assert [c["name"] for c in listed.json()] == ["api", "upstream"]
    assert SECRET not in listed.text and "pw-123456" not in listed.text
    replaced = await tenant.client.put(
        f"{url}/api", json={"type": "oauth_token", "access_token": "t"}, headers=tenant.admin
    )
    assert replaced.json()["type"] == "oauth_token"
    assert replaced.json()["created_at"] == put.json()["created_at"]
    assert (await tenant.client.delete(f"{url}/api", headers=tenant.admin)).status_code == 204
    assert (await tenant.client.delete(f"{url}/api", headers=tenant.admin)).status_code == 404
    audit = await tenant.client.get("/api/v1/audit", params={"action": "credential.*"}, headers=tenant.admin)
    assert [e["action"] for e in audit.json()["items"]] == [
        "credential.delete",
        "credential.replace",
        "credential.set",
        "credential.set",
    ]
    assert SECRET not in audit.text


async def test_each_type_needs_its_fields(tenant):
    agent = await tenant.agent()
    url = f"/api/v1/agents/{agent['id']}/credentials/x"
    cases = [
        ({"type": "api_key"}, "key is required"),
        ({"type": "basic_auth", "username": "u"}, "password is required"),
        ({"type": "webhook_secret", "secret": "s", "key": "k"}, "key is not a field"),
        ({"type": "magic"}, "api_key"),
    ]
    for body, message in cases:
        response = await tenant.client.put(url, json=body, headers=tenant.admin)
        assert response.status_code == 422, response.text
        assert message in response.text
    bad_name = await tenant.client.put(
        f"/api/v1/agents/{agent['id']}/credentials/bad name!",
        json={"type": "api_key", "key": "k"},
        headers=tenant.admin,
    )
    assert bad_name.status_code == 422 and bad_name.json()["errors"][0]["field"] == "name"


async def test_only_owner_or_admin_write_credentials(tenant):
    owner_id, owner = await tenant.user("agent_owner")
    _, operator = await tenant.user("operator")
    _, viewer = await tenant.user("viewer")
    mine = await tenant.agent(headers=owner)
    theirs = await tenant.agent()
    body = {"type": "webhook_secret", "secret": "whsec_1"}
    assert (
        await tenant.client.put(f"/api/v1/agents/{mine['id']}/credentials/w", json=body, headers=owner)
    ).status_code == 200
    for headers in (operator, viewer, owner):
        target = theirs if headers is owner else mine
        response = await tenant.client.put(f"/api/v1/agents/{target['id']}/credentials/w", json=body, headers=headers)
        assert response.status_code == 403, response.text
    listed = await tenant.client.get(f"/api/v1/agents/{mine['id']}/credentials", headers=viewer)
    assert listed.status_code == 200 and [c["name"] for c in listed.json()] == ["w"]
    assert owner_id
