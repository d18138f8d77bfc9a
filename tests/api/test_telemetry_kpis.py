"""Native ingest through HTTP, read back as the KPIs DESIGN §4 defines."""

import pytest

from tests.api.telemetry_helpers import ingest, task

# gpt-4o-mini in the bundled table: $0.15 per million input tokens, $0.60 per million output tokens.
MINI_COST = 1000 * 0.15 / 1e6 + 500 * 0.60 / 1e6


@pytest.fixture
async def writer(tenant):
    return await tenant.key(role="agent_owner")


async def test_kpis_from_known_traffic(tenant, writer):
    spans = []
    durations = [100.0 * (i + 1) for i in range(20)]  # 100..2000 ms
    for i, duration in enumerate(durations):
        status = "error" if i < 3 else "ok"  # 3 failures
        outcome = "escalated" if i == 19 else None  # 1 escalation: neither success nor failure, a human stepped in
        spans += task("support-bot", duration_ms=duration, status=status, outcome=outcome, human=(i == 5))
    answer = await ingest(tenant.client, writer, spans=spans)
    assert answer["accepted_spans"] == 40 and answer["rejected_spans"] == 0
    agents = (await tenant.client.get("/api/v1/agents", params={"q": "support-bot"}, headers=tenant.admin)).json()
    agent = agents["items"][0]
    assert agent["lifecycle_state"] == "registered"  # registered on first sight
    response = await tenant.client.get(
        f"/api/v1/agents/{agent['id']}/kpis", params={"window": "1h"}, headers=tenant.admin
    )
    assert response.status_code == 200, response.text
    kpis = response.json()["kpis"]
    assert kpis["tasks"] == 20
    assert kpis["successes"] == 16 and kpis["failures"] == 3
    assert kpis["tsr"] == pytest.approx(16 / 20)
    assert kpis["hir"] == pytest.approx(2 / 20)
    assert kpis["error_rate"] == pytest.approx(3 / 20)
    # Linear interpolation between the 19th and 20th of 20 sorted durations.
    assert kpis["latency_ms"]["p95"] == pytest.approx(1905.0)
    assert kpis["latency_ms"]["p50"] == pytest.approx(1050.0)
    assert kpis["cost_usd"] == pytest.approx(20 * MINI_COST)
    assert kpis["cost_per_task"] == pytest.approx(MINI_COST)
    assert kpis["input_tokens"] == 20_000 and kpis["output_tokens"] == 10_000
    assert kpis["tokens_per_success"] == pytest.approx(30_000 / 16)
    assert kpis["throughput_per_hour"] == pytest.approx(20.0)
    assert kpis["span_error_rate"] == pytest.approx(3 / 40)
    assert kpis["unpriced_spans"] == 0


async def test_outcome_events_and_versions(tenant, writer):
    spans = task("versioned", version="1.0.0") + task("versioned", version="2.0.0-canary", status="ok")
    await ingest(tenant.client, writer, spans=spans)
    # The canary's task is judged a failure after the fact; a human approved something in the stable one.
    events = [
        {"trace_id": spans[2]["trace_id"], "name": "task_outcome", "outcome": "failure", "time": spans[2]["end_time"]},
        {"trace_id": spans[0]["trace_id"], "name": "human_intervention", "time": spans[0]["end_time"]},
    ]
    answer = await ingest(tenant.client, writer, events=events)
    assert answer["accepted_events"] == 2
    agent = (await tenant.client.get("/api/v1/agents/versioned", headers=tenant.admin)).json()
    body = (await tenant.client.get(f"/api/v1/agents/{agent['id']}/kpis", headers=tenant.admin)).json()
    assert body["kpis"]["tasks"] == 2 and body["kpis"]["successes"] == 1 and body["kpis"]["hir"] == 0.5
    by_version = {v["version"]: v["kpis"] for v in body["by_version"]}
    assert by_version["1.0.0"]["tsr"] == 1.0 and by_version["1.0.0"]["hir"] == 1.0
    assert by_version["2.0.0-canary"]["tsr"] == 0.0 and by_version["2.0.0-canary"]["error_rate"] == 1.0
    only = (
        await tenant.client.get(f"/api/v1/agents/{agent['id']}/kpis", params={"version": "1.0.0"}, headers=tenant.admin)
    ).json()
    assert only["kpis"]["tasks"] == 1


async def test_a_batch_sent_twice_counts_once(tenant, writer):
    spans = task("retrier") + task("retrier")
    await ingest(tenant.client, writer, spans=spans)
    await ingest(tenant.client, writer, spans=spans)
    agent = (await tenant.client.get("/api/v1/agents/retrier", headers=tenant.admin)).json()
    kpis = (await tenant.client.get(f"/api/v1/agents/{agent['id']}/kpis", headers=tenant.admin)).json()["kpis"]
    assert kpis["tasks"] == 2 and kpis["spans"] == 4


