"""Answers served from the hourly rollups equal the raw-span answers: time series, the fleet, agent KPIs,
providers and series by model, at the window's edges and with spans sent twice.

Each test first puts the store back to "rollups never computed", with the rollup job stopped so that it cannot
compute behind the test's back, takes the raw-span answers, computes the rollups, and takes the answers again.
"""

import asyncio
from datetime import UTC, datetime, timedelta

import anyio
import pytest

from ams.analytics.windows import Window
from ams.db.base import utcnow
from ams.telemetry.rollups import AGENT_HOURS, MODEL_HOURLY, TASK_COST_HOURS, ceil_day, floor_day
from tests.api.telemetry_helpers import forget_rollups, ingest, task

TASK_METRICS = ["tasks", "successes", "failures", "tsr", "hir", "error_rate", "throughput_per_hour"]
SPAN_METRICS = ["spans", "span_error_rate", "cost_usd", "input_tokens", "output_tokens", "tokens"]
OTHER_METRICS = ["cost_per_task", "tokens_per_success", "latency_p50", "latency_p95", "latency_p99"]


@pytest.fixture
async def writer(tenant):
    return await tenant.key(role="agent_owner")


def _at(moment: datetime, agent: str, **fields) -> list[dict]:
    return task(agent, ago_s=(datetime.now(UTC) - moment).total_seconds(), **fields)


async def _traffic(tenant, writer, since: datetime, until: datetime) -> dict[str, list[dict]]:
    """Tasks on both sides of the window's start, in its first and last partial hours, in whole hours, sent
    twice, judged afterwards by an event, in two agents, two versions and two providers."""
    tasks = {
        "before": _at(since - timedelta(seconds=20), "edge-bot"),
        "first": _at(since + timedelta(seconds=20), "edge-bot", status="error", duration_ms=900),
        "early": _at(since + timedelta(minutes=90), "edge-bot", outcome="escalated", duration_ms=300),
        "middle": _at(until - timedelta(hours=3), "edge-bot", human=True, llm_calls=2),
        "canary": _at(
            until - timedelta(hours=3, seconds=-10),
            "edge-bot",
            version="2.0.0",
            model="claude-haiku-4-5",
            provider="anthropic",
            duration_ms=2500,
        ),
        "other": _at(until - timedelta(hours=7), "side-bot", model="house-model-x", provider="internal"),
        "last": _at(until - timedelta(seconds=20), "edge-bot", duration_ms=150),
    }
    everything = [span for spans in tasks.values() for span in spans]
    await ingest(tenant.client, writer, spans=everything)
    # Exporters retry: the same spans again must count once.
    await ingest(tenant.client, writer, spans=tasks["first"] + tasks["middle"] + tasks["last"])
    judged = {
        "event_id": "judged-once",
        "trace_id": tasks["middle"][0]["trace_id"],
        "name": "task_outcome",
        "outcome": "failure",
        "time": tasks["middle"][0]["end_time"],
    }
    await ingest(tenant.client, writer, events=[judged, judged])
    return tasks


def _same_series(before: dict, after: dict) -> bool:
    """The same series and points; values equal up to float summation order (sums of costs)."""
    points = lambda answer: [(s["key"], p["time"], p["value"]) for s in answer["series"] for p in s["points"]]  # noqa: E731
    if [p[:2] for p in points(after)] != [p[:2] for p in points(before)]:
        return False
    return all(
        a == b if a is None or b is None else a == pytest.approx(b, rel=1e-9)
        for (*_, a), (*_, b) in zip(points(after), points(before), strict=True)
    )


async def _raw_then_rolled(telemetry, window, answer):
    """`answer()` over raw spans only, then once the rollups are computed (and checked to be used)."""
    await forget_rollups(telemetry)
    raw = await answer()
    assert await anyio.to_thread.run_sync(telemetry.rollups.compute, utcnow()) is not None
    telemetry.rollups.refresh()
    for table in (AGENT_HOURS, MODEL_HOURLY, TASK_COST_HOURS):
        assert (await telemetry.rollups.plan(window, table)).uses_rollups, table
    whole_days = ceil_day(window.since + timedelta(hours=1)) < floor_day(window.until - timedelta(hours=1))
    assert (await telemetry.rollups.plan(window)).uses_days == whole_days
    return raw, await answer()


def _window(hours: int) -> tuple[datetime, datetime, dict[str, str]]:
    until = datetime.now(UTC).replace(microsecond=0)
    since = until - timedelta(hours=hours)
    return since, until, {"since": since.isoformat(), "until": until.isoformat()}


