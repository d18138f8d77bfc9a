"""Tenant isolation: another tenant's ids are 404 on every endpoint that takes one, and lists never leak."""

import re

import pytest

# Bodies that would be valid, so that a 404 cannot come from a validation error instead of the tenant wall.
BODIES = {
    "/api/v1/agents/{agent}/clone": {"name": "stolen"},
    "/api/v1/agents/{agent}/versions": {"version": "9.9.9"},
    "/api/v1/agents/{agent}/credentials/{name}": {"type": "api_key", "key": "k"},
    "/api/v1/projects/{project_id}": {"name": "stolen"},
    "/api/v1/organizations/{organization_id}": {"name": "stolen"},
    "/api/v1/agents/{agent}": {"description": "stolen"},
    "/api/v1/providers/{provider_id}/limits": {"requests_per_minute": 1},
    "/api/v1/projects/{project_id}/gateway-limits": {"requests_per_minute": 1},
    "/api/v1/api-keys/{key_id}/gateway-limits": {"requests_per_minute": 1},
    "/api/v1/routes/{route_id}": {"strategy": "ordered"},
}


def _routes_with_ids(app):
    for path, methods in app.openapi()["paths"].items():
        if re.search(r"\{(agent|project_id|organization_id|key_id|version|name)\}", path):
            for method in methods:
                yield method.upper(), path


@pytest.fixture
async def victim(other_tenant):
    agent = await other_tenant.agent(name="secret-agent", tags=["victim"])
    await other_tenant.client.post(
        f"/api/v1/agents/{agent['id']}/versions", json={"version": "1.0.0"}, headers=other_tenant.admin
    )
    await other_tenant.client.put(
        f"/api/v1/agents/{agent['id']}/credentials/token",
        json={"type": "api_key", "key": "k"},
        headers=other_tenant.admin,
    )
    made = await other_tenant.client.post(
        "/api/v1/api-keys", json={"project_id": other_tenant.project_id, "role": "viewer"}, headers=other_tenant.admin
    )
    provider = await other_tenant.client.post(
        "/api/v1/providers",
        json={"name": "victim-llm", "kind": "openai_compatible", "base_url": "http://127.0.0.1:9/v1",
              "models": [{"name": "m"}]},
        headers=other_tenant.admin,
    )  # fmt: skip
    route = await other_tenant.client.post(
        "/api/v1/routes",
        json={"alias": "victim", "targets": [{"provider_id": provider.json()["id"], "model": "m"}]},
        headers=other_tenant.admin,
    )
    return {
        "agent": agent,
        "key_id": made.json()["id"],
        "tenant": other_tenant,
        "provider_id": provider.json()["id"],
        "route_id": route.json()["id"],
    }


async def test_every_id_route_is_404_for_another_tenant(app, tenant, victim):
    ids = {
        "agent": victim["agent"]["id"],
        "project_id": victim["tenant"].project_id,
        "organization_id": victim["tenant"].org_id,
        "key_id": victim["key_id"],
        "version": "1.0.0",
        "name": "token",
        "provider_id": victim["provider_id"],
        "route_id": victim["route_id"],
    }
    checked = 0
    for method, path in _routes_with_ids(app):
        if path.startswith("/api/v1/users/"):
            continue  # users are checked below, by membership
        url = re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], path)
        response = await tenant.client.request(method, url, json=BODIES.get(path, {}), headers=tenant.admin)
        assert response.status_code == 404, f"{method} {path}: {response.status_code} {response.text}"
        checked += 1
    assert checked >= 20
    # The victim's agent is untouched.
    agent = (
        await victim["tenant"].client.get(f"/api/v1/agents/{victim['agent']['id']}", headers=victim["tenant"].admin)
    ).json()
    assert agent["lifecycle_state"] == "registered" and agent["description"] == ""


async def test_name_lookup_does_not_cross_tenants(tenant, victim):
    response = await tenant.client.get("/api/v1/agents/secret-agent", headers=tenant.admin)
    assert response.status_code == 404


async def test_users_of_another_organization(tenant, victim):
    other = victim["tenant"]
    for method, url, body in [
        ("PATCH", f"/api/v1/users/{other.admin_id}", {"organization_id": other.org_id, "role": "viewer"}),
        ("DELETE", f"/api/v1/users/{other.admin_id}?organization_id={other.org_id}", None),
        ("GET", f"/api/v1/users?organization_id={other.org_id}", None),
        (
            "POST",
            "/api/v1/users",
            {"email": "spy@x.test", "organization_id": other.org_id, "role": "admin", "password": "password-123"},
        ),
        ("POST", "/api/v1/projects", {"organization_id": other.org_id, "name": "spy"}),
        ("POST", "/api/v1/api-keys", {"project_id": other.project_id, "role": "admin"}),
        ("POST", "/api/v1/api-keys", {"agent_id": victim["agent"]["id"]}),
        ("POST", "/api/v1/agents", {"name": "spy", "platform": "custom", "project_id": other.project_id}),
    ]:
        response = await tenant.client.request(method, url, json=body, headers=tenant.admin)
        assert response.status_code == 404, f"{method} {url}: {response.status_code} {response.text}"


async def test_bulk_on_foreign_ids_reports_not_found(tenant, victim):
    response = await tenant.client.post(
        "/api/v1/agents/bulk",
        json={"operation": "quarantine", "ids": [victim["agent"]["id"]], "reason": "x"},
        headers=tenant.admin,
    )
    assert response.json()["results"] == [
        {
            "id": victim["agent"]["id"],
            "ok": False,
            "status": 404,
            "lifecycle_state": None,
            "error": f"agent {victim['agent']['id']} not found",
        }
    ]


async def test_lists_never_leak(tenant, victim):
    other = victim["tenant"]
    await tenant.agent(name="mine", tags=["victim"])
    project_key = await tenant.key(role="admin")
    for headers in (tenant.admin, project_key):
        for url, params in [
            ("/api/v1/agents", {}),
            ("/api/v1/agents", {"tag": "victim"}),
            ("/api/v1/agents", {"q": "secret"}),
            ("/api/v1/agents", {"project_id": other.project_id}),
            ("/api/v1/agents", {"organization_id": other.org_id}),
            ("/api/v1/api-keys", {}),
            ("/api/v1/api-keys", {"project_id": other.project_id}),
            ("/api/v1/projects", {}),
            ("/api/v1/projects", {"organization_id": other.org_id}),
            ("/api/v1/audit", {}),
            ("/api/v1/audit", {"organization_id": other.org_id}),
            ("/api/v1/audit/verify", {}),
            ("/api/v1/organizations", {}),
        ]:
            response = await tenant.client.get(url, params=params, headers=headers)
            if url == "/api/v1/audit/verify" and headers is project_key:
                assert response.status_code == 403
                continue
            assert response.status_code == 200, f"{url} {params}: {response.text}"
            for secret in (other.org_id, other.project_id, victim["agent"]["id"], "secret-agent", victim["key_id"]):
                assert secret not in response.text, f"{url} {params} leaks {secret}"
