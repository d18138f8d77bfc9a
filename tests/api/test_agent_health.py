"""Agents' health through the API: their endpoints probed on real local servers by the monitor's round, and their
p95 task time read from ingested spans."""

from __future__ import annotations

from typing import Any

import pytest

from ams.agents.health_service import HealthMonitor
from ams.agents.models import Agent
from ams.db.base import utcnow
from ams.settings import HealthSettings
from tests.api.telemetry_helpers import ingest, task
from tests.local_endpoint import refused_url

# platform -> (its configuration for an endpoint at a base URL, the path its probe GETs; None: it only connects)
PLATFORMS: dict[str, tuple[Any, str | None]] = {
    "n8n": (lambda url: {"webhook_url": f"{url}/webhook/42", "instance_url": url}, "/healthz"),
    "n8n-hook": (lambda url: {"webhook_url": f"{url}/webhook/42"}, None),
    "langgraph": (lambda url: {"server_url": url, "graph_id": "support"}, "/ok"),
    "langchain": (lambda url: {"server_url": url}, "/docs"),
    "webhook": (lambda url: {"url": f"{url}/run", "health_url": f"{url}/health"}, "/health"),
    "make": (lambda url: {"webhook_url": f"{url}/hook/abc"}, None),
    "zapier": (lambda url: {"webhook_url": f"{url}/hooks/catch/1/x"}, None),
}


async def _agent(tenant, platform: str, url: str) -> dict[str, Any]:
    configure, _ = PLATFORMS[platform]
    return await tenant.agent(platform=platform.removesuffix("-hook"), configuration=configure(url))


async def health_of(tenant, agent_id: str) -> dict[str, Any]:
    response = await tenant.client.get(f"/api/v1/agents/{agent_id}/health", headers=tenant.admin)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def _alerts(tenant, agent_id: str) -> list[dict[str, Any]]:
    response = await tenant.client.get("/api/v1/alerts", params={"agent_id": agent_id}, headers=tenant.admin)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


@pytest.mark.parametrize("platform", list(PLATFORMS))
async def test_a_healthy_endpoint_passes_its_probe(tenant, monitor, endpoints, platform):
    endpoint = endpoints()
    agent = await _agent(tenant, platform, endpoint.url)
    await monitor.run_round()
    report = await health_of(tenant, agent["id"])
    assert report["health"] == "healthy" and report["judged_now"] == "healthy"
    probe = report["checks"]["probe"]
    path = PLATFORMS[platform][1]
    if path:
        assert probe["ok"] is True and probe["detail"].startswith(f"GET {endpoint.url}{path} answered 200 in ")
        assert endpoint.requests == [("GET", path)]
    else:  # Make, Zapier and n8n hooks run their workflow on any request: the probe only connects
        assert probe["ok"] is True and probe["detail"].startswith(f"a connection to {endpoint.url[7:]} was accepted")
        endpoint.close()
        assert endpoint.requests == []
    [event] = report["history"]
    assert (event["health_from"], event["health_to"]) == ("unknown", "healthy")
    assert event["reason"] == "heard from recently, nothing wrong" and event["checks"]["probe"]["ok"] is True


# platform, how its endpoint fails, what the reason must name
FAILURES = [
    ("n8n", "500", "/healthz answered 500 in "),
    ("langchain", "503", "/docs answered 503 in "),
    ("langgraph", "refused", "/ok: ConnectError: "),
    ("webhook", "timeout", "/health: no answer within 0.5 s"),
    ("make", "refused", ": ConnectionRefusedError: "),
    ("zapier", "refused", ": ConnectionRefusedError: "),
]


@pytest.mark.parametrize(("platform", "failure", "named"), FAILURES)
async def test_a_failing_endpoint_makes_its_agent_unhealthy(tenant, monitor, endpoints, platform, failure, named):
    monitor.probe_timeout_s = 0.5  # AMS_PROBE_TIMEOUT_S (5 s by default); the fixture puts it back
    if failure == "refused":
        url = refused_url()
    else:
        url = endpoints(hang=True).url if failure == "timeout" else endpoints(int(failure)).url
    agent = await _agent(tenant, platform, url)
    await monitor.run_round()
    report = await health_of(tenant, agent["id"])
    assert report["health"] == "unhealthy" and report["judged_now"] == "unhealthy"
    probe = report["checks"]["probe"]
    tried = f"GET {url}" if PLATFORMS[platform][1] else f"a connection to {url[7:]}"
    assert probe["ok"] is False and probe["detail"].startswith(tried) and named in probe["detail"]
    assert report["reason"] == f"its endpoint failed a probe: {probe['detail']}"
    [event] = report["history"]
    assert (event["health_from"], event["health_to"]) == ("unknown", "unhealthy")
    assert event["reason"] == report["reason"] and event["checks"]["probe"] == probe
    [alert] = await _alerts(tenant, agent["id"])
    assert alert["title"] == f"Agent unhealthy: {agent['name']}" and alert["status"] == "firing"


