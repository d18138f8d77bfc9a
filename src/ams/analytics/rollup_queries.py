"""Query texts for long windows: whole days and hours from the rollups, the edges of the window from raw spans.

`agent_hours` holds task and span sums per agent, version and hour, `agent_days` the same per day (merged from
the hours); `model_hourly` holds span sums and latency per project, provider, model and hour. All three are
sorted by time first, so a window's days and hours are ranges of them. A window reads the rollups over
[rollup_from, rollup_to), the daily ones for the whole days [day_from, day_to) in it, and raw spans over the
rest, [since, rollup_from) and [rollup_to, until): counts and sums are exact, latency percentiles are t-digest
estimates merged across all parts. The texts that compute the rollups are here too.
"""

from __future__ import annotations

from collections.abc import Sequence

from ams.analytics.queries import (
    JUDGED_SUMS,
    MODEL_CALL,
    SCOPE_FILTER,
    SPAN_DIMENSIONS,
    SPAN_SUMS,
    TASK_DIMENSIONS,
    dimensions,
    group_clause,
    judged_spans,
    select_dimensions,
    spans_for,
    total_column,
)
from ams.telemetry.span_windows import span_window

MODEL_DIMENSIONS = {"project_id", "provider", "model"}
DIGEST_STATE = "quantilesTDigestState(0.5, 0.95, 0.99)(duration_ms) AS latency"
DIGEST_MERGE = "quantilesTDigestMerge(0.5, 0.95, 0.99)(latency) AS latency"
SUMMED = ("spans", "span_errors", "cost_usd", "input_tokens", "output_tokens", "cached_input_tokens", "unpriced_spans")

RAW_EDGES_FILTER = f"""
    organization_id = {{org:String}}
    AND (({span_window("since", "rollup_from")}) OR ({span_window("rollup_to", "until")}))
{SCOPE_FILTER}"""

# The hours of [rollup_from, rollup_to) that are not in the whole days [day_from, day_to) read from agent_days.
ROLLUP_FILTER = (
    """
    organization_id = {org:String}
    AND hour >= {rollup_from:DateTime64(6, 'UTC')} AND hour < {rollup_to:DateTime64(6, 'UTC')}
    AND NOT (hour >= {day_from:DateTime64(6, 'UTC')} AND hour < {day_to:DateTime64(6, 'UTC')})
"""
    + SCOPE_FILTER
)

DAILY_FILTER = (
    """
    organization_id = {org:String}
    AND day >= {day_from:DateTime64(6, 'UTC')} AND day < {day_to:DateTime64(6, 'UTC')}
"""
    + SCOPE_FILTER
)

# model_hourly has no agent or version: it serves only callers that see whole projects (the service checks).
MODEL_ROLLUP_FILTER = """
    organization_id = {org:String}
    AND hour >= {rollup_from:DateTime64(6, 'UTC')} AND hour < {rollup_to:DateTime64(6, 'UTC')}
    AND (empty({projects:Array(String)}) OR has({projects:Array(String)}, project_id))
"""


def _parts(dims: Sequence[str], bucket: str | None) -> tuple[str, str, str]:
    """The grouping columns as the raw part selects them, as the rollup part does, and the raw GROUP BY."""
    raw_group = f"GROUP BY {', '.join(dims)}" if dims else ""
    return select_dimensions(dims, bucket, "start_time"), select_dimensions(dims, bucket, "hour"), raw_group


_ROLLED = f"tasks, successes, failures, interventions, {', '.join(SUMMED)}, unpriced_models"


def kpis(
    group_by: Sequence[str],
    bucket: str | None = None,
    *,
    total: bool = False,
    latency: bool = True,
    tasks: bool = True,
) -> str:
    """Task KPIs and span sums over a long window, in one statement: `agent_days` for whole days, `agent_hours` for
    the other whole hours, raw spans for the edges."""
    dims = dimensions(group_by, TASK_DIMENSIONS, bucket)
    raw_dims, rollup_dims, raw_group = _parts(dims, bucket)
    rows, sums = spans_for(RAW_EDGES_FILTER, tasks)
    latency = latency and tasks
    digest = "quantilesTDigestStateIf(0.5, 0.95, 0.99)(duration_ms, is_task = 1) AS latency"
    return f"""
SELECT {"".join(f"{d}, " for d in dims)}{total_column(dims, total)}
    sum(tasks) AS tasks, sum(successes) AS successes, sum(failures) AS failures,
    sum(interventions) AS interventions, {", ".join(f"sum({c}) AS {c}" for c in SUMMED)},
    groupUniqArrayArray(10)(unpriced_models) AS unpriced_models{f", {DIGEST_MERGE}" if latency else ""}
FROM (
    SELECT {raw_dims}{sums}{f", {digest}" if latency else ""}
    FROM {rows}
    {raw_group}
    UNION ALL
    SELECT {rollup_dims}{_ROLLED}{", latency" if latency else ""}
    FROM agent_hours FINAL
    WHERE {ROLLUP_FILTER}
    UNION ALL
    SELECT {select_dimensions(dims, bucket, "day")}{_ROLLED}{", latency" if latency else ""}
    FROM agent_days FINAL
    WHERE {DAILY_FILTER}
)
{group_clause(dims, total=total)}
"""


