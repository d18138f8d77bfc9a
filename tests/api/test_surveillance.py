"""Surveillance through HTTP and real rounds: agents anomalous at once raise one emergency alert; the forest finds
a combination no single metric gives away; an automatic quarantine is audited with its findings; a person's
release is a fresh start that holds until new findings."""

from __future__ import annotations

import random
import secrets
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from ams.surveillance.service import Surveillance, SurveillanceJob
from tests.api.telemetry_helpers import ingest, task


@pytest.fixture
async def surveillance(app: Any) -> AsyncIterator[Surveillance]:
    """The app's surveillance with its daemon stopped for the test (restarted after): rounds run when the test
    says, so that each one's findings are known."""
    monitoring = app.state.context.monitoring
    [job] = [j for j in monitoring.jobs if isinstance(j, SurveillanceJob)]
    await job.stop()
    try:
        yield monitoring.surveillance
    finally:
        job.start()


@pytest.fixture
async def writer(tenant):
    return await tenant.key(role="agent_owner")


async def _round(surveillance: Surveillance, tenant) -> None:
    await surveillance.run_round(organization_id=tenant.org_id)


async def _alerts(tenant, **params: Any) -> list[dict[str, Any]]:
    listed = await tenant.client.get("/api/v1/alerts", params={"limit": 100, **params}, headers=tenant.admin)
    assert listed.status_code == 200, listed.text
    return [a for a in listed.json()["items"] if a["source"] == "surveillance"]


async def _state(tenant, agent_id: str) -> str:
    status = await tenant.client.get(f"/api/v1/agents/{agent_id}/status", headers=tenant.admin)
    return str(status.json()["lifecycle_state"])


async def _security(tenant, agent_id: str) -> dict[str, Any]:
    security = await tenant.client.get(f"/api/v1/agents/{agent_id}/security", headers=tenant.admin)
    assert security.status_code == 200, security.text
    return dict(security.json())


async def _quarantines(tenant, agent_id: str) -> list[dict[str, Any]]:
    audit = await tenant.client.get(
        "/api/v1/audit", params={"resource_id": agent_id, "action": "agent.quarantine"}, headers=tenant.admin
    )
    assert audit.status_code == 200, audit.text
    return list(audit.json()["items"])


def _failing(agent: str, tasks: int = 10, failures: int = 6) -> list[dict[str, Any]]:
    spans = []
    for i in range(tasks):
        spans += task(agent, status="error" if i < failures else "ok", ago_s=60 + i)
    return spans


def _upload(agent: str, ago_s: float = 30.0) -> list[dict[str, Any]]:
    """A task whose three tool calls send 1.2 GB out: over the exfiltration limit (1 GB in an hour)."""
    trace, root = secrets.token_hex(16), secrets.token_hex(8)
    start = time.time() - ago_s
    spans: list[dict[str, Any]] = [
        {"trace_id": trace, "span_id": root, "name": "sync", "kind": "task", "agent": agent,
         "start_time": start, "end_time": start + 1}
    ]  # fmt: skip
    for _ in range(3):
        spans.append(
            {"trace_id": trace, "span_id": secrets.token_hex(8), "parent_span_id": root, "name": "upload",
             "kind": "tool", "agent": agent, "start_time": start + 0.1, "end_time": start + 0.5,
             "attributes": {"ams.egress_bytes": 400_000_000}}
        )  # fmt: skip
    return spans


async def _active_agent(tenant, name: str) -> dict[str, Any]:
    agent = await tenant.agent(name=name)
    for action in ("provision", "deploy"):
        moved = await tenant.client.post(
            f"/api/v1/agents/{agent['id']}/{action}", json={"reason": "go"}, headers=tenant.admin
        )
        assert moved.status_code == 200, moved.text
    return agent