async def test_cost_carried_unpriced_and_overrides(tenant, writer):
    await ingest(tenant.client, writer, spans=task("coster", model="house-model-x", provider="internal"))
    await ingest(tenant.client, writer, spans=task("coster", model="gpt-4o-mini", cost_usd=0.5))
    agent = (await tenant.client.get("/api/v1/agents/coster", headers=tenant.admin)).json()
    kpis = (await tenant.client.get(f"/api/v1/agents/{agent['id']}/kpis", headers=tenant.admin)).json()["kpis"]
    assert kpis["cost_usd"] == pytest.approx(0.5)  # the carried cost, and $0 for the unknown model...
    assert kpis["unpriced_spans"] == 1 and kpis["unpriced_models"] == ["house-model-x"]  # ...flagged, not silent
    put = await tenant.client.put(
        "/api/v1/pricing",
        json={
            "prices": [
                {
                    "provider": "internal",
                    "model": "house-model-x",
                    "input_per_mtok": 1.0,
                    "cached_input_per_mtok": None,
                    "output_per_mtok": 2.0,
                }
            ]
        },
        headers=tenant.admin,
    )
    assert put.status_code == 200, put.text
    assert put.json()["overrides"][0]["model"] == "house-model-x"
    await ingest(tenant.client, writer, spans=task("coster", model="house-model-x", provider="internal"))
    kpis = (await tenant.client.get(f"/api/v1/agents/{agent['id']}/kpis", headers=tenant.admin)).json()["kpis"]
    assert kpis["cost_usd"] == pytest.approx(0.5 + 1000 * 1.0 / 1e6 + 500 * 2.0 / 1e6)
    assert kpis["unpriced_spans"] == 1  # the span sent before the override stays as it was recorded
    looked_up = await tenant.client.get("/api/v1/pricing", params={"model": "gpt-4o-mini"}, headers=tenant.admin)
    assert looked_up.json()["lookup"]["input_per_mtok"] == 0.15
    bad = await tenant.client.put(
        "/api/v1/pricing",
        json={
            "prices": [{"model": "x", "match": "regex", "pattern": "(a+)+", "input_per_mtok": 1, "output_per_mtok": 1}]
        },
        headers=tenant.admin,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "prices[0].pattern"
    _, viewer = await tenant.user("viewer")
    assert (await tenant.client.put("/api/v1/pricing", json={"prices": []}, headers=viewer)).status_code == 403


async def test_who_may_send_telemetry(tenant):
    spans = task("anyone")
    user = await tenant.client.post("/api/v1/ingest", json={"spans": spans}, headers=tenant.admin)
    assert user.status_code == 403 and "key" in user.json()["detail"]
    viewer_key = await tenant.key(role="viewer")
    assert (await tenant.client.post("/api/v1/ingest", json={"spans": spans}, headers=viewer_key)).status_code == 403
    agent = await tenant.agent(name="keyed")
    agent_key = await tenant.key(agent_id=agent["id"])
    answer = await ingest(tenant.client, agent_key, spans=task("whatever-name-it-says"))
    assert answer["accepted_spans"] == 2
    kpis = (await tenant.client.get(f"/api/v1/agents/{agent['id']}/kpis", headers=tenant.admin)).json()["kpis"]
    assert kpis["tasks"] == 1  # an agent key's spans are its agent's, whatever they call themselves
    listed = (await tenant.client.get("/api/v1/agents", params={"q": "whatever"}, headers=tenant.admin)).json()
    assert listed["items"] == []


async def test_bad_items_are_named_and_the_rest_kept(tenant, writer):
    good = task("partial")
    bad = [{"trace_id": "nothex", "span_id": "x"}, {**good[0], "end_time": good[0]["start_time"] - 5}]
    answer = await ingest(
        tenant.client, writer, spans=[*good, *bad], heartbeats=[{"agent": "partial", "time": "yesterday"}]
    )
    assert answer["accepted_spans"] == 2 and answer["rejected_spans"] == 2
    assert "spans[2].trace_id: must be 32 hex digits" in answer["errors"]
    assert "spans[3].end_time: is before start_time" in answer["errors"]
    assert any(e.startswith("heartbeats[0].time") for e in answer["errors"])
    garbage = await tenant.client.post("/api/v1/ingest", content=b"{not json", headers=writer)
    assert garbage.status_code == 400 and garbage.headers["content-type"] == "application/problem+json"


async def test_unknown_window_and_tenant_wall(tenant, other_tenant, writer):
    await ingest(tenant.client, writer, spans=task("walled"))
    agent = (await tenant.client.get("/api/v1/agents/walled", headers=tenant.admin)).json()
    bad = await tenant.client.get(
        f"/api/v1/agents/{agent['id']}/kpis", params={"window": "3 weeks"}, headers=tenant.admin
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "window"
    stranger = await other_tenant.client.get(f"/api/v1/agents/{agent['id']}/kpis", headers=other_tenant.admin)
    assert stranger.status_code == 404
    fleet = (await other_tenant.client.get("/api/v1/analytics/fleet", headers=other_tenant.admin)).json()
    assert all(row["agent_id"] != agent["id"] for row in fleet["items"])