def model_spans(
    group_by: Sequence[str], bucket: str | None = None, *, calls_only: bool = False, latency: bool = False
) -> str:
    """Span sums per provider or model over a long window, from `model_hourly` and the raw edges; `calls_only`
    keeps the model calls, as the providers page counts them."""
    dims = dimensions(group_by, MODEL_DIMENSIONS & SPAN_DIMENSIONS, bucket)
    raw_dims, rollup_dims, raw_group = _parts(dims, bucket)
    return f"""
SELECT {"".join(f"{d}, " for d in dims)}
    {", ".join(f"sum({c}) AS {c}" for c in SUMMED)}{f", {DIGEST_MERGE}" if latency else ""}
FROM (
    SELECT {raw_dims}{SPAN_SUMS}{f", {DIGEST_STATE}" if latency else ""}
    FROM spans FINAL
    WHERE {RAW_EDGES_FILTER} {f"AND {MODEL_CALL}" if calls_only else ""}
    {raw_group}
    UNION ALL
    SELECT {rollup_dims}{", ".join(SUMMED)}{", latency" if latency else ""}
    FROM model_hourly FINAL
    WHERE {MODEL_ROLLUP_FILTER} {"AND model_call = 1" if calls_only else ""}
)
{group_clause(dims)}
SETTINGS prefer_column_name_to_alias = 1
"""


# The window a rollup computation reads: every organization, [since, until).
_COMPUTE_WINDOW = span_window()

# Recompute `agent_hours` for [since, until): one row per organization, project, agent, version and hour.
AGENT_HOURS_INSERT = f"""
INSERT INTO agent_hours (organization_id, project_id, agent_id, agent_version, hour, tasks, successes, failures,
    interventions, {", ".join(SUMMED)}, unpriced_models, latency, computed_us)
SELECT organization_id, project_id, agent_id, agent_version, toStartOfHour(start_time) AS hour,
    {JUDGED_SUMS}, quantilesTDigestStateIf(0.5, 0.95, 0.99)(duration_ms, is_task = 1) AS latency,
    {{computed_us:Int64}}
FROM ({judged_spans(_COMPUTE_WINDOW, events_where="1 = 1")})
GROUP BY organization_id, project_id, agent_id, agent_version, hour
"""

# Recompute `agent_days` for the whole days of [since, until) from agent_hours.
AGENT_DAYS_INSERT = f"""
INSERT INTO agent_days (organization_id, project_id, agent_id, agent_version, day, tasks, successes, failures,
    interventions, {", ".join(SUMMED)}, unpriced_models, latency, computed_us)
SELECT organization_id, project_id, agent_id, agent_version, toStartOfDay(hour) AS day,
    sum(tasks), sum(successes), sum(failures), sum(interventions), {", ".join(f"sum({c})" for c in SUMMED)},
    groupUniqArrayArray(10)(unpriced_models), quantilesTDigestMergeState(0.5, 0.95, 0.99)(latency),
    {{computed_us:Int64}}
FROM agent_hours FINAL
WHERE hour >= {{since:DateTime64(6, 'UTC')}} AND hour < {{until:DateTime64(6, 'UTC')}}
GROUP BY organization_id, project_id, agent_id, agent_version, day
"""

# Recompute `model_hourly` for [since, until): one row per organization, project, provider, model, kind of
# span (model call or not) and hour.
MODEL_HOURLY_INSERT = f"""
INSERT INTO model_hourly (organization_id, project_id, provider, model, model_call, hour, {", ".join(SUMMED)},
    latency, computed_us)
SELECT organization_id, project_id, provider, model, {MODEL_CALL} AS model_call, toStartOfHour(start_time) AS hour,
    {SPAN_SUMS}, {DIGEST_STATE}, {{computed_us:Int64}}
FROM spans FINAL
WHERE {_COMPUTE_WINDOW}
GROUP BY organization_id, project_id, provider, model, model_call, hour
SETTINGS prefer_column_name_to_alias = 1
"""

# Once, when agent_hours is new: the rows of agent_hourly, the same rollup sorted by agent first (migration 003),
# which may hold hours older than the raw spans still kept.
_ROLLUP_COLUMNS = f"""organization_id, project_id, agent_id, agent_version, hour, tasks, successes, failures,
    interventions, latency, {", ".join(SUMMED)}, unpriced_models, computed_us"""
AGENT_HOURS_FROM_AGENT_HOURLY = f"""
INSERT INTO agent_hours ({_ROLLUP_COLUMNS})
SELECT {_ROLLUP_COLUMNS}
FROM agent_hourly FINAL
"""

# Recompute `task_cost_hours` for [since, until): per organization, agent and hour, the costliest trace that
# started in the hour (a trace belongs to the hour of its first span, its cost is the sum over its spans).
TASK_COST_HOURS_INSERT = f"""
INSERT INTO task_cost_hours (organization_id, project_id, agent_id, hour, max_cost, trace_id, computed_us)
SELECT organization_id, any(project_id), agent_id, hour, max(cost), argMax(trace_id, cost), {{computed_us:Int64}}
FROM (
    SELECT organization_id, agent_id, trace_id, any(project_id) AS project_id,
        toStartOfHour(min(start_time)) AS hour, sum(cost_usd) AS cost
    FROM spans FINAL
    WHERE {_COMPUTE_WINDOW}
    GROUP BY organization_id, agent_id, trace_id
)
GROUP BY organization_id, agent_id, hour
"""
