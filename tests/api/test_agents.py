"""The agent registry through HTTP: create, read, list with filters, sort and pages, update, delete, clone."""

PROBLEM = "application/problem+json"


async def test_create_and_read_by_id_and_name(tenant):
    agent = await tenant.agent(
        name="billing-bot",
        platform="n8n",
        configuration={"webhook_url": "https://n8n.example/webhook/42"},
        tags=["finance", "eu"],
        capabilities=["invoices"],
        description="Sends invoices",
        limits={"max_cost_per_day_usd": 12.5},
    )
    assert agent["lifecycle_state"] == "registered"
    assert agent["health"] == "unknown" and agent["activity"] == "idle"
    assert agent["tags"] == ["eu", "finance"]
    assert agent["limits"] == {"max_cost_per_day_usd": 12.5}
    assert agent["owner_id"] == tenant.admin_id
    assert agent["allowed_actions"] == ["provision", "quarantine", "retire"]
    by_id = await tenant.client.get(f"/api/v1/agents/{agent['id']}", headers=tenant.admin)
    by_name = await tenant.client.get("/api/v1/agents/billing-bot", headers=tenant.admin)
    assert by_id.json() == by_name.json() == agent


async def test_configuration_is_validated_per_platform_naming_the_field(tenant):
    cases = [
        ("webhook", {}, "configuration.url"),
        ("n8n", {"webhook_url": "ftp://nope"}, "configuration.webhook_url"),
        ("langgraph", {"server_url": "http://lg:8123"}, "configuration.graph_id"),
        ("zapier", {"webhook_url": "https://hooks.zapier.com/x", "secret": "x"}, "configuration.secret"),
    ]
    for platform, config, field in cases:
        response = await tenant.client.post(
            "/api/v1/agents",
            json={"name": "x", "platform": platform, "configuration": config, "project_id": tenant.project_id},
            headers=tenant.admin,
        )
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == PROBLEM
        assert [e["field"] for e in response.json()["errors"]] == [field]
    listed = await tenant.client.get("/api/v1/agents", headers=tenant.admin)
    assert listed.json()["items"] == []  # nothing half-written


async def test_bad_fields_are_named(tenant):
    response = await tenant.client.post(
        "/api/v1/agents",
        json={"name": "", "platform": "skynet", "tags": ["ok", "bad tag!"], "limits": {"max_requests_per_minute": 0}},
        headers=tenant.admin,
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"name", "platform", "tags", "limits.max_requests_per_minute"} <= fields


async def test_duplicate_name_in_project_is_a_conflict(tenant):
    await tenant.agent(name="dup")
    response = await tenant.client.post(
        "/api/v1/agents",
        json={"name": "dup", "platform": "custom", "project_id": tenant.project_id},
        headers=tenant.admin,
    )
    assert response.status_code == 409
    assert "dup" in response.json()["detail"]


async def test_project_defaults_to_the_only_one(tenant):
    response = await tenant.client.post(
        "/api/v1/agents", json={"name": "solo", "platform": "custom"}, headers=tenant.admin
    )
    assert response.status_code == 201, response.text
    assert response.json()["project_id"] == tenant.project_id


async def test_filters(tenant):
    a = await tenant.agent(name="alpha", platform="crewai", tags=["red", "eu"], capabilities=["search"])
    b = await tenant.agent(name="beta", platform="custom", tags=["red"], description="handles alpha requests")
    c = await tenant.agent(name="gamma", platform="custom", tags=["blue"], capabilities=["search", "write"])
    await tenant.client.post(f"/api/v1/agents/{c['id']}/provision", headers=tenant.admin)
    _, owner_headers = await tenant.user("agent_owner")
    d = await tenant.agent(headers=owner_headers, name="delta", platform="custom")

    async def names(**params):
        response = await tenant.client.get("/api/v1/agents", params={**params, "sort": "name"}, headers=tenant.admin)
        assert response.status_code == 200, response.text
        return [item["name"] for item in response.json()["items"]]

    assert await names(tag="red") == ["alpha", "beta"]
    assert await names(tag=["red", "eu"]) == ["alpha"]
    assert await names(tag="red,eu") == ["alpha"]
    assert await names(capability="search") == ["alpha", "gamma"]
    assert await names(platform="crewai") == ["alpha"]
    assert await names(state="provisioning") == ["gamma"]
    assert await names(state=["provisioning", "registered"]) == ["alpha", "beta", "delta", "gamma"]
    assert await names(state="provisioning,registered") == ["alpha", "beta", "delta", "gamma"]
    assert await names(platform="crewai,custom") == ["alpha", "beta", "delta", "gamma"]
    assert await names(health="unknown") == ["alpha", "beta", "delta", "gamma"]
    assert await names(health="offline") == []
    assert await names(q="ALPHA") == ["alpha", "beta"]
    assert await names(q="100%") == []
    assert await names(owner=d["owner_id"]) == ["delta"]
    assert await names(owner="me") == ["alpha", "beta", "gamma"]
    assert a and b
    bad = await tenant.client.get("/api/v1/agents", params={"state": "active,sleeping"}, headers=tenant.admin)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "state"
    assert "'sleeping' is not one of registered" in bad.json()["errors"][0]["message"]