async def test_agents_anomalous_at_once_raise_one_emergency_that_resolves_when_they_recover(
    tenant, writer, surveillance
):
    await ingest(tenant.client, writer, spans=_failing("flaky-a") + _failing("flaky-b") + task("calm-bot"))
    await _round(surveillance, tenant)
    assert await _alerts(tenant, severity="emergency") == []  # two agents are not yet a correlated event
    await ingest(tenant.client, writer, spans=_failing("flaky-c"))
    await _round(surveillance, tenant)
    [alert] = await _alerts(tenant, severity="emergency", status="firing")
    assert alert["subject_type"] == "organization" and alert["subject_id"] == tenant.org_id
    assert alert["category"] == "security" and alert["agent_id"] is None
    assert alert["title"] == "3 agents anomalous at once" and alert["value"] == 3 and alert["threshold"] == 3
    assert alert["summary"].endswith("at the same time: flaky-a, flaky-b, flaky-c.")
    assert [a["name"] for a in alert["evidence"]["agents"]] == ["flaky-a", "flaky-b", "flaky-c"]
    # Each agent's own finding is alerted beside it, at its own severity.
    excessive = await _alerts(tenant, severity="high", status="firing")
    assert sorted(a["title"] for a in excessive) == [f"Excessive errors: flaky-{x}" for x in "abc"]

    await _round(surveillance, tenant)  # still anomalous: the same alert fired again, not a second one
    [again] = await _alerts(tenant, severity="emergency")
    assert again["id"] == alert["id"] and again["status"] == "firing" and again["fire_count"] == 2
    await ingest(tenant.client, writer, spans=_failing("flaky-d"))
    await _round(surveillance, tenant)  # a fourth joins: the same alert, now saying four
    [grown] = await _alerts(tenant, severity="emergency")
    assert grown["id"] == alert["id"] and grown["title"] == "4 agents anomalous at once" and grown["value"] == 4

    # They recover: 24 successful tasks each bring the failures of the last 15 minutes to 6 of 34 (under 20%).
    recovered = []
    for name in ("flaky-a", "flaky-b", "flaky-c", "flaky-d"):
        for i in range(24):
            recovered += task(name, ago_s=20 + i)
    await ingest(tenant.client, writer, spans=recovered)
    await _round(surveillance, tenant)
    assert await _alerts(tenant, severity="emergency", status="firing") == []
    resolved = (await tenant.client.get(f"/api/v1/alerts/{alert['id']}", headers=tenant.admin)).json()
    assert resolved["status"] == "resolved" and resolved["resolved_by"] == "system"
    assert resolved["evidence"]["resolution"] == "fewer agents are anomalous now"
    assert await _alerts(tenant, severity="high", status="firing") == []


# An agent's five traits, each seen in 7 of 48 five-minute buckets, never all at once: busy (9 tasks, not 4), no
# model calls (no cost or tokens), slow (900 ms tasks, not 300), CPU-hungry (60%, not 20%), memory-hungry (70%,
# not 30%). All five together are 2.4σ from the baseline on each metric: only the forest can tell.
_BUCKETS, _RARE, _SEED = 48, 7, 3


def _history() -> list[tuple[bool, bool, bool, bool, bool]]:
    rng = random.Random(_SEED)
    while True:
        shown = [set(rng.sample(range(_BUCKETS), _RARE)) for _ in range(5)]
        rows = [(i in shown[0], i in shown[1], i in shown[2], i in shown[3], i in shown[4]) for i in range(_BUCKETS)]
        if not any(all(row) for row in rows):
            return rows


def _bucket(agent: str, at: float, busy: bool, no_model: bool, slow: bool, hungry: bool, heavy: bool):
    """One bucket's tasks and heartbeat, all at `at`: 0.036 USD and 7,200 tokens in all, unless no model."""
    tasks = 9 if busy else 4
    spans = []
    for _ in range(tasks):
        spans += task(
            agent, ago_s=time.time() - at, duration_ms=900 if slow else 300, llm_calls=0 if no_model else 1,
            input_tokens=7200 // tasks - 200, output_tokens=200, cost_usd=0.036 / tasks,
        )  # fmt: skip
    beat = {"agent": agent, "time": at, "cpu_percent": 60.0 if hungry else 20.0,
            "memory_percent": 70.0 if heavy else 30.0}  # fmt: skip
    return spans, beat


async def test_the_forest_finds_a_combination_never_seen_though_each_metric_is_within_three_sigma(
    tenant, writer, surveillance
):
    agent = await tenant.agent(name="miner-bot")
    # Each bucket's activity in the middle of a 5-minute clock bucket, the newest over 7 minutes ago: the
    # baseline (up to 5 minutes ago) has all 48 buckets and none of them is in the last 5 minutes.
    middle = time.time() // 300 * 300 + 150
    spans, beats = [], []
    for i, traits in enumerate(_history()):
        bucket_spans, beat = _bucket("miner-bot", middle - (_BUCKETS + 1 - i) * 300, *traits)
        spans += bucket_spans
        beats.append(beat)
    now_spans, now_beat = _bucket("miner-bot", time.time() - 20, True, True, True, True, True)
    await ingest(tenant.client, writer, spans=spans + now_spans, heartbeats=[*beats, now_beat])
    await _round(surveillance, tenant)

    [alert] = await _alerts(tenant, agent_id=agent["id"])  # neither "Unusual behaviour" nor a task pattern
    assert alert["title"] == "Anomaly: miner-bot" and alert["category"] == "security"
    assert alert["severity"] == "warning" and alert["status"] == "firing"
    assert alert["evidence"]["forest_score"] > 0.7
    driving = ["tasks +2.4σ", "latency_p95 +2.4σ", "cost_usd -2.4σ", "tokens -2.4σ", "cpu_percent +2.4σ",
               "memory_percent +2.4σ"]  # fmt: skip
    assert sorted(alert["evidence"]["drivers"]) == sorted(driving)
    for driver in driving:
        assert driver in alert["summary"], alert["summary"]
    security = await _security(tenant, agent["id"])
    assert [f["rule"] for f in security["findings"]] == ["anomaly"] and security["score"] == 85
    baseline = security["baseline"]
    assert baseline["samples"] == _BUCKETS
    now = {"tasks": 9, "error_rate": 0, "latency_p95": 900, "cost_usd": 0, "tokens": 0, "cpu_percent": 60,
           "memory_percent": 70}  # fmt: skip
    for metric, value in now.items():  # the premise: every metric within 3σ of what the baseline learnt
        stats = baseline["stats"][metric]
        assert abs(value - stats["mean"]) <= 3 * stats["std"] or value == stats["mean"], metric