async def test_an_endpoint_that_recovers_is_healthy_at_its_next_probe(tenant, monitor, endpoints):
    endpoint = endpoints(500)
    agent = await _agent(tenant, "langgraph", endpoint.url)
    await monitor.run_round()
    assert (await health_of(tenant, agent["id"]))["health"] == "unhealthy"
    endpoint.status = 200
    await monitor.run_round()  # its probe is not due yet: the failure stands
    assert (await health_of(tenant, agent["id"]))["health"] == "unhealthy"
    await monitor.run_round(utcnow() + monitor.probe_every)
    report = await health_of(tenant, agent["id"])
    assert report["health"] == "healthy" and report["checks"]["probe"]["ok"] is True
    assert [(e["health_from"], e["health_to"]) for e in report["history"]] == [
        ("unhealthy", "healthy"),
        ("unknown", "unhealthy"),
    ]
    [alert] = await _alerts(tenant, agent["id"])
    assert alert["status"] == "resolved" and alert["resolved_by"] == "system"


async def test_a_changed_endpoint_is_probed_at_once_and_a_removed_one_forgotten(tenant, monitor, endpoints):
    agent = await _agent(tenant, "webhook", refused_url())
    await monitor.run_round()
    assert (await health_of(tenant, agent["id"]))["health"] == "unhealthy"
    fixed = endpoints()
    moved = await tenant.client.patch(
        f"/api/v1/agents/{agent['id']}",
        json={"configuration": PLATFORMS["webhook"][0](fixed.url)},
        headers=tenant.admin,
    )
    assert moved.status_code == 200, moved.text
    # Judged now, before any round: the failed probe asked the old endpoint, so it no longer counts.
    assert "probe" not in (await health_of(tenant, agent["id"]))["checks"]
    await monitor.run_round()
    report = await health_of(tenant, agent["id"])
    assert report["health"] == "healthy" and report["checks"]["probe"]["detail"].startswith(f"GET {fixed.url}/health")
    # Its health door removed: no probe is judged any more, old or new.
    plain = await tenant.client.patch(
        f"/api/v1/agents/{agent['id']}", json={"configuration": {"url": f"{fixed.url}/run"}}, headers=tenant.admin
    )
    assert plain.status_code == 200, plain.text
    await monitor.run_round()
    assert "probe" not in (await health_of(tenant, agent["id"]))["checks"]
    assert fixed.requests == [("GET", "/health")]


async def test_slow_tasks_make_an_agent_degraded(tenant, monitor):
    writer = await tenant.key(role="agent_owner")
    spans = []
    for _ in range(6):
        spans += task("slow-bot", duration_ms=45_000, ago_s=120)
        spans += task("brisk-bot", duration_ms=200, ago_s=120)
    for _ in range(4):  # under the 5 tasks health needs to judge a p95
        spans += task("rare-bot", duration_ms=45_000, ago_s=120)
    await ingest(tenant.client, writer, spans=spans)
    await monitor.run_round()
    slow = await health_of(tenant, "slow-bot")
    assert slow["health"] == "degraded" and slow["judged_now"] == "degraded"
    detail = "95% of 6 tasks finished within 45 s (limit 30 s)"
    assert slow["checks"]["latency_p95"] == {"ok": False, "detail": detail} and slow["reason"] == detail
    assert slow["checks"]["success_rate"]["ok"] is True
    [event] = slow["history"]
    assert event["health_to"] == "degraded" and event["reason"] == detail
    brisk = await health_of(tenant, "brisk-bot")
    assert brisk["health"] == "healthy"
    assert brisk["checks"]["latency_p95"] == {
        "ok": True,
        "detail": "95% of 6 tasks finished within 200 ms (limit 30 s)",
    }
    rare = await health_of(tenant, "rare-bot")
    assert rare["health"] == "healthy" and "latency_p95" not in rare["checks"]


async def test_the_latency_limit_follows_its_setting(tenant, app):
    writer = await tenant.key(role="agent_owner")
    spans = []
    for _ in range(5):
        spans += task("steady-bot", duration_ms=2_000, ago_s=120)
    await ingest(tenant.client, writer, spans=spans)
    agent = (await tenant.client.get("/api/v1/agents/steady-bot", headers=tenant.admin)).json()
    context = app.state.context
    async with context.db.read() as session:
        row = await session.get(Agent, agent["id"])
    assert row is not None
    verdicts = {}
    for limit_ms in (1_000, 0, 30_000):
        settings = HealthSettings(health_degraded_p95_ms=limit_ms)
        judge = HealthMonitor(context.db, context.telemetry.store, context.telemetry.rollups, context.telemetry.live,
                              settings)  # fmt: skip
        try:
            verdicts[limit_ms] = await judge.judge_one(row, utcnow())
        finally:
            await judge.close()
    assert verdicts[1_000].health.value == "degraded"
    assert verdicts[1_000].reason == "95% of 5 tasks finished within 2 s (limit 1 s)"
    assert verdicts[0].health.value == "healthy" and "latency_p95" not in verdicts[0].checks
    assert verdicts[30_000].health.value == "healthy" and verdicts[30_000].checks["latency_p95"]["ok"] is True
