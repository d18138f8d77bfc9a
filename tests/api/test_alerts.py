"""Alert rules, alerts and channels through HTTP: definitions checked by field, built-in rules, real traffic
into a firing alert with its evidence, acknowledgement and resolution by role, attention ranking."""

from __future__ import annotations

import pytest

from tests.api.telemetry_helpers import ingest, task


async def _rule(tenant, **fields):
    body = {
        "organization_id": tenant.org_id,
        "name": "Low TSR",
        "metric": "tsr",
        "window": "1h",
        "condition": "below",
        "threshold": 0.8,
        "min_tasks": 5,
        "severity": "critical",
        "category": "performance",
        **fields,
    }
    return await tenant.client.post("/api/v1/alert-rules", json=body, headers=tenant.admin)


async def test_every_organization_gets_the_builtin_rules_and_may_tune_but_not_delete_them(tenant):
    listed = await tenant.client.get(
        "/api/v1/alert-rules", params={"organization_id": tenant.org_id, "limit": 50}, headers=tenant.admin
    )
    assert listed.status_code == 200, listed.text
    builtin = {r["builtin"]: r for r in listed.json()["items"]}
    assert set(builtin) == {
        "slow_tasks",
        "cost_spike",
        "provider_errors",
        "low_success",
        "daily_spend",
        "tasks_waiting",
    }
    assert builtin["low_success"]["threshold"] == 0.7 and builtin["low_success"]["condition"] == "below"
    assert builtin["slow_tasks"]["threshold"] == 30_000 and builtin["daily_spend"]["window"] == "24h"
    assert builtin["daily_spend"]["metric"] == "budget_used" and builtin["daily_spend"]["threshold"] == 0.99
    spend = builtin["daily_spend"]["id"]
    tuned = await tenant.client.put(f"/api/v1/alert-rules/{spend}", json={"threshold": 0.8}, headers=tenant.admin)
    assert tuned.status_code == 200 and tuned.json()["threshold"] == 0.8
    refused = await tenant.client.delete(f"/api/v1/alert-rules/{spend}", headers=tenant.admin)
    assert refused.status_code == 409 and "disable" in refused.json()["detail"]
    disabled = await tenant.client.put(f"/api/v1/alert-rules/{spend}", json={"enabled": False}, headers=tenant.admin)
    assert disabled.json()["enabled"] is False
    again = await tenant.client.get("/api/v1/alert-rules", params={"metric": "budget_used"}, headers=tenant.admin)
    assert [r["id"] for r in again.json()["items"]] == [spend]  # not recreated beside the tuned one


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"metric": "happiness"}, "metric"),
        ({"metric": "provider_error_rate", "scope": {"type": "agent", "value": "x"}}, "scope.type"),
        ({"scope": {"type": "project"}}, "scope.value"),
        ({"metric": "hir", "condition": "deviation"}, "condition"),
        ({"window": "forever"}, "window"),
        ({"severity": "apocalyptic"}, "severity"),
        ({"channel_ids": ["ach_nope"]}, "channel_ids"),
    ],
)
async def test_a_bad_rule_is_refused_naming_the_field(tenant, fields, field):
    response = await _rule(tenant, **fields)
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]


async def test_rules_and_channels_need_an_admin_and_alerts_an_operator(tenant):
    _, viewer = await tenant.user("viewer")
    _, operator = await tenant.user("operator")
    body = {"organization_id": tenant.org_id, "name": "x", "metric": "tsr", "condition": "below", "threshold": 0.5}
    assert (await tenant.client.post("/api/v1/alert-rules", json=body, headers=operator)).status_code == 403
    channel = {"organization_id": tenant.org_id, "name": "hook", "kind": "webhook", "url": "http://127.0.0.1:9/h"}
    assert (await tenant.client.post("/api/v1/alert-channels", json=channel, headers=operator)).status_code == 403
    assert (await tenant.client.get("/api/v1/alert-rules", headers=viewer)).status_code == 200


