"""Errors are problem+json, name the field, and never a 500 on bad input."""

import pytest

PROBLEM = "application/problem+json"


async def test_malformed_json_is_400(tenant):
    response = await tenant.client.post(
        "/api/v1/agents", content=b'{"name": "x", ', headers={**tenant.admin, "Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["title"] == "Malformed JSON"


async def test_unknown_route_and_method_are_problems(tenant):
    missing = await tenant.client.get("/api/v1/nowhere", headers=tenant.admin)
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    wrong = await tenant.client.put("/api/v1/agents", headers=tenant.admin)
    assert wrong.status_code == 405 and wrong.headers["content-type"] == PROBLEM


async def test_unknown_fields_are_refused_by_name(tenant):
    response = await tenant.client.post(
        "/api/v1/agents", json={"name": "x", "platform": "custom", "colour": "red"}, headers=tenant.admin
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "colour", "message": "Extra inputs are not permitted"}]


@pytest.mark.parametrize(
    "body",
    [
        [],
        "x",
        12,
        None,
        {"name": None},
        {"name": "x" * 500, "platform": "custom"},
        {"name": "x", "platform": "custom", "configuration": []},
        {"name": "x", "platform": "custom", "tags": "a"},
        {"name": "x", "platform": "custom", "limits": {"max_cost_per_day_usd": -1}},
        {"name": "\u0000", "platform": "custom"},
        {"name": "x", "platform": "custom", "owner_id": 5},
    ],
)
async def test_garbage_is_4xx_never_500(tenant, body):
    response = await tenant.client.post("/api/v1/agents", json=body, headers=tenant.admin)
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == PROBLEM
    listed = await tenant.client.get("/api/v1/agents", headers=tenant.admin)
    assert listed.json()["items"] == []


async def test_naive_times_in_queries_are_read_as_utc(tenant):
    response = await tenant.client.get("/api/v1/audit", params={"until": "2000-01-01T00:00:00"}, headers=tenant.admin)
    assert response.status_code == 200 and response.json()["items"] == []
    bad = await tenant.client.get("/api/v1/audit", params={"since": "yesterday"}, headers=tenant.admin)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "since"
