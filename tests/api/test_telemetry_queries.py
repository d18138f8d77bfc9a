"""Traces, sessions, fleet, time series, providers, usage and the live stream through HTTP."""

import csv
import io

import pytest

from tests.api.telemetry_helpers import forget_rollups, ingest, task


@pytest.fixture
async def writer(tenant):
    return await tenant.key(role="agent_owner")


async def _agent_id(tenant, name):
    return (await tenant.client.get(f"/api/v1/agents/{name}", headers=tenant.admin)).json()["id"]


async def test_trace_search_filters_and_tree(tenant, writer):
    cheap = task("searcher", model="gpt-4o-mini", duration_ms=50, session="conv-1", text="reset my password")
    costly = task("searcher", model="gpt-4o", llm_calls=3, duration_ms=5000, status="error", session="conv-1")
    other = task("other-bot", duration_ms=10)
    await ingest(tenant.client, writer, spans=[*cheap, *costly, *other])

    async def ids(**params):
        response = await tenant.client.get("/api/v1/traces", params=params, headers=tenant.admin)
        assert response.status_code == 200, response.text
        return {t["trace_id"] for t in response.json()["items"]}

    everything = await ids()
    assert {cheap[0]["trace_id"], costly[0]["trace_id"], other[0]["trace_id"]} <= everything
    assert await ids(agent="searcher") == {cheap[0]["trace_id"], costly[0]["trace_id"]}
    assert await ids(agent="searcher", status="error") == {costly[0]["trace_id"]}
    assert await ids(agent="searcher", min_duration_ms=1000) == {costly[0]["trace_id"]}
    assert await ids(agent="searcher", model="gpt-4o") == {costly[0]["trace_id"]}
    assert await ids(agent="searcher", min_cost=0.01) == {costly[0]["trace_id"]}
    assert await ids(q="PASSWORD") == {cheap[0]["trace_id"]}
    assert await ids(session="conv-1") == {cheap[0]["trace_id"], costly[0]["trace_id"]}
    first = (
        await tenant.client.get("/api/v1/traces", params={"agent": "searcher", "limit": 1}, headers=tenant.admin)
    ).json()
    second = (
        await tenant.client.get(
            "/api/v1/traces",
            params={"agent": "searcher", "limit": 1, "cursor": first["next_cursor"]},
            headers=tenant.admin,
        )
    ).json()
    assert first["items"][0]["trace_id"] != second["items"][0]["trace_id"] and second["next_cursor"] is None
    summary = next(t for t in first["items"] + second["items"] if t["trace_id"] == costly[0]["trace_id"])
    assert summary["spans"] == 4 and summary["models"] == ["gpt-4o"] and summary["cost_usd"] > 0.01

    detail = (await tenant.client.get(f"/api/v1/traces/{costly[0]['trace_id']}", headers=tenant.admin)).json()
    assert detail["spans"] == 4
    [root] = detail["roots"]
    assert root["kind"] == "task" and root["status"] == "error" and root["input"] == "a customer question"
    assert [c["kind"] for c in root["children"]] == ["llm", "llm", "llm"]
    assert root["children"][0]["input_tokens"] == 1000 and root["children"][0]["cost_source"] == "pricing"
    session = (await tenant.client.get("/api/v1/sessions/conv-1", headers=tenant.admin)).json()
    assert [t["trace_id"] for t in session["traces"]] == [cheap[0]["trace_id"], costly[0]["trace_id"]] or [
        t["trace_id"] for t in session["traces"]
    ] == [costly[0]["trace_id"], cheap[0]["trace_id"]]
    assert (await tenant.client.get("/api/v1/traces/" + "0" * 32, headers=tenant.admin)).status_code == 404
    assert (await tenant.client.get("/api/v1/sessions/nope", headers=tenant.admin)).status_code == 404


async def test_traces_do_not_cross_tenants(tenant, other_tenant, writer):
    spans = task("private", session="secret-session")
    await ingest(tenant.client, writer, spans=spans)
    trace_id = spans[0]["trace_id"]
    assert (await other_tenant.client.get(f"/api/v1/traces/{trace_id}", headers=other_tenant.admin)).status_code == 404
    assert (
        await other_tenant.client.get("/api/v1/sessions/secret-session", headers=other_tenant.admin)
    ).status_code == 404
    listed = (await other_tenant.client.get("/api/v1/traces", headers=other_tenant.admin)).json()
    assert trace_id not in {t["trace_id"] for t in listed["items"]}
    foreign = await other_tenant.client.get(
        "/api/v1/traces", params={"organization_id": tenant.org_id}, headers=other_tenant.admin
    )
    assert foreign.status_code == 404


