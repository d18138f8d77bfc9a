"""The analytics query texts, in ClickHouse SQL with bound `{name:Type}` parameters.

Every query starts from the tenant (`organization_id`) and the window; optional filters narrow to projects,
agents or a version. Group-by dimensions come from a fixed allowlist, never from user text.
"""

from __future__ import annotations

from collections.abc import Sequence

TASK_DIMENSIONS = {"agent_id", "agent_version", "project_id"}
SPAN_DIMENSIONS = TASK_DIMENSIONS | {"model", "provider"}

# The filter every query starts with. Empty arrays mean "no restriction".
SPAN_FILTER = """
    organization_id = {org:String}
    AND start_time >= {since:DateTime64(6, 'UTC')} AND start_time < {until:DateTime64(6, 'UTC')}
    AND (empty({projects:Array(String)}) OR has({projects:Array(String)}, project_id))
    AND (empty({agents:Array(String)}) OR has({agents:Array(String)}, agent_id))
    AND ({version:String} = '' OR agent_version = {version:String})
"""


BUCKETS = {"minute": "MINUTE", "hour": "HOUR", "day": "DAY"}


def _dims(group_by: Sequence[str], allowed: set[str], bucket: str | None) -> list[str]:
    for dim in group_by:
        if dim not in allowed:
            raise ValueError(f"cannot group by {dim}")
    if bucket is not None and bucket not in BUCKETS:
        raise ValueError(f"no bucket {bucket}")
    return [*group_by, *(["bucket"] if bucket else [])]


def _bucket(bucket: str | None, column: str = "start_time") -> str:
    return f"toStartOfInterval({column}, INTERVAL 1 {BUCKETS[bucket]}) AS bucket, " if bucket else ""


def task_kpis(group_by: Sequence[str], bucket: str | None = None) -> str:
    dims = _dims(group_by, TASK_DIMENSIONS, bucket)
    select_dims = "".join(f"{d}, " for d in dims)
    group = f"GROUP BY {', '.join(dims)} ORDER BY {', '.join(dims)}" if dims else ""
    inner_dims = "".join(f"t.{d} AS {d}, " for d in dims if d != "bucket") + _bucket(bucket, "t.start_time")
    return f"""
SELECT {select_dims}
    count() AS tasks,
    countIf(success) AS successes,
    countIf(failed) AS failures,
    countIf(intervened) AS interventions,
    quantilesExactInclusive(0.5, 0.95, 0.99)(duration_ms) AS latency
FROM (
    SELECT {inner_dims} t.duration_ms AS duration_ms,
        if(e.outcome != '', e.outcome, t.task_outcome) AS outcome,
        outcome = 'success' OR (outcome = '' AND t.status != 'error') AS success,
        outcome = 'failure' OR (outcome = '' AND t.status = 'error') AS failed,
        t.human_intervention = 1 OR e.intervened = 1 OR h.intervened = 1 OR outcome = 'escalated' AS intervened
    FROM (
        SELECT trace_id, agent_id, agent_version, project_id, start_time, duration_ms, status, task_outcome,
            human_intervention
        FROM spans FINAL
        WHERE {SPAN_FILTER} AND is_task = 1
    ) AS t
    LEFT JOIN (
        SELECT trace_id, argMaxIf(outcome, time_us, outcome != '') AS outcome, max(human_intervention) AS intervened
        FROM span_events FINAL
        WHERE organization_id = {{org:String}} AND time >= {{since:DateTime64(6, 'UTC')}} - INTERVAL 1 DAY
        GROUP BY trace_id
    ) AS e ON e.trace_id = t.trace_id
    LEFT JOIN (
        SELECT trace_id, 1 AS intervened
        FROM spans FINAL
        WHERE {SPAN_FILTER} AND human_intervention = 1
        GROUP BY trace_id
    ) AS h ON h.trace_id = t.trace_id
)
{group}
"""


def span_kpis(group_by: Sequence[str], bucket: str | None = None, *, where: str = "") -> str:
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
"""
