"""The analytics query texts, in ClickHouse SQL with bound `{name:Type}` parameters.

Every query starts from the tenant (`organization_id`) and the window; optional filters narrow to projects,
agents or a version. Group-by dimensions come from a fixed allowlist, never from user text.
"""

from __future__ import annotations

from collections.abc import Sequence

TASK_DIMENSIONS = {"agent_id", "agent_version", "project_id"}
SPAN_DIMENSIONS = TASK_DIMENSIONS | {"model", "provider"}

# The caller's slice within its organization. Empty arrays mean "no restriction".
SCOPE_FILTER = """
    AND (empty({projects:Array(String)}) OR has({projects:Array(String)}, project_id))
    AND (empty({agents:Array(String)}) OR has({agents:Array(String)}, agent_id))
    AND ({version:String} = '' OR agent_version = {version:String})
"""

# The filter every span query starts with: the tenant, the window, the slice.
SPAN_FILTER = (
    """
    organization_id = {org:String}
    AND start_time >= {since:DateTime64(6, 'UTC')} AND start_time < {until:DateTime64(6, 'UTC')}
"""
    + SCOPE_FILTER
)


BUCKETS = {"minute": "MINUTE", "hour": "HOUR", "day": "DAY"}
ROLLUP_WINDOW = "start_time >= {since:DateTime64(6, 'UTC')} AND start_time < {until:DateTime64(6, 'UTC')}"


def _dims(group_by: Sequence[str], allowed: set[str], bucket: str | None) -> list[str]:
    for dim in group_by:
        if dim not in allowed:
            raise ValueError(f"cannot group by {dim}")
    if bucket is not None and bucket not in BUCKETS:
        raise ValueError(f"no bucket {bucket}")
    return [*group_by, *(["bucket"] if bucket else [])]


def _bucket(bucket: str | None, column: str = "start_time") -> str:
    return f"toStartOfInterval({column}, INTERVAL 1 {BUCKETS[bucket]}) AS bucket, " if bucket else ""


def task_rows(where: str, events_where: str = "organization_id = {org:String}") -> str:
    """One row per task with its judgement: success, failed, intervened (DESIGN §4).

    A task's outcome is the newest outcome event of its trace (within its organization: another tenant's events
    never touch it), else its own `ams.task.outcome`; with none, its status decides. A human intervened when
    the task or any span of its trace says so, an event records one, or the task was escalated.
    """
    return f"""
    SELECT t.organization_id AS organization_id, t.project_id AS project_id, t.agent_id AS agent_id,
        t.agent_version AS agent_version, t.start_time AS start_time, t.duration_ms AS duration_ms,
        if(e.outcome != '', e.outcome, t.task_outcome) AS outcome,
        outcome = 'success' OR (outcome = '' AND t.status != 'error') AS success,
        outcome = 'failure' OR (outcome = '' AND t.status = 'error') AS failed,
        t.human_intervention = 1 OR e.intervened = 1 OR h.intervened = 1 OR outcome = 'escalated' AS intervened
    FROM (
        SELECT organization_id, project_id, agent_id, agent_version, trace_id, start_time, duration_ms, status,
            task_outcome, human_intervention
        FROM spans FINAL
        WHERE {where} AND is_task = 1
    ) AS t
    LEFT JOIN (
        SELECT organization_id, trace_id, argMaxIf(outcome, time_us, outcome != '') AS outcome,
            max(human_intervention) AS intervened
        FROM span_events FINAL
        WHERE {events_where} AND time >= {{since:DateTime64(6, 'UTC')}} - INTERVAL 1 DAY
        GROUP BY organization_id, trace_id
    ) AS e ON e.organization_id = t.organization_id AND e.trace_id = t.trace_id
    LEFT JOIN (
        SELECT organization_id, trace_id, 1 AS intervened
        FROM spans FINAL
        WHERE {where} AND human_intervention = 1
        GROUP BY organization_id, trace_id
    ) AS h ON h.organization_id = t.organization_id AND h.trace_id = t.trace_id
"""


def task_kpis(group_by: Sequence[str], bucket: str | None = None) -> str:
    """Exact task KPIs from raw spans."""
    dims = _dims(group_by, TASK_DIMENSIONS, bucket)
    select_dims = "".join(f"{d}, " for d in dims if d != "bucket") + _bucket(bucket)
    group = f"GROUP BY {', '.join(dims)} ORDER BY {', '.join(dims)}" if dims else ""
    return f"""
SELECT {select_dims}
    count() AS tasks,
    countIf(success) AS successes,
    countIf(failed) AS failures,
    countIf(intervened) AS interventions,
    quantilesExactInclusive(0.5, 0.95, 0.99)(duration_ms) AS latency
FROM ({task_rows(SPAN_FILTER)})
{group}
"""


# Raw spans for the parts of a window the rollups do not cover: [since, rollup_from) and [rollup_to, until).
RAW_EDGES_FILTER = (
    """
    organization_id = {org:String}
    AND ((start_time >= {since:DateTime64(6, 'UTC')} AND start_time < {rollup_from:DateTime64(6, 'UTC')})
         OR (start_time >= {rollup_to:DateTime64(6, 'UTC')} AND start_time < {until:DateTime64(6, 'UTC')}))
"""
    + SCOPE_FILTER
)

ROLLUP_FILTER = (
    """
    organization_id = {org:String}
    AND hour >= {rollup_from:DateTime64(6, 'UTC')} AND hour < {rollup_to:DateTime64(6, 'UTC')}
"""
    + SCOPE_FILTER
)


