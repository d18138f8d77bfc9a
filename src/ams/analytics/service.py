"""Analytics: KPIs per agent, version and fleet; time series; provider and usage breakdowns."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import anyio
from sqlalchemy import select

from ams.agents.models import Agent
from ams.analytics import queries, schemas
from ams.analytics.kpis import SpanAggregate, TaskAggregate, kpis
from ams.analytics.scope import Scope
from ams.analytics.windows import Window
from ams.db.engine import Database
from ams.errors import InvalidInput
from ams.telemetry.rollups import RollupPlan, Rollups
from ams.telemetry.store import QueryResult, TelemetryStore

MAX_POINTS = 2_000
BUCKET_SECONDS = {"minute": 60, "hour": 3_600, "day": 86_400}
TASK_METRICS = {
    "tasks",
    "successes",
    "failures",
    "tsr",
    "hir",
    "error_rate",
    "latency_p50",
    "latency_p95",
    "latency_p99",
    "throughput_per_hour",
}
SPAN_METRICS = {"spans", "span_error_rate", "cost_usd", "input_tokens", "output_tokens", "tokens"}
MIXED_METRICS = {"cost_per_task", "tokens_per_success"}
GROUPS = {
    "agent": "agent_id",
    "project": "project_id",
    "model": "model",
    "provider": "provider",
    "version": "agent_version",
}


async def run(store: TelemetryStore, sql: str, params: dict[str, Any]) -> QueryResult:
    """Queries are blocking calls into the store: they run on a worker thread, off the event loop."""
    return await anyio.to_thread.run_sync(store.query, sql, params)


def _params(scope: Scope, window: Window, version: str = "") -> dict[str, Any]:
    return {**scope.params(), "since": window.since, "until": window.until, "version": version}


def _task_agg(row: dict[str, Any] | None) -> TaskAggregate:
    if not row:
        return TaskAggregate()
    p50, p95, p99 = row["latency"] if row["tasks"] else (None, None, None)
    return TaskAggregate(row["tasks"], row["successes"], row["failures"], row["interventions"], p50, p95, p99)


def _span_agg(row: dict[str, Any] | None) -> SpanAggregate:
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
        row["unpriced_models"],
    )


def _keyed(result: QueryResult, keys: Sequence[str]) -> dict[tuple[Any, ...], dict[str, Any]]:
    return {tuple(row[k] for k in keys): row for row in result.dicts()}


async def _kpis_by(
    store: TelemetryStore,
    scope: Scope,
    window: Window,
    group_by: Sequence[str],
    version: str = "",
    plan: RollupPlan | None = None,
) -> dict[tuple[Any, ...], schemas.Kpis]:
    params = _params(scope, window, version)
    if plan is not None and plan.uses_rollups:
        params.update(rollup_from=plan.rollup_from, rollup_to=plan.rollup_to)
        task_sql, span_sql = queries.task_kpis_with_rollups(group_by), queries.span_kpis_with_rollups(group_by)
    else:
        task_sql, span_sql = queries.task_kpis(group_by), queries.span_kpis(group_by)
    tasks, spans = await run(store, task_sql, params), await run(store, span_sql, params)
    by_task, by_span = _keyed(tasks, group_by), _keyed(spans, group_by)
    return {
        key: schemas.Kpis.model_validate(kpis(_task_agg(by_task.get(key)), _span_agg(by_span.get(key)), window.hours))
        for key in by_task.keys() | by_span.keys()
    }


def _window(window: Window) -> schemas.WindowPublic:
    return schemas.WindowPublic(since=window.since, until=window.until)


def empty_kpis(window: Window) -> schemas.Kpis:
    return schemas.Kpis.model_validate(kpis(TaskAggregate(), SpanAggregate(), window.hours))


async def agent_kpis(
    store: TelemetryStore, rollups: Rollups, scope: Scope, window: Window, version: str
) -> schemas.AgentKpis:
    agent_id = scope.agents[0]
    plan = await rollups.plan(window)
    overall = await _kpis_by(store, scope, window, [], version, plan)
    by_version = await _kpis_by(store, scope, window, ["agent_version"], version, plan)
    return schemas.AgentKpis(
        agent_id=agent_id,
        window=_window(window),
        kpis=overall.get((), empty_kpis(window)),
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
    async with db.read() as session:
        agents = (await session.execute(query)).all()
    by_agent = await _kpis_by(store, scope, window, ["agent_id"], plan=await rollups.plan(window))
    rows = [
        schemas.FleetRow(
            agent_id=agent_id,
            name=name,
            project_id=project_id,
            lifecycle_state=state,
            health=health,
            kpis=by_agent.get((agent_id,), empty_kpis(window)),
        )
        for agent_id, name, project_id, state, health in agents
    ]
    descending = sort.startswith("-")
    # Agents without a value sort last whichever the direction.
    present = [r for r in rows if _sort_value(r, field) is not None]
    absent = [r for r in rows if _sort_value(r, field) is None]
    present.sort(key=lambda r: _sort_value(r, field), reverse=descending)
    return schemas.Fleet(window=_window(window), items=present + sorted(absent, key=lambda r: r.name))


def _metric_value(metric: str, k: schemas.Kpis) -> float | None:
    if metric.startswith("latency_"):
        return getattr(k.latency_ms, metric.removeprefix("latency_"))
    if metric == "tokens":
        return float(k.input_tokens + k.output_tokens)
    value = getattr(k, metric)
    return None if value is None else float(value)


async def timeseries(
    store: TelemetryStore, scope: Scope, window: Window, metric: str, bucket: str, group: str | None
) -> schemas.Timeseries:
    if metric not in TASK_METRICS | SPAN_METRICS | MIXED_METRICS:
        raise InvalidInput.on("metric", f"unknown metric {metric!r}")
    if bucket not in BUCKET_SECONDS:
        raise InvalidInput.on("bucket", "choose minute, hour or day")
    if (window.until - window.since).total_seconds() / BUCKET_SECONDS[bucket] > MAX_POINTS:
        raise InvalidInput.on("bucket", f"too many {bucket}s in this window (at most {MAX_POINTS} points)")
    dim = GROUPS.get(group) if group else None
    if group and dim is None:
        raise InvalidInput.on("group_by", f"choose one of {', '.join(GROUPS)}")
    if dim in {"model", "provider"} and metric not in SPAN_METRICS:
        raise InvalidInput.on("group_by", f"{metric} is a task metric; by model or provider only span metrics")
    group_by = [dim] if dim else []
    params = _params(scope, window)
    span_rows = _keyed(await run(store, queries.span_kpis(group_by, bucket), params), [*group_by, "bucket"])
    task_rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    if metric not in SPAN_METRICS:
        task_rows = _keyed(await run(store, queries.task_kpis(group_by, bucket), params), [*group_by, "bucket"])
    hours = BUCKET_SECONDS[bucket] / 3600
    series: dict[str, list[schemas.SeriesPoint]] = {}
    for key in sorted(task_rows.keys() | span_rows.keys(), key=lambda k: (str(k[:-1]), str(k[-1]))):
        values = kpis(_task_agg(task_rows.get(key)), _span_agg(span_rows.get(key)), hours)
        name = str(key[0]) if group_by else "all"
        series.setdefault(name, []).append(
            schemas.SeriesPoint(
                time=_as_time(key[-1]), value=_metric_value(metric, schemas.Kpis.model_validate(values))
            )
        )
    return schemas.Timeseries(
        metric=metric,
        bucket=bucket,
        group_by=group,
        window=_window(window),
        series=[schemas.Series(key=k, points=v) for k, v in series.items()],
    )


def _as_time(value: Any) -> datetime:
    """A bucket's start: the embedded engine gives text in UTC, the server backend a datetime."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def providers(store: TelemetryStore, scope: Scope, window: Window) -> schemas.Providers:
    sql = queries.span_kpis(["provider", "model"], where="AND (kind IN ('llm', 'embedding') OR model != '')")
    rows = (await run(store, sql, _params(scope, window))).dicts()
    items = []
    for row in rows:
        tokens = row["input_tokens"] + row["output_tokens"]
        p50, p95, p99 = row["latency"] if row["spans"] else (None, None, None)
        items.append(
            schemas.ProviderRow(
                provider=row["provider"],
                model=row["model"],
                calls=row["spans"],
                errors=row["span_errors"],
                error_rate=row["span_errors"] / row["spans"] if row["spans"] else None,
                latency_ms=schemas.Latency(p50=p50, p95=p95, p99=p99),
                input_tokens=row["input_tokens"],
                output_tokens=row["output_tokens"],
                cost_usd=row["cost_usd"],
                cost_per_1k_tokens=row["cost_usd"] / tokens * 1000 if tokens else None,
                unpriced_calls=row["unpriced_spans"],
            )
        )
    items.sort(key=lambda r: (-r.calls, r.provider, r.model))
    return schemas.Providers(window=_window(window), items=items)


