"""Rollups answer long windows like raw spans do; retention drops old raw days; tenants cannot touch each
other's KPIs through events."""

import anyio
import pytest

from ams.db.base import utcnow
from ams.telemetry.retention import drop_expired
from tests.api.telemetry_helpers import forget_rollups, ingest, task


@pytest.fixture
async def writer(tenant):
    return await tenant.key(role="agent_owner")


async def test_long_windows_read_rollups_and_agree_with_raw(telemetry, tenant, writer):
    spans = []
    for hours_ago, status in [(30, "ok"), (30, "error"), (20, "ok"), (2, "ok"), (0.1, "ok")]:
        spans += task("rolled", ago_s=hours_ago * 3600, status=status, human=(hours_ago == 20))
    await ingest(tenant.client, writer, spans=spans)
    agent = (await tenant.client.get("/api/v1/agents/rolled", headers=tenant.admin)).json()
    url = f"/api/v1/agents/{agent['id']}/kpis"
    await forget_rollups(telemetry)  # rollups computed before these spans arrived would not hold them
    raw = (await tenant.client.get(url, params={"window": "7d"}, headers=tenant.admin)).json()["kpis"]
    assert raw["tasks"] == 5
    computed = await anyio.to_thread.run_sync(telemetry.rollups.compute, utcnow())
    assert computed is not None
    telemetry.rollups._complete_until = (0.0, None)  # read the new mark now, not after the cache expires
    plan = await telemetry.rollups.plan(_window_7d())
    assert plan.uses_rollups
    rolled = (await tenant.client.get(url, params={"window": "7d"}, headers=tenant.admin)).json()["kpis"]
    for field in (
        "tasks",
        "successes",
        "failures",
        "tsr",
        "hir",
        "error_rate",
        "spans",
        "input_tokens",
        "output_tokens",
    ):
        assert rolled[field] == raw[field], field
    assert rolled["tasks"] == 5 and rolled["failures"] == 1 and rolled["hir"] == pytest.approx(1 / 5)
    assert rolled["cost_usd"] == pytest.approx(raw["cost_usd"])
    assert rolled["latency_ms"]["p50"] == pytest.approx(100.0, rel=0.05)
    # Short windows stay on raw spans: exact.
    short = (await tenant.client.get(url, params={"window": "1h"}, headers=tenant.admin)).json()["kpis"]
    assert short["tasks"] == 1


def _window_7d():
    from ams.analytics.windows import parse_window

    return parse_window("7d", None, None)


async def test_retention_drops_old_days_only(app, tenant, writer):
    old = task("aged", ago_s=40 * 86400)
    recent = task("aged", ago_s=60)
    await ingest(tenant.client, writer, spans=old + recent)
    assert (await tenant.client.get(f"/api/v1/traces/{old[0]['trace_id']}", headers=tenant.admin)).status_code == 200
    store = app.state.context.telemetry.store
    dropped = await anyio.to_thread.run_sync(drop_expired, store, 30, utcnow())
    assert any(d.startswith("spans/") for d in dropped)
    assert (await tenant.client.get(f"/api/v1/traces/{old[0]['trace_id']}", headers=tenant.admin)).status_code == 404
    assert (await tenant.client.get(f"/api/v1/traces/{recent[0]['trace_id']}", headers=tenant.admin)).status_code == 200


async def test_another_tenants_events_do_not_change_my_kpis(tenant, other_tenant, writer):
    spans = task("victim-bot")
    await ingest(tenant.client, writer, spans=spans)
    attacker = await other_tenant.key(role="agent_owner")
    forged = {
        "trace_id": spans[0]["trace_id"],
        "name": "task_outcome",
        "outcome": "failure",
        "time": spans[0]["end_time"],
    }
    await ingest(other_tenant.client, attacker, events=[forged, {**forged, "name": "human_intervention"}])
    agent = (await tenant.client.get("/api/v1/agents/victim-bot", headers=tenant.admin)).json()
    kpis = (await tenant.client.get(f"/api/v1/agents/{agent['id']}/kpis", headers=tenant.admin)).json()["kpis"]
    assert kpis["tsr"] == 1.0 and kpis["hir"] == 0.0


async def test_system_health_shows_stores_ingest_and_daemons(client):
    health = (await client.get("/api/v1/system/health")).json()
    assert health["status"] == "ok"
    assert {c["name"] for c in health["components"]} == {"control_database", "telemetry_store", "shared_state"}
    assert health["ingest"]["queue_capacity"] == 200_000
    daemons = {d["name"]: d for d in health["daemons"]}
    assert set(daemons) == {
        "telemetry.rollups",
        "telemetry.retention",
        "agents.health",
        "alerts.evaluator",
        "alerts.delivery",
        "surveillance",
        "gateway.probe",
    }
    assert all(d["running"] for d in daemons.values())