async def test_traffic_fires_an_alert_with_evidence_that_people_acknowledge_and_resolve(tenant):
    writer = await tenant.key(role="agent_owner")
    spans = []
    for i in range(10):
        spans += task("flaky-bot", status="error" if i < 6 else "ok", duration_ms=200 + i)
    await ingest(tenant.client, writer, spans=spans)
    rule = (await _rule(tenant)).json()
    judged = await tenant.client.post(
        "/api/v1/alert-rules/evaluate", params={"organization_id": tenant.org_id}, headers=tenant.admin
    )
    assert judged.status_code == 200 and judged.json()["opened"] >= 1, judged.text
    listed = await tenant.client.get(
        "/api/v1/alerts", params={"rule_id": rule["id"], "status": "firing"}, headers=tenant.admin
    )
    [alert] = listed.json()["items"]
    assert alert["severity"] == "critical" and alert["subject_type"] == "agent"
    assert alert["title"] == "Low TSR: flaky-bot"
    assert "40.0% is below 80.0%" in alert["summary"]
    assert alert["value"] == pytest.approx(0.4) and alert["evidence"]["tasks"] == 10
    examples = alert["evidence"]["example_traces"]
    assert len(examples) == 3 and all(e["status"] == "error" for e in examples)  # failures first
    # Judged again while the problem lasts: the same alert, fired twice, not a second alert.
    await tenant.client.post(
        "/api/v1/alert-rules/evaluate", params={"organization_id": tenant.org_id}, headers=tenant.admin
    )
    again = await tenant.client.get("/api/v1/alerts", params={"rule_id": rule["id"]}, headers=tenant.admin)
    assert [a["fire_count"] for a in again.json()["items"]] == [2]

    _, viewer = await tenant.user("viewer")
    _, operator = await tenant.user("operator")
    denied = await tenant.client.post(f"/api/v1/alerts/{alert['id']}/acknowledge", headers=viewer)
    assert denied.status_code == 403
    acked = await tenant.client.post(
        f"/api/v1/alerts/{alert['id']}/acknowledge", json={"comment": "looking"}, headers=operator
    )
    assert acked.status_code == 200 and acked.json()["status"] == "acknowledged"
    assert acked.json()["acknowledged_by"].startswith("operator-") and acked.json()["comment"] == "looking"
    twice = await tenant.client.post(f"/api/v1/alerts/{alert['id']}/acknowledge", headers=operator)
    assert twice.status_code == 409 and twice.json()["current_status"] == "acknowledged"

    attention = await tenant.client.get(
        "/api/v1/attention", params={"organization_id": tenant.org_id}, headers=tenant.admin
    )
    items = attention.json()
    # The built-in "Low success rate" rule (under 70%) fired too; unacknowledged, it ranks above ours.
    assert [i["title"] for i in items[:2]] == ["Low success rate: flaky-bot", "Low TSR: flaky-bot"]
    assert items[1]["alert_id"] == alert["id"] and "Acknowledged by operator-" in items[1]["why"]

    done = await tenant.client.post(f"/api/v1/alerts/{alert['id']}/resolve", headers=operator)
    assert done.status_code == 200 and done.json()["status"] == "resolved"
    audit = await tenant.client.get("/api/v1/audit", params={"resource_id": alert["id"]}, headers=tenant.admin)
    assert [e["action"] for e in audit.json()["items"]] == ["alert.resolved", "alert.acknowledged"]


async def test_an_alert_resolves_itself_when_its_condition_clears(tenant):
    writer = await tenant.key(role="agent_owner")
    spans = []
    for _ in range(6):
        spans += task("costly-bot", cost_usd=2.0)
    await ingest(tenant.client, writer, spans=spans)
    rule = (await _rule(tenant, name="Spend", metric="cost_usd", threshold=5.0, condition="above")).json()
    evaluate = {"organization_id": tenant.org_id}
    await tenant.client.post("/api/v1/alert-rules/evaluate", params=evaluate, headers=tenant.admin)
    firing = await tenant.client.get("/api/v1/alerts", params={"rule_id": rule["id"]}, headers=tenant.admin)
    [alert] = firing.json()["items"]
    assert alert["status"] == "firing" and alert["value"] == pytest.approx(12.0)
    raised = await tenant.client.put(f"/api/v1/alert-rules/{rule['id']}", json={"threshold": 50}, headers=tenant.admin)
    assert raised.status_code == 200
    await tenant.client.post("/api/v1/alert-rules/evaluate", params=evaluate, headers=tenant.admin)
    cleared = (await tenant.client.get(f"/api/v1/alerts/{alert['id']}", headers=tenant.admin)).json()
    assert cleared["status"] == "resolved" and cleared["resolved_by"] == "system"
    assert cleared["evidence"]["resolution"] == "the condition no longer holds"