async def test_an_automatic_quarantine_is_audited_with_its_findings(tenant, writer, surveillance):
    agent = await _active_agent(tenant, "leaky-bot")
    await ingest(tenant.client, writer, spans=_upload("leaky-bot") + _failing("leaky-bot"))
    for _ in range(3):  # exfiltration (critical) counts every round, errors (high) once in 10 minutes: 50, 20, 0
        await _round(surveillance, tenant)
    assert await _state(tenant, agent["id"]) == "quarantined"
    [entry] = await _quarantines(tenant, agent["id"])
    assert entry["actor"]["type"] == "system"
    summary = entry["summary"]
    assert summary["before"] == {"state": "active"} and summary["after"] == {"state": "quarantined"}
    assert summary["security_score"] == 0
    assert summary["reason"] == (
        "security score 0 fell under 20: 55% of 11 tasks failed in 15 minutes; "
        "1.20 GB of tool output or egress in an hour"
    )
    assert summary["findings"] == [
        {
            "rule": "excessive_errors",
            "severity": "high",
            "title": "55% of 11 tasks failed in 15 minutes",
            "points": 0,  # it held, but had counted two rounds ago
            "detail": {"error_rate": 0.545, "tasks": 11},
        },
        {
            "rule": "data_exfiltration",
            "severity": "critical",
            "title": "1.20 GB of tool output or egress in an hour",
            "points": 30,
            "detail": {"egress_bytes": 1_200_000_000},
        },
    ]
    firing = {a["title"]: a for a in await _alerts(tenant, agent_id=agent["id"], status="firing")}
    assert set(firing) == {
        "Agent quarantined: leaky-bot",
        "Data exfiltration: leaky-bot",
        "Excessive errors: leaky-bot",
    }
    assert firing["Agent quarantined: leaky-bot"]["summary"] == f"leaky-bot was quarantined: {summary['reason']}."


async def test_a_release_is_a_fresh_start_and_only_new_findings_quarantine_again(tenant, writer, surveillance):
    agent = await _active_agent(tenant, "backup-bot")
    await ingest(tenant.client, writer, spans=_upload("backup-bot"))
    for _ in range(3):  # 70, 40, 10
        await _round(surveillance, tenant)
    assert await _state(tenant, agent["id"]) == "quarantined"

    resumed = await tenant.client.post(
        f"/api/v1/agents/{agent['id']}/resume", json={"reason": "reviewed: the nightly backup"}, headers=tenant.admin
    )
    assert resumed.status_code == 200 and resumed.json()["lifecycle_state"] == "active", resumed.text
    assert (await _security(tenant, agent["id"]))["score"] == 50  # shown at once, before the next round
    # The upload that quarantined it is still in the hour the exfiltration rule reads: it does not count again.
    await _round(surveillance, tenant)
    assert await _state(tenant, agent["id"]) == "active"
    security = await _security(tenant, agent["id"])
    assert security["score"] == 50 and len(security["findings"]) == 3
    resolved = {a["title"]: a for a in await _alerts(tenant, agent_id=agent["id"], status="resolved")}
    assert resolved["Agent quarantined: backup-bot"]["evidence"]["resolution"] == "the agent is active now"
    assert resolved["Data exfiltration: backup-bot"]["evidence"]["resolution"] == "no longer observed"

    await ingest(tenant.client, writer, spans=_upload("backup-bot", ago_s=0))  # a new upload, after the release
    await _round(surveillance, tenant)
    assert await _state(tenant, agent["id"]) == "active"  # 20 is not under 20
    assert (await _security(tenant, agent["id"]))["score"] == 20
    await _round(surveillance, tenant)
    assert await _state(tenant, agent["id"]) == "quarantined"
    assert len(await _quarantines(tenant, agent["id"])) == 2
