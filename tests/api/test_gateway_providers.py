"""Provider and route management: registration, sealed keys, roles, audit, validation, failover preview."""

from tests.api.gateway_helpers import mock, register


async def test_register_and_list_providers_never_returns_the_key(tenant):
    async with mock() as upstream:
        created = await register(tenant, upstream, "local-vllm")
        assert created["has_api_key"] is True and "api_key" not in created
        assert created["models"][0]["context_window"] == 8000
        listed = await tenant.client.get("/api/v1/providers", headers=tenant.admin)
        assert [p["name"] for p in listed.json()["items"]] == ["local-vllm"]
        assert "sk-upstream-secret" not in listed.text
        audit = await tenant.client.get("/api/v1/audit", params={"resource_type": "provider"}, headers=tenant.admin)
        assert sorted(e["action"] for e in audit.json()["items"]) == ["credential.set", "provider.create"]
        assert "sk-upstream-secret" not in audit.text


async def test_bad_input_names_the_field(tenant):
    response = await tenant.client.post(
        "/api/v1/providers", json={"name": "x", "kind": "openai_compatible"}, headers=tenant.admin
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "base_url", "message": "required for an openai_compatible provider"}]
    response = await tenant.client.post(
        "/api/v1/providers", json={"name": "x", "kind": "nope", "base_url": "http://h"}, headers=tenant.admin
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "kind"


async def test_an_empty_key_on_edit_is_refused_and_the_sealed_key_kept(tenant):
    async with mock() as upstream:
        created = await register(tenant, upstream, "keyed")
    answer = await tenant.client.patch(
        f"/api/v1/providers/{created['id']}", json={"api_key": " "}, headers=tenant.admin
    )
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "api_key"
    after = await tenant.client.get(f"/api/v1/providers/{created['id']}", headers=tenant.admin)
    assert after.json()["has_api_key"] is True


async def test_viewers_read_admins_manage(tenant):
    _, viewer = await tenant.user("viewer")
    async with mock() as upstream:
        provider = await register(tenant, upstream, "p1")
    assert (await tenant.client.get(f"/api/v1/providers/{provider['id']}", headers=viewer)).status_code == 200
    refused = await tenant.client.put(
        f"/api/v1/providers/{provider['id']}/limits", json={"requests_per_minute": 5}, headers=viewer
    )
    assert refused.status_code == 403 and refused.json()["required_permission"] == "gateway.manage"
    changed = await tenant.client.put(
        f"/api/v1/providers/{provider['id']}/limits", json={"requests_per_minute": 5}, headers=tenant.admin
    )
    assert changed.json()["limits"]["requests_per_minute"] == 5


async def test_routes_check_their_targets_and_cannot_orphan(tenant, other_tenant):
    async with mock() as upstream:
        mine = await register(tenant, upstream, "mine")
        theirs = await register(other_tenant, upstream, "theirs")
    bad = await tenant.client.post(
        "/api/v1/routes",
        json={"alias": "smart", "targets": [{"provider_id": theirs["id"], "model": "mock-model"}]},
        headers=tenant.admin,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "targets.0.provider_id"
    unknown_model = await tenant.client.post(
        "/api/v1/routes",
        json={"alias": "smart", "targets": [{"provider_id": mine["id"], "model": "gpt-9"}]},
        headers=tenant.admin,
    )
    assert unknown_model.status_code == 422 and "gpt-9" in unknown_model.text
    route = await tenant.client.post(
        "/api/v1/routes",
        json={"alias": "smart", "targets": [{"provider_id": mine["id"], "model": "mock-model"}]},
        headers=tenant.admin,
    )
    assert route.status_code == 201, route.text
    blocked = await tenant.client.delete(f"/api/v1/providers/{mine['id']}", headers=tenant.admin)
    assert blocked.status_code == 409 and blocked.json()["routes"] == ["smart"]


async def test_failover_preview(tenant):
    async with mock() as a, mock() as b:
        first = await register(tenant, a, "first")
        second = await register(tenant, b, "second", models=[{"name": "mock-model", "context_window": 100_000}])
    await tenant.client.post(
        "/api/v1/routes",
        json={"alias": "chat", "strategy": "ordered", "targets": [
            {"provider_id": first["id"], "model": "mock-model"}, {"provider_id": second["id"], "model": "mock-model"}
        ]},
        headers=tenant.admin,
    )  # fmt: skip
    normal = await tenant.client.post("/api/v1/providers/test-failover", json={"alias": "chat"}, headers=tenant.admin)
    assert normal.json()["serving"]["provider"] == "first"
    failing = await tenant.client.post(
        "/api/v1/providers/test-failover", json={"alias": "chat", "failing": [first["id"]]}, headers=tenant.admin
    )
    body = failing.json()
    assert body["serving"]["provider"] == "second"
    assert {s["provider"]: s["skipped"] for s in body["order"]}["first"] == "marked failing"
    long_prompt = await tenant.client.post(
        "/api/v1/providers/test-failover", json={"alias": "chat", "prompt_tokens": 20_000}, headers=tenant.admin
    )
    assert long_prompt.json()["serving"]["provider"] == "second"


async def test_capabilities_matrix(tenant):
    async with mock() as upstream:
        await register(
            tenant, upstream, "caps",
            models=[{"name": "mock-model", "capabilities": ["chat", "tools"], "context_window": 4096}],
        )  # fmt: skip
    matrix = (await tenant.client.get("/api/v1/providers/capabilities", headers=tenant.admin)).json()
    row = matrix["items"][0]
    assert row["capabilities"]["tools"] is True and row["capabilities"]["embeddings"] is False
    assert row["context_window"] == 4096


async def test_project_and_key_limits(tenant, other_tenant):
    put = await tenant.client.put(
        f"/api/v1/projects/{tenant.project_id}/gateway-limits", json={"requests_per_minute": 100},
        headers=tenant.admin,
    )  # fmt: skip
    assert put.status_code == 200 and put.json()["limits"] == {"requests_per_minute": 100}
    foreign = await tenant.client.put(
        f"/api/v1/projects/{other_tenant.project_id}/gateway-limits", json={"requests_per_minute": 1},
        headers=tenant.admin,
    )  # fmt: skip
    assert foreign.status_code == 404