def task_kpis_with_rollups(group_by: Sequence[str]) -> str:
    """Task KPIs over a long window: whole hours from the rollups, the edges from raw spans. Latency
    percentiles are then t-digest estimates, merged across both."""
    dims = _dims(group_by, TASK_DIMENSIONS, None)
    select_dims = "".join(f"{d}, " for d in dims)
    group = f"GROUP BY {', '.join(dims)}" if dims else ""
    return f"""
SELECT {select_dims}
    sum(tasks) AS tasks, sum(successes) AS successes, sum(failures) AS failures,
    sum(interventions) AS interventions, quantilesTDigestMerge(0.5, 0.95, 0.99)(latency) AS latency
FROM (
    SELECT {select_dims} count() AS tasks, countIf(success) AS successes, countIf(failed) AS failures,
        countIf(intervened) AS interventions, quantilesTDigestState(0.5, 0.95, 0.99)(duration_ms) AS latency
    FROM ({task_rows(RAW_EDGES_FILTER)})
    {group}
    UNION ALL
    SELECT {select_dims} tasks, successes, failures, interventions, latency
    FROM agent_hourly FINAL
    WHERE {ROLLUP_FILTER}
)
{group}
"""


def span_kpis_with_rollups(group_by: Sequence[str]) -> str:
    dims = _dims(group_by, TASK_DIMENSIONS, None)
    select_dims = "".join(f"{d}, " for d in dims)
    group = f"GROUP BY {', '.join(dims)}" if dims else ""
    sums = (
        "spans",
        "span_errors",
        "cost_usd",
        "input_tokens",
        "output_tokens",
        "cached_input_tokens",
        "unpriced_spans",
    )
    return f"""
SELECT {select_dims} {", ".join(f"sum({c}) AS {c}" for c in sums)},
    groupUniqArrayArray(10)(unpriced_models) AS unpriced_models
FROM (
    SELECT {select_dims} count() AS spans, countIf(status = 'error') AS span_errors, sum(cost_usd) AS cost_usd,
        sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
        sum(cached_input_tokens) AS cached_input_tokens, countIf(cost_source = 'unpriced') AS unpriced_spans,
        groupUniqArrayIf(10)(model, cost_source = 'unpriced') AS unpriced_models
    FROM spans FINAL
    WHERE {RAW_EDGES_FILTER}
    {group}
    UNION ALL
    SELECT {select_dims} {", ".join(sums)}, unpriced_models
    FROM agent_hourly FINAL
    WHERE {ROLLUP_FILTER}
)
{group}
SETTINGS prefer_column_name_to_alias = 1
"""


# Recompute the rollups of [from, to): one row per organization, project, agent, version and hour.
ROLLUP_INSERT = f"""
INSERT INTO agent_hourly
SELECT s.organization_id, s.project_id, s.agent_id, s.agent_version, s.hour,
    t.tasks, t.successes, t.failures, t.interventions, t.latency,
    s.spans, s.span_errors, s.cost_usd, s.input_tokens, s.output_tokens, s.cached_input_tokens, s.unpriced_spans,
    s.unpriced_models, {{computed_us:Int64}}
FROM (
    SELECT organization_id, project_id, agent_id, agent_version, toStartOfHour(start_time) AS hour,
        count() AS spans, countIf(status = 'error') AS span_errors, sum(cost_usd) AS cost_usd,
        sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
        sum(cached_input_tokens) AS cached_input_tokens, countIf(cost_source = 'unpriced') AS unpriced_spans,
        groupUniqArrayIf(10)(model, cost_source = 'unpriced') AS unpriced_models
    FROM spans FINAL
    WHERE start_time >= {{since:DateTime64(6, 'UTC')}} AND start_time < {{until:DateTime64(6, 'UTC')}}
    GROUP BY organization_id, project_id, agent_id, agent_version, hour
    SETTINGS prefer_column_name_to_alias = 1
) AS s
LEFT JOIN (
    SELECT organization_id, project_id, agent_id, agent_version, toStartOfHour(start_time) AS hour,
        count() AS tasks, countIf(success) AS successes, countIf(failed) AS failures,
        countIf(intervened) AS interventions, quantilesTDigestState(0.5, 0.95, 0.99)(duration_ms) AS latency
    FROM ({task_rows(ROLLUP_WINDOW, events_where="1 = 1")})
    GROUP BY organization_id, project_id, agent_id, agent_version, hour
) AS t USING (organization_id, project_id, agent_id, agent_version, hour)
"""


def span_kpis(group_by: Sequence[str], bucket: str | None = None, *, where: str = "") -> str:
    """Span-level sums per group. The aggregates keep their columns' names, so WHERE must read columns, not
    aliases: hence prefer_column_name_to_alias."""
    dims = _dims(group_by, SPAN_DIMENSIONS, bucket)
    select_dims = "".join(f"{d}, " for d in dims if d != "bucket") + _bucket(bucket)
    group = f"GROUP BY {', '.join(dims)} ORDER BY {', '.join(dims)}" if dims else ""
    return f"""
SELECT {select_dims}
    count() AS spans,
    countIf(status = 'error') AS span_errors,
    sum(cost_usd) AS cost_usd,
    sum(input_tokens) AS input_tokens,
    sum(output_tokens) AS output_tokens,
    sum(cached_input_tokens) AS cached_input_tokens,
    countIf(cost_source = 'unpriced') AS unpriced_spans,
    groupUniqArrayIf(10)(model, cost_source = 'unpriced') AS unpriced_models,
    quantilesExactInclusive(0.5, 0.95, 0.99)(duration_ms) AS latency
FROM spans FINAL
WHERE {SPAN_FILTER} {where}
{group}
SETTINGS prefer_column_name_to_alias = 1
"""
