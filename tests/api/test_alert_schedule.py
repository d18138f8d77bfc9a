"""When rules are judged and how often they may page: each rule's evaluation interval, and its cooldown after a
resolution, through the evaluator's real rounds."""

from __future__ import annotations

from datetime import timedelta

from ams.db.base import utcnow
from tests.api.telemetry_helpers import ingest, task


async def _rule(tenant, **fields):
    body = {
        "organization_id": tenant.org_id, "name": "Spend", "metric": "cost_usd", "window": "24h",
        "condition": "above", "threshold": 5.0, "severity": "warning", "category": "cost", **fields,
    }  # fmt: skip
    response = await tenant.client.post("/api/v1/alert-rules", json=body, headers=tenant.admin)
    assert response.status_code == 201, response.text
    return response.json()


async def _alerts(tenant, rule):
    listed = await tenant.client.get("/api/v1/alerts", params={"rule_id": rule["id"]}, headers=tenant.admin)
    return listed.json()["items"]


async def test_a_rule_is_judged_again_only_when_its_interval_has_passed(app, tenant):
    evaluator = app.state.context.alerting.evaluator
    hourly = await _rule(tenant, name="Hourly", interval_s=3600)
    start = utcnow()

    async def judged_at() -> str | None:
        read = await tenant.client.get(f"/api/v1/alert-rules/{hourly['id']}", headers=tenant.admin)
        return read.json()["last_evaluated_at"]

    await evaluator.run_round(start, organization_id=tenant.org_id)
    first = await judged_at()
    assert first is not None
    await evaluator.run_round(start + timedelta(minutes=30), organization_id=tenant.org_id)
    assert await judged_at() == first  # not due yet
    await evaluator.run_round(start + timedelta(hours=1, seconds=1), organization_id=tenant.org_id)
    assert await judged_at() not in (None, first)


async def test_a_resolved_alert_stays_quiet_for_its_rules_cooldown(app, tenant):
    evaluator = app.state.context.alerting.evaluator
    writer = await tenant.key(role="agent_owner")
    await ingest(tenant.client, writer, spans=[s for _ in range(3) for s in task("pricey-bot", cost_usd=3.0)])
    rule = await _rule(tenant, cooldown_s=1800)
    start = utcnow()
    await evaluator.run_round(start, all_rules=True, organization_id=tenant.org_id)
    [alert] = await _alerts(tenant, rule)
    done = await tenant.client.post(f"/api/v1/alerts/{alert['id']}/resolve", headers=tenant.admin)
    assert done.status_code == 200
    # Still over the threshold, but resolved a moment ago: no new page during the cooldown.
    await evaluator.run_round(start + timedelta(minutes=10), all_rules=True, organization_id=tenant.org_id)
    assert [a["status"] for a in await _alerts(tenant, rule)] == ["resolved"]
    await evaluator.run_round(start + timedelta(minutes=31), all_rules=True, organization_id=tenant.org_id)
    assert sorted(a["status"] for a in await _alerts(tenant, rule)) == ["firing", "resolved"]