async def test_pagination_and_sort_walk_every_agent_once(tenant):
    for i in range(7):
        await tenant.agent(name=f"p-{i % 3}-{i}")
    for sort in ("name", "-name", "created_at", "-created_at", "lifecycle_state"):
        seen, cursor = [], None
        for _ in range(10):
            params = {"limit": 3, "sort": sort, **({"cursor": cursor} if cursor else {})}
            page = (await tenant.client.get("/api/v1/agents", params=params, headers=tenant.admin)).json()
            seen += [item["name"] for item in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert len(seen) == 7 and len(set(seen)) == 7
        if sort == "name":
            assert seen == sorted(seen)
        if sort == "-name":
            assert seen == sorted(seen, reverse=True)
    bad_sort = await tenant.client.get("/api/v1/agents", params={"sort": "password"}, headers=tenant.admin)
    assert bad_sort.status_code == 422 and bad_sort.json()["errors"][0]["field"] == "sort"
    bad_cursor = await tenant.client.get("/api/v1/agents", params={"cursor": "garbage"}, headers=tenant.admin)
    assert bad_cursor.status_code == 422 and bad_cursor.json()["errors"][0]["field"] == "cursor"
    bad_limit = await tenant.client.get("/api/v1/agents", params={"limit": 0}, headers=tenant.admin)
    assert bad_limit.status_code == 422


async def test_update(tenant):
    agent = await tenant.agent(platform="webhook", configuration={"url": "https://a.example/run"})
    response = await tenant.client.patch(
        f"/api/v1/agents/{agent['id']}",
        json={"description": "new", "tags": ["x"], "configuration": {"url": "https://b.example/run"}},
        headers=tenant.admin,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["description"] == "new" and body["tags"] == ["x"]
    assert body["configuration"]["url"] == "https://b.example/run"
    invalid = await tenant.client.patch(
        f"/api/v1/agents/{agent['id']}", json={"configuration": {"method": "GET"}}, headers=tenant.admin
    )
    assert invalid.status_code == 422
    assert {e["field"] for e in invalid.json()["errors"]} == {"configuration.url", "configuration.method"}
    unchanged = await tenant.client.get(f"/api/v1/agents/{agent['id']}", headers=tenant.admin)
    assert unchanged.json()["configuration"]["url"] == "https://b.example/run"
    stranger = await tenant.client.patch(
        f"/api/v1/agents/{agent['id']}", json={"owner_id": "usr_nobody"}, headers=tenant.admin
    )
    assert stranger.status_code == 422 and stranger.json()["errors"][0]["field"] == "owner_id"


async def test_delete_refuses_active_agents(tenant):
    agent = await tenant.agent()
    for action in ("provision", "deploy"):
        await tenant.client.post(f"/api/v1/agents/{agent['id']}/{action}", headers=tenant.admin)
    refused = await tenant.client.delete(f"/api/v1/agents/{agent['id']}", headers=tenant.admin)
    assert refused.status_code == 409 and refused.json()["current_state"] == "active"
    await tenant.client.post(f"/api/v1/agents/{agent['id']}/pause", headers=tenant.admin)
    assert (await tenant.client.delete(f"/api/v1/agents/{agent['id']}", headers=tenant.admin)).status_code == 204
    assert (await tenant.client.get(f"/api/v1/agents/{agent['id']}", headers=tenant.admin)).status_code == 404


async def test_clone(tenant):
    source = await tenant.agent(
        name="orig",
        platform="langgraph",
        configuration={"server_url": "http://lg:8123", "graph_id": "g"},
        tags=["t"],
        capabilities=["c"],
        limits={"max_concurrent_tasks": 3},
    )
    await tenant.client.post(f"/api/v1/agents/{source['id']}/provision", headers=tenant.admin)
    response = await tenant.client.post(
        f"/api/v1/agents/{source['id']}/clone", json={"name": "copy"}, headers=tenant.admin
    )
    assert response.status_code == 201, response.text
    copy = response.json()
    assert copy["id"] != source["id"] and copy["name"] == "copy"
    assert copy["lifecycle_state"] == "registered"
    for field in ("platform", "configuration", "tags", "capabilities", "limits", "project_id"):
        assert copy[field] == source[field]
    again = await tenant.client.post(
        f"/api/v1/agents/{source['id']}/clone", json={"name": "copy"}, headers=tenant.admin
    )
    assert again.status_code == 409


async def test_templates(tenant):
    templates = (await tenant.client.get("/api/v1/agent-templates", headers=tenant.admin)).json()
    by_id = {t["id"]: t for t in templates}
    assert {"support-langgraph", "n8n-workflow", "webhook-service"} <= set(by_id)
    missing = await tenant.client.post(
        "/api/v1/agents/from-template", json={"template_id": "support-langgraph", "name": "s1"}, headers=tenant.admin
    )
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "configuration.server_url"
    made = await tenant.client.post(
        "/api/v1/agents/from-template",
        json={"template_id": "support-langgraph", "name": "s1", "configuration": {"server_url": "http://lg:8123"}},
        headers=tenant.admin,
    )
    assert made.status_code == 201, made.text
    agent = made.json()
    assert agent["platform"] == "langgraph"
    assert agent["configuration"]["graph_id"] == "support"
    assert agent["tags"] == by_id["support-langgraph"]["tags"]
    unknown = await tenant.client.post(
        "/api/v1/agents/from-template", json={"template_id": "nope", "name": "s2"}, headers=tenant.admin
    )
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "template_id"


async def test_platform_schemas_are_published(tenant):
    platforms = (await tenant.client.get("/api/v1/agent-platforms", headers=tenant.admin)).json()
    by_name = {p["platform"]: p for p in platforms}
    assert set(by_name) == {"langchain", "langgraph", "crewai", "n8n", "make", "zapier", "webhook", "custom"}
    assert "webhook_url" in by_name["n8n"]["configuration_schema"]["required"]