async def test_time_series_from_rollups_equal_raw_spans(telemetry, tenant, writer):
    since, until, bounds = _window(24)
    await _traffic(tenant, writer, since, until)
    requests = [
        {"metric": metric, "bucket": bucket, **({"group_by": group} if group else {})}
        for metric in TASK_METRICS + SPAN_METRICS + OTHER_METRICS
        for group in (None, "agent", "version", "project")
        for bucket in ("hour", "day")
    ]
    requests += [
        {"metric": metric, "bucket": "hour", "group_by": group}
        for metric in SPAN_METRICS
        for group in ("model", "provider")
    ]

    async def one(params):
        response = await tenant.client.get(
            "/api/v1/analytics/timeseries", params={**params, **bounds}, headers=tenant.admin
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def answer():  # a few at a time: the engine answers on worker threads, and both cores help
        gate = asyncio.Semaphore(4)

        async def gated(params):
            async with gate:
                return await one(params)

        return await asyncio.gather(*(gated(params) for params in requests))

    raw, rolled = await _raw_then_rolled(telemetry, Window(since, until), answer)
    for params, before, after in zip(requests, raw, rolled, strict=True):
        assert _same_series(before, after), params
    # And the raw answer is the traffic's: 6 tasks in the window (one before it, three sent twice).
    [hourly] = [a for p, a in zip(requests, raw, strict=True) if p == {"metric": "tasks", "bucket": "hour"}]
    assert sum(point["value"] for point in hourly["series"][0]["points"]) == 6
    first = hourly["series"][0]["points"][0]
    first_hour = (since + timedelta(seconds=20)).replace(minute=0, second=0)
    assert first["value"] == 1 and first["time"] == first_hour.isoformat().replace("+00:00", "Z")


async def test_fleet_agent_kpis_and_providers_from_rollups_equal_raw_spans(telemetry, tenant, writer):
    since, until, bounds = _window(24)
    await _traffic(tenant, writer, since, until)
    agent = (await tenant.client.get("/api/v1/agents/edge-bot", headers=tenant.admin)).json()

    async def answer():
        get = tenant.client.get
        fleet = (await get("/api/v1/analytics/fleet", params=bounds, headers=tenant.admin)).json()
        kpis = (await get(f"/api/v1/agents/{agent['id']}/kpis", params=bounds, headers=tenant.admin)).json()
        canary = (
            await get(f"/api/v1/agents/{agent['id']}/kpis", params={**bounds, "version": "2.0.0"}, headers=tenant.admin)
        ).json()
        providers = (await get("/api/v1/analytics/providers", params=bounds, headers=tenant.admin)).json()
        return fleet, kpis, canary, providers

    raw, rolled = await _raw_then_rolled(telemetry, Window(since, until), answer)
    raw_fleet, raw_kpis, raw_canary, raw_providers = raw
    fleet, kpis, canary, providers = rolled
    # Counts, rates, tokens and cost are exact either way; latency percentiles become t-digest estimates.
    for before, after in [
        *zip(raw_fleet["items"], fleet["items"], strict=True),
        (raw_kpis, kpis),
        (raw_canary, canary),
        *zip(raw_kpis["by_version"], kpis["by_version"], strict=True),
    ]:
        before, after = before["kpis"], after["kpis"]
        assert {k: v for k, v in after.items() if k not in {"latency_ms", "cost_usd", "cost_per_task"}} == {
            k: v for k, v in before.items() if k not in {"latency_ms", "cost_usd", "cost_per_task"}
        }
        assert after["cost_usd"] == pytest.approx(before["cost_usd"])
        # A handful of tasks per group: the estimate is only held to lie among the durations.
        for q in ("p50", "p95", "p99"):
            assert (after["latency_ms"][q] is None) == (before["latency_ms"][q] is None)
            if after["latency_ms"][q] is not None:
                assert 100 <= after["latency_ms"][q] <= 2500.01
    assert kpis["kpis"]["tasks"] == 5 and kpis["kpis"]["failures"] == 2 and kpis["kpis"]["hir"] == 2 / 5
    assert [v["version"] for v in kpis["by_version"]] == ["", "2.0.0"] and canary["kpis"]["tasks"] == 1
    assert len(providers["items"]) == len(raw_providers["items"]) == 3
    for before, after in zip(raw_providers["items"], providers["items"], strict=True):
        exact = {k for k in before if k not in {"latency_ms", "cost_usd", "cost_per_1k_tokens"}}
        assert {k: after[k] for k in exact} == {k: before[k] for k in exact}
        assert after["cost_usd"] == pytest.approx(before["cost_usd"])
        assert 10 <= after["latency_ms"]["p95"] <= 10.01  # every model call takes 10 ms
    mini = next(p for p in providers["items"] if p["model"] == "gpt-4o-mini")
    assert mini["calls"] == 5 and mini["input_tokens"] == 5000  # "middle" has two calls; "before" is outside


async def test_agent_scoped_series_by_model_read_raw_spans(telemetry, tenant, writer):
    """model_hourly has no agent column: a caller seeing one agent gets its own spans, not its project's."""
    since, until, bounds = _window(24)
    await _traffic(tenant, writer, since, until)
    await forget_rollups(telemetry)
    await anyio.to_thread.run_sync(telemetry.rollups.compute, utcnow())
    telemetry.rollups.refresh()
    side = (await tenant.client.get("/api/v1/agents/side-bot", headers=tenant.admin)).json()
    key = await tenant.key(agent_id=side["id"])
    response = await tenant.client.get(
        "/api/v1/analytics/timeseries",
        params={"metric": "spans", "group_by": "model", "project_id": tenant.project_id, **bounds},
        headers=key,
    )
    assert response.status_code == 200, response.text
    series = response.json()["series"]
    assert {s["key"]: sum(p["value"] for p in s["points"]) for s in series} == {"": 1, "house-model-x": 1}
    providers = (
        await tenant.client.get(
            "/api/v1/analytics/providers", params={"project_id": tenant.project_id, **bounds}, headers=key
        )
    ).json()
    assert [(p["model"], p["calls"]) for p in providers["items"]] == [("house-model-x", 1)]


async def test_whole_days_from_daily_rollups_equal_raw_spans(telemetry, tenant, writer):
    since, until, bounds = _window(4 * 24)
    await _traffic(tenant, writer, since, until)
    midnight = floor_day(until)
    around = [
        _at(midnight - timedelta(seconds=20), "edge-bot", status="error"),
        _at(midnight + timedelta(seconds=20), "edge-bot", outcome="escalated", duration_ms=700),
        _at(midnight - timedelta(days=1, seconds=20), "side-bot", version="3.0.0"),
        _at(midnight - timedelta(days=2, hours=-5), "edge-bot", human=True),
    ]
    await ingest(tenant.client, writer, spans=[span for spans in around for span in spans])
    await ingest(tenant.client, writer, spans=around[0])  # sent twice
    agent = (await tenant.client.get("/api/v1/agents/edge-bot", headers=tenant.admin)).json()
    requests = [
        ("/api/v1/analytics/fleet", {}),
        (f"/api/v1/agents/{agent['id']}/kpis", {}),
        *[
            ("/api/v1/analytics/timeseries", {"metric": metric, "bucket": bucket, "group_by": group})
            for metric in ("tasks", "tsr", "hir", "cost_per_task", "spans")
            for bucket in ("day", "hour")
            for group in ("agent", "version")
        ],
    ]

    async def answer():
        answers = []
        for path, params in requests:
            response = await tenant.client.get(path, params={**params, **bounds}, headers=tenant.admin)
            assert response.status_code == 200, response.text
            answers.append(response.json())
        return answers

    raw, rolled = await _raw_then_rolled(telemetry, Window(since, until), answer)
    exact = lambda kpis: {k: v for k, v in kpis.items() if k not in {"latency_ms", "cost_usd", "cost_per_task"}}  # noqa: E731
    for before, after in zip(raw[0]["items"], rolled[0]["items"], strict=True):
        assert exact(after["kpis"]) == exact(before["kpis"]) and after["kpis"]["cost_usd"] == pytest.approx(
            before["kpis"]["cost_usd"]
        )
    assert exact(rolled[1]["kpis"]) == exact(raw[1]["kpis"]) and rolled[1]["kpis"]["tasks"] == 8
    for (_, params), before, after in zip(requests[2:], raw[2:], rolled[2:], strict=True):
        assert _same_series(before, after), params


async def test_costliest_tasks_from_rollups_equal_raw_spans(app, telemetry, tenant, writer):
    """Cost-spike alerts over long windows read each agent's costliest task from `task_cost_hours` and the raw
    edges: the same task and cost as summing every trace of the window."""
    from ams.alerts.observations import ObservationSource

    since, until, _ = _window(24)
    tasks = await _traffic(tenant, writer, since, until)
    dear = _at(until - timedelta(hours=5), "edge-bot", cost_usd=7.5, llm_calls=3)
    await ingest(tenant.client, writer, spans=dear + dear)  # sent twice: counts once
    window = Window(since, until)

    async def answer():
        source = ObservationSource(app.state.context.db, telemetry.store, telemetry.rollups, tenant.org_id, until)
        costliest = await source._read_costliest(window)
        return {agent: (row["trace_id"], pytest.approx(row["max_cost"])) for agent, row in costliest.items()}

    raw, rolled = await _raw_then_rolled(telemetry, window, answer)
    listed = await tenant.client.get("/api/v1/agents", params={"limit": 100}, headers=tenant.admin)
    agents = {a["name"]: a["id"] for a in listed.json()["items"]}
    assert raw[agents["edge-bot"]][0] == dear[0]["trace_id"]
    assert raw[agents["side-bot"]][0] == tasks["other"][0]["trace_id"]
    assert rolled == raw
