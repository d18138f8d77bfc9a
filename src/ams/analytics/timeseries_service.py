"""Time series: one KPI bucketed by minute, hour or day, overall or per agent, project, version, model or provider.

Hour and day buckets of a long window read whole hours from the rollups (`agent_hours` for task and span
metrics, `model_hourly` for span metrics by model or provider) and the edges from raw spans, as KPIs do.
Only what the metric needs is queried, and only that metric is computed for each point.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ams.analytics import queries, rollup_queries, schemas
from ams.analytics.kpis import SERIES
from ams.analytics.scope import Scope
from ams.analytics.service import params, run, run_both, window_public
from ams.analytics.windows import Window
from ams.errors import InvalidInput
from ams.telemetry.rollups import AGENT_HOURS, MODEL_HOURLY, RollupPlan, Rollups
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


def _check(window: Window, metric: str, bucket: str, group: str | None) -> str | None:
    """The group-by column, once the request is known to be answerable."""
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
    return dim


async def _plan(rollups: Rollups, scope: Scope, window: Window, bucket: str, by_model: bool) -> RollupPlan | None:
    """Rollups hold whole hours: minute buckets read raw spans. `model_hourly` has no agent column, so a caller
    restricted to agents reads raw spans (sorted by agent, so cheap for them)."""
    if bucket == "minute" or (by_model and scope.agents):
        return None
    plan = await rollups.plan(window, MODEL_HOURLY if by_model else AGENT_HOURS)
    if not plan.uses_rollups:
        return None
    return plan if bucket == "day" else plan.hourly()  # a day's rollup has no hours in it


async def _rows(
    store: TelemetryStore,
    scope: Scope,
    window: Window,
    metric: str,
    bucket: str,
    group_by: list[str],
    plan: RollupPlan | None,
) -> tuple[QueryResult, QueryResult | None]:
    """Every point (a bucket with a span, with or without a task in it) with the sums the metric reads; for
    latency percentiles, also the percentiles of the points that have tasks."""
    bound = params(scope, window, plan=plan)
    keys = [*group_by, "bucket"]
    if group_by and group_by[0] in {"model", "provider"}:
        sql = rollup_queries.model_spans(group_by, bucket) if plan else queries.span_kpis(group_by, bucket)
    else:
        tasks = metric in TASK_METRICS | MIXED_METRICS
        sql = (rollup_queries if plan else queries).kpis(group_by, bucket, latency=False, tasks=tasks)
    # Latency points take their values from the second statement: the first only says which points there are.
    sums = queries.only([*keys, *(SERIES[metric][0] if metric in SERIES else ("tasks",))], sql)
    if not metric.startswith("latency_"):
        return await run(store, sums, bound), None
    # Percentiles stay exact, from raw spans: a bucket holds few tasks, where the rollups' t-digests stray far
    # from the exact value (measured up to 2.4x at 18 tasks an hour, within 3 % from 50).
    return await run_both(store, (sums, bound), (queries.task_latency(group_by, bucket), bound))


def _values(metric: str, hours: float, found: QueryResult, latency: QueryResult | None) -> list[float | None]:
    """The metric at each row of `found`."""
    if latency is not None:
        at = ["p50", "p95", "p99"].index(metric.removeprefix("latency_"))
        width = len(latency.columns) - 2  # the group (if any) and the bucket, then tasks and latency
        by_key = {tuple(row[:width]): float(row[-1][at]) for row in latency.rows}
        return [by_key.get(tuple(row[:width])) for row in found.rows]
    columns, formula = SERIES[metric]
    first = len(found.columns) - len(columns)
    values = (formula(hours, *row[first:]) for row in found.rows)
    return [None if value is None else float(value) for value in values]


async def timeseries(
    store: TelemetryStore,
    rollups: Rollups,
    scope: Scope,
    window: Window,
    metric: str,
    bucket: str,
    group: str | None,
) -> schemas.Timeseries:
    dim = _check(window, metric, bucket, group)
    group_by = [dim] if dim else []
    plan = await _plan(rollups, scope, window, bucket, dim in {"model", "provider"})
    found, latency = await _rows(store, scope, window, metric, bucket, group_by, plan)
    values = _values(metric, BUCKET_SECONDS[bucket] / 3600, found, latency)
    # Rows are (group, bucket, sums...) or (bucket, sums...): points by series, each series in bucket order.
    times: dict[Any, datetime] = {}
    by_series: dict[Any, list[tuple[Any, float | None]]] = {}
    for row, value in zip(found.rows, values, strict=True):
        by_series.setdefault(row[0] if group_by else (), []).append((row[1] if group_by else row[0], value))
    series = []
    for name in sorted(by_series, key=lambda n: str((n,)) if group_by else ""):
        points = sorted(by_series[name], key=lambda point: str(point[0]))
        series.append(
            schemas.Series.model_construct(
                key=str(name) if group_by else "all",
                points=[
                    {"time": times.get(t) or times.setdefault(t, _as_time(t)), "value": value} for t, value in points
                ],
            )
        )
    # Built, not validated: every point is a datetime and a float or None from the code above, and validating
    # them one by one cost as much as the query.
    return schemas.Timeseries(metric=metric, bucket=bucket, group_by=group, window=window_public(window), series=series)


def _as_time(value: Any) -> datetime:
    """A bucket's start: the embedded engine gives text in UTC, the server backend a datetime."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