USAGE_GROUPS = {"project": "project_id", "agent": "agent_id", "model": "model", "day": "bucket"}


async def usage(store: TelemetryStore, scope: Scope, window: Window, group_by: list[str]) -> schemas.Usage:
    for group in group_by:
        if group not in USAGE_GROUPS:
            raise InvalidInput.on("group_by", f"choose from {', '.join(USAGE_GROUPS)}")
    dims = [USAGE_GROUPS[g] for g in group_by if g != "day"]
    bucket = "day" if "day" in group_by else None
    # Usage is what was consumed: spans without tokens or cost (tasks, tools) would only add empty rows.
    sql = queries.span_kpis(dims, bucket, where="AND (input_tokens + output_tokens > 0 OR cost_usd > 0)")
    rows = (await run(store, sql, _params(scope, window))).dicts()
    items = [
        schemas.UsageRow(
            day=str(row["bucket"])[:10] if bucket else None,
            project_id=row.get("project_id"),
            agent_id=row.get("agent_id"),
            model=row.get("model"),
            input_tokens=row["input_tokens"],
            output_tokens=row["output_tokens"],
            cost_usd=row["cost_usd"],
            spans=row["spans"],
        )
        for row in rows
    ]
    totals = {
        "input_tokens": sum(i.input_tokens for i in items),
        "output_tokens": sum(i.output_tokens for i in items),
        "cost_usd": sum(i.cost_usd for i in items),
        "spans": sum(i.spans for i in items),
    }
    return schemas.Usage(window=_window(window), group_by=group_by, items=items, totals=totals)


def usage_csv(report: schemas.Usage) -> str:
    columns = [*report.group_by, "input_tokens", "output_tokens", "cost_usd", "spans"]
    names = {"project": "project_id", "agent": "agent_id", "model": "model", "day": "day"}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for item in report.items:
        data = item.model_dump()
        writer.writerow([data[names.get(c, c)] for c in columns])
    return out.getvalue()