async def test_disabling_or_deleting_a_rule_resolves_its_open_alerts(tenant):
    writer = await tenant.key(role="agent_owner")
    spans = []
    for name in ("spender-a", "spender-b"):
        for _ in range(3):
            spans += task(name, cost_usd=4.0)
    await ingest(tenant.client, writer, spans=spans)
    evaluate = {"organization_id": tenant.org_id}
    kept = (await _rule(tenant, name="Kept", metric="cost_usd", threshold=5.0, condition="above")).json()
    gone = (await _rule(tenant, name="Gone", metric="cost_usd", threshold=6.0, condition="above")).json()
    await tenant.client.post("/api/v1/alert-rules/evaluate", params=evaluate, headers=tenant.admin)

    async def statuses(rule_id: str) -> list[str]:
        listed = await tenant.client.get("/api/v1/alerts", params={"rule_id": rule_id}, headers=tenant.admin)
        return sorted(a["status"] for a in listed.json()["items"])

    assert await statuses(kept["id"]) == ["firing", "firing"] and await statuses(gone["id"]) == ["firing", "firing"]
    [opened] = (
        await tenant.client.get("/api/v1/alerts", params={"rule_id": gone["id"], "limit": 1}, headers=tenant.admin)
    ).json()["items"]
    off = await tenant.client.put(f"/api/v1/alert-rules/{kept['id']}", json={"enabled": False}, headers=tenant.admin)
    assert off.status_code == 200, off.text
    assert await statuses(kept["id"]) == ["resolved", "resolved"]
    deleted = await tenant.client.delete(f"/api/v1/alert-rules/{gone['id']}", headers=tenant.admin)
    assert deleted.status_code == 204
    after = (await tenant.client.get(f"/api/v1/alerts/{opened['id']}", headers=tenant.admin)).json()
    assert after["status"] == "resolved" and after["evidence"]["resolution"] == "the rule was deleted"
    attention = await tenant.client.get("/api/v1/attention", params=evaluate, headers=tenant.admin)
    assert not [i for i in attention.json() if i["title"].startswith(("Kept:", "Gone:"))]


async def test_channel_secrets_are_shown_once_and_never_again(tenant):
    created = await tenant.client.post(
        "/api/v1/alert-channels",
        json={
            "organization_id": tenant.org_id,
            "name": "ops",
            "kind": "slack",
            "url": "https://hooks.slack.example/services/T000/B000/very-secret-token",
        },
        headers=tenant.admin,
    )
    assert created.status_code == 201, created.text
    assert created.json()["target_hint"] == "https://hooks.slack.example/…"
    hook = await tenant.client.post(
        "/api/v1/alert-channels",
        json={"organization_id": tenant.org_id, "name": "siem", "kind": "webhook", "url": "https://siem.example/in"},
        headers=tenant.admin,
    )
    secret = hook.json()["signing_secret"]
    assert secret.startswith("whsec_")
    listed = await tenant.client.get("/api/v1/alert-channels", headers=tenant.admin)
    assert "very-secret-token" not in listed.text and secret not in listed.text
    read = await tenant.client.get(f"/api/v1/alert-channels/{hook.json()['id']}", headers=tenant.admin)
    assert secret not in read.text
    bad = await tenant.client.post(
        "/api/v1/alert-channels",
        json={"organization_id": tenant.org_id, "name": "mail", "kind": "email", "recipients": ["not-an-address"]},
        headers=tenant.admin,
    )
    assert bad.status_code == 422 and "not-an-address" in bad.text