async def test_fleet_sorted_with_idle_agents(tenant, writer):
    idle = await tenant.agent(name="idle-agent")
    await ingest(tenant.client, writer, spans=task("good-bot") + task("good-bot"))
    await ingest(tenant.client, writer, spans=task("bad-bot", status="error") + task("bad-bot"))
    fleet = (await tenant.client.get("/api/v1/analytics/fleet", params={"sort": "-tsr"}, headers=tenant.admin)).json()
    names = [row["name"] for row in fleet["items"]]
    assert names == ["good-bot", "bad-bot", "idle-agent"]
    assert fleet["items"][2]["kpis"]["tasks"] == 0 and fleet["items"][2]["agent_id"] == idle["id"]
    bad = await tenant.client.get("/api/v1/analytics/fleet", params={"sort": "-password"}, headers=tenant.admin)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "sort"


async def test_timeseries(telemetry, tenant, writer):
    await ingest(tenant.client, writer, spans=task("ts-bot", ago_s=30) + task("ts-bot", ago_s=7200, status="error"))
    await forget_rollups(telemetry)  # hours rolled up before these spans arrived would not hold them
    response = await tenant.client.get(
        "/api/v1/analytics/timeseries",
        params={"metric": "tasks", "bucket": "hour", "window": "6h", "group_by": "agent"},
        headers=tenant.admin,
    )
    assert response.status_code == 200, response.text
    series = response.json()["series"]
    [bot] = [s for s in series if s["key"] == await _agent_id(tenant, "ts-bot")]
    assert sum(p["value"] for p in bot["points"]) == 2 and len(bot["points"]) == 2
    tsr = (
        await tenant.client.get(
            "/api/v1/analytics/timeseries",
            params={"metric": "tsr", "bucket": "hour", "window": "6h", "agent": "ts-bot"},
            headers=tenant.admin,
        )
    ).json()
    assert sorted(p["value"] for p in tsr["series"][0]["points"]) == [0.0, 1.0]
    by_model = (
        await tenant.client.get(
            "/api/v1/analytics/timeseries",
            params={"metric": "cost_usd", "bucket": "day", "group_by": "model"},
            headers=tenant.admin,
        )
    ).json()
    assert "gpt-4o-mini" in {s["key"] for s in by_model["series"]}
    for params, field in [
        ({"metric": "vibes"}, "metric"),
        ({"bucket": "week"}, "bucket"),
        ({"metric": "tsr", "group_by": "model"}, "group_by"),
        ({"bucket": "minute", "window": "30d"}, "bucket"),
    ]:
        bad = await tenant.client.get("/api/v1/analytics/timeseries", params=params, headers=tenant.admin)
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == field, bad.text


async def test_providers_and_usage(tenant, writer):
    await ingest(
        tenant.client,
        writer,
        spans=task("u1", model="gpt-4o-mini", llm_calls=2) + task("u2", model="claude-haiku-4-5", provider="anthropic"),
    )
    providers = (await tenant.client.get("/api/v1/analytics/providers", headers=tenant.admin)).json()["items"]
    by_model = {(p["provider"], p["model"]): p for p in providers}
    mini = by_model[("openai", "gpt-4o-mini")]
    assert mini["calls"] == 2 and mini["error_rate"] == 0.0 and mini["input_tokens"] == 2000
    assert mini["cost_per_1k_tokens"] == pytest.approx(mini["cost_usd"] / 3000 * 1000)
    assert ("anthropic", "claude-haiku-4-5") in by_model
    usage = (
        await tenant.client.get("/api/v1/analytics/usage", params={"group_by": "agent,model"}, headers=tenant.admin)
    ).json()
    assert usage["totals"]["input_tokens"] == 3000 and len(usage["items"]) == 2
    exported = await tenant.client.get(
        "/api/v1/analytics/usage", params={"group_by": "day,model", "format": "csv"}, headers=tenant.admin
    )
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert {r["model"] for r in rows} == {"gpt-4o-mini", "claude-haiku-4-5"}
    assert sum(int(r["input_tokens"]) for r in rows) == 3000
    bad = await tenant.client.get("/api/v1/analytics/usage", params={"group_by": "color"}, headers=tenant.admin)
    assert bad.status_code == 422


async def test_prometheus_metrics_are_scoped(tenant, other_tenant, writer):
    await ingest(tenant.client, writer, spans=task("metered", status="error") + task("metered"))
    agent_id = await _agent_id(tenant, "metered")
    mine = await tenant.client.get("/metrics", headers=tenant.admin)
    assert mine.status_code == 200 and mine.headers["content-type"].startswith("text/plain")
    labels = f'agent="{agent_id}",organization="{tenant.org_id}",project="{tenant.project_id}"'
    assert f"ams_agent_tasks_total{{{labels}}} 2.0" in mine.text
    assert f"ams_agent_task_errors_total{{{labels}}} 1.0" in mine.text
    assert f"ams_agent_input_tokens_total{{{labels}}} 2000.0" in mine.text
    assert "ams_ingest_queue_rows" in mine.text and 'ams_ingest_rows_total{table="spans"}' in mine.text
    theirs = await other_tenant.client.get("/metrics", headers=other_tenant.admin)
    assert agent_id not in theirs.text and tenant.org_id not in theirs.text
    assert (await tenant.client.get("/metrics")).status_code == 401
