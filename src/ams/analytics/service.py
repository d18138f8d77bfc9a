"""Analytics: KPIs per agent, version and fleet. Time series are in `timeseries_service.py`, provider and
usage breakdowns in `usage_service.py`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import anyio
from sqlalchemy import select

from ams.agents.models import Agent
from ams.analytics import queries, rollup_queries, schemas
from ams.analytics.kpis import SpanAggregate, TaskAggregate, kpis
from ams.analytics.scope import Scope
from ams.analytics.windows import Window
from ams.db.engine import Database
from ams.errors import InvalidInput
from ams.telemetry.rollups import RollupPlan, Rollups
from ams.telemetry.store import QueryResult, TelemetryStore


async def run(store: TelemetryStore, sql: str, params: dict[str, Any]) -> QueryResult:
    """Queries are blocking calls into the store: they run on a worker thread, off the event loop."""
    return await anyio.to_thread.run_sync(store.query, sql, params)


async def run_both(
    store: TelemetryStore, first: tuple[str, dict[str, Any]], second: tuple[str, dict[str, Any]]
) -> tuple[QueryResult, QueryResult]:
    """Two independent statements at once, each on its own worker thread (and store connection): the engine
    rarely keeps both cores busy with one statement over a few parts."""
    results = [QueryResult([], []), QueryResult([], [])]

    async def one(index: int, sql: str, params: dict[str, Any]) -> None:
        results[index] = await run(store, sql, params)

    async with anyio.create_task_group() as group:
        group.start_soon(one, 0, *first)
        group.start_soon(one, 1, *second)
    return results[0], results[1]


def params(scope: Scope, window: Window, version: str = "", plan: RollupPlan | None = None) -> dict[str, Any]:
    bound = {**scope.params(), "since": window.since, "until": window.until, "version": version}
    if plan is not None and plan.uses_rollups:
        days = (plan.day_from, plan.day_to) if plan.uses_days else (plan.rollup_to, plan.rollup_to)
        bound.update(rollup_from=plan.rollup_from, rollup_to=plan.rollup_to, day_from=days[0], day_to=days[1])
    return bound


def task_agg(row: dict[str, Any] | None) -> TaskAggregate:
    if not row:
        return TaskAggregate()
    p50, p95, p99 = row["latency"] if row["tasks"] and "latency" in row else (None, None, None)
    return TaskAggregate(row["tasks"], row["successes"], row["failures"], row["interventions"], p50, p95, p99)


def span_agg(row: dict[str, Any] | None) -> SpanAggregate:
    if not row:
        return SpanAggregate()
    return SpanAggregate(
        row["spans"],
        row["span_errors"],
        row["cost_usd"],
        row["input_tokens"],
        row["output_tokens"],
        row["cached_input_tokens"],
        row["unpriced_spans"],
        row.get("unpriced_models"),
    )


def keyed(result: QueryResult, keys: Sequence[str]) -> dict[tuple[Any, ...], dict[str, Any]]:
    """Rows by their group; the overall row of a GROUPING SETS query (`is_total`) under the key ()."""
    return {() if row.get("is_total") else tuple(row[k] for k in keys): row for row in result.dicts()}


async def _kpis_by(
    store: TelemetryStore,
    scope: Scope,
    window: Window,
    group_by: Sequence[str],
    version: str = "",
    plan: RollupPlan | None = None,
    *,
    total: bool = False,
) -> dict[tuple[Any, ...], schemas.Kpis]:
    """KPIs per group (and overall, under the key (), with `total`), from one statement."""
    source: Any = rollup_queries if plan is not None and plan.uses_rollups else queries
    result = await run(store, source.kpis(group_by, total=total), params(scope, window, version, plan))
    return {
        key: schemas.Kpis.model_validate(kpis(task_agg(row), span_agg(row), window.hours))
        for key, row in keyed(result, group_by).items()
    }


async def kpis_by_agent(
    store: TelemetryStore, rollups: Rollups, scope: Scope, window: Window
) -> dict[str, dict[str, Any]]:
    """Each agent's KPI document (`kpis.kpis`) over the window, for agents with telemetry in it: the figures
    alerting and health judge, without the API's models (they judge thousands of agents a round)."""
    plan = await rollups.plan(window)
    source: Any = rollup_queries if plan.uses_rollups else queries
    result = await run(store, source.kpis(["agent_id"]), params(scope, window, "", plan))
    return {
        row["agent_id"]: kpis(task_agg(row), span_agg(row), window.hours)
        for row in result.dicts()
        if not row.get("is_total")
    }