async def test_heartbeat_metrics_feed_rules_and_health(tenant):
    writer = await tenant.key(role="agent_owner")
    beats = [
        {"agent": "busy-bot", "time": t, "cpu_percent": 97.0, "memory_percent": 40.0, "active_tasks": 2,
         "metrics": {"queue": 12}}
        for t in range(int(__import__("time").time()) - 120, int(__import__("time").time()), 30)
    ]  # fmt: skip
    await ingest(tenant.client, writer, heartbeats=beats)
    await _rule(tenant, name="Hot CPU", metric="cpu_percent", window="15m", condition="above", threshold=90)
    await _rule(tenant, name="Queue", metric="heartbeat.queue", window="15m", condition="above", threshold=10)
    await tenant.client.post(
        "/api/v1/alert-rules/evaluate", params={"organization_id": tenant.org_id}, headers=tenant.admin
    )
    titles = {a["title"] for a in (await tenant.client.get("/api/v1/alerts", headers=tenant.admin)).json()["items"]}
    assert {"Hot CPU: busy-bot", "Queue: busy-bot"} <= titles
    agent = (await tenant.client.get("/api/v1/agents", params={"q": "busy-bot"}, headers=tenant.admin)).json()
    health = await tenant.client.get(f"/api/v1/agents/{agent['items'][0]['id']}/health", headers=tenant.admin)
    assert health.status_code == 200, health.text
    report = health.json()
    assert report["judged_now"] == "healthy" and report["checks"]["heartbeat"]["ok"] is True
    security = await tenant.client.get(f"/api/v1/agents/{agent['items'][0]['id']}/security", headers=tenant.admin)
    assert security.status_code == 200 and security.json()["score"] == 100


async def test_a_deviation_rule_judges_the_window_against_the_per_bucket_baseline(app, tenant):
    from ams.db.base import utcnow
    from ams.surveillance.models import AgentBaseline

    writer = await tenant.key(role="agent_owner")
    await ingest(tenant.client, writer, spans=[s for _ in range(3) for s in task("steady-bot")])
    agents = await tenant.client.get("/api/v1/agents", params={"q": "steady-bot"}, headers=tenant.admin)
    agent_id = agents.json()["items"][0]["id"]
    now = utcnow()
    # Learnt: one task per 5-minute bucket, never more or fewer. Over 15 minutes that is 3 tasks, as sent.
    async with app.state.context.db.write() as session:
        session.add(
            AgentBaseline(
                agent_id=agent_id,
                organization_id=tenant.org_id,
                learned_from=now,
                learned_until=now,
                samples=288,
                stats={"tasks": {"mean": 1.0, "std": 0.0}},
                vectors=[],
                updated_at=now,
            )  # fmt: skip
        )
    rule = (
        await _rule(tenant, name="Busy", metric="tasks", window="15m", condition="deviation", threshold=3, min_tasks=0)
    ).json()
    evaluate = {"organization_id": tenant.org_id}
    await tenant.client.post("/api/v1/alert-rules/evaluate", params=evaluate, headers=tenant.admin)
    assert (await tenant.client.get("/api/v1/alerts", params={"rule_id": rule["id"]}, headers=tenant.admin)).json()[
        "items"
    ] == []
    await ingest(tenant.client, writer, spans=[s for _ in range(12) for s in task("steady-bot")])
    await tenant.client.post("/api/v1/alert-rules/evaluate", params=evaluate, headers=tenant.admin)
    [alert] = (await tenant.client.get("/api/v1/alerts", params={"rule_id": rule["id"]}, headers=tenant.admin)).json()[
        "items"
    ]
    # 15 tasks against 3 expected, with the deviation floored at one task per bucket (√3 over three buckets).
    assert alert["value"] == 15 and "6.9σ from the baseline mean 3 tasks" in alert["summary"]
    assert alert["evidence"]["baseline"] == [pytest.approx(3.0), pytest.approx(3**0.5)]


async def test_a_provider_alert_shows_failed_calls_as_evidence(tenant):
    writer = await tenant.key(role="agent_owner")
    spans = []
    for i in range(8):
        for span in task("caller-bot", provider="flaky-ai", model="flaky-1"):
            if span["kind"] == "llm" and i < 4:
                span["status"] = "error"
            spans.append(span)
    await ingest(tenant.client, writer, spans=spans)
    await tenant.client.post(
        "/api/v1/alert-rules/evaluate", params={"organization_id": tenant.org_id}, headers=tenant.admin
    )
    listed = await tenant.client.get("/api/v1/alerts", params={"limit": 100}, headers=tenant.admin)
    [alert] = [a for a in listed.json()["items"] if a["title"] == "Provider errors: flaky-ai"]
    assert alert["subject_type"] == "provider" and alert["value"] == pytest.approx(0.5)
    examples = alert["evidence"]["example_traces"]
    assert len(examples) == 3 and all(e["status"] == "error" and e["model"] == "flaky-1" for e in examples)
    assert all(e["link"] == f"/traces/{e['trace_id']}" for e in examples)