def window_public(window: Window) -> schemas.WindowPublic:
    return schemas.WindowPublic(since=window.since, until=window.until)


def empty_kpis(window: Window) -> schemas.Kpis:
    return schemas.Kpis.model_validate(kpis(TaskAggregate(), SpanAggregate(), window.hours))


async def agent_kpis(
    store: TelemetryStore, rollups: Rollups, scope: Scope, window: Window, version: str
) -> schemas.AgentKpis:
    agent_id = scope.agents[0]
    plan = await rollups.plan(window)
    # Overall and per version from the same statements (GROUPING SETS): the overall row is keyed ().
    by_version = await _kpis_by(store, scope, window, ["agent_version"], version, plan, total=True)
    overall = by_version.pop((), None)
    return schemas.AgentKpis(
        agent_id=agent_id,
        window=window_public(window),
        kpis=overall or empty_kpis(window),
        by_version=[schemas.VersionKpis(version=key[0], kpis=value) for key, value in sorted(by_version.items())],
    )


FLEET_SORTS = {
    "name",
    "tasks",
    "tsr",
    "hir",
    "error_rate",
    "latency_p95",
    "cost_usd",
    "cost_per_task",
    "throughput_per_hour",
}


def _sort_value(row: schemas.FleetRow, field: str) -> Any:
    if field == "name":
        return row.name
    if field == "latency_p95":
        return row.kpis.latency_ms.p95
    return getattr(row.kpis, field)


async def fleet(
    db: Database, store: TelemetryStore, rollups: Rollups, scope: Scope, window: Window, sort: str
) -> schemas.Fleet:
    field = sort.lstrip("-")
    if field not in FLEET_SORTS:
        raise InvalidInput.on("sort", f"cannot sort by {field!r}; choose one of {', '.join(sorted(FLEET_SORTS))}")
    query = select(Agent.id, Agent.name, Agent.project_id, Agent.lifecycle_state, Agent.health).where(
        Agent.organization_id == scope.organization_id
    )
    if scope.projects:
        query = query.where(Agent.project_id.in_(scope.projects))
    if scope.agents:
        query = query.where(Agent.id.in_(scope.agents))
    plan = await rollups.plan(window)
    found: dict[str, Any] = {}

    async def read_agents() -> None:
        async with db.read() as session:
            found["agents"] = (await session.execute(query)).all()

    async def read_kpis() -> None:
        found["kpis"] = await _kpis_by(store, scope, window, ["agent_id"], plan=plan)

    # The registry and the telemetry store answer at once: one is SQL in this process, the other chDB's threads.
    async with anyio.create_task_group() as group:
        group.start_soon(read_agents)
        group.start_soon(read_kpis)
    by_agent, idle = found["kpis"], empty_kpis(window)
    rows = [
        schemas.FleetRow(
            agent_id=agent_id,
            name=name,
            project_id=project_id,
            lifecycle_state=state,
            health=health,
            kpis=by_agent.get((agent_id,), idle),
        )
        for agent_id, name, project_id, state, health in found["agents"]
    ]
    descending = sort.startswith("-")
    # Agents without a value sort last whichever the direction.
    present = [r for r in rows if _sort_value(r, field) is not None]
    absent = [r for r in rows if _sort_value(r, field) is None]
    present.sort(key=lambda r: _sort_value(r, field), reverse=descending)
    return schemas.Fleet(window=window_public(window), items=present + sorted(absent, key=lambda r: r.name))
