"""The analytics query texts over raw spans, in ClickHouse SQL with bound `{name:Type}` parameters.

Every query starts from the tenant (`organization_id`) and the window; optional filters narrow to projects,
agents or a version. Group-by dimensions come from a fixed allowlist, never from user text. The texts that read
the hourly rollups are in `rollup_queries.py`.
"""

from __future__ import annotations

from collections.abc import Sequence

from ams.telemetry.span_windows import span_window

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
    AND """
    + span_window()
    + SCOPE_FILTER
)

BUCKETS = {"minute": "MINUTE", "hour": "HOUR", "day": "DAY"}

# What the providers page counts as a model call.
MODEL_CALL = "(kind IN ('llm', 'embedding') OR model != '')"

SPAN_SUMS = """count() AS spans, countIf(status = 'error') AS span_errors, sum(cost_usd) AS cost_usd,
    sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
    sum(cached_input_tokens) AS cached_input_tokens, countIf(cost_source = 'unpriced') AS unpriced_spans"""
UNPRICED_MODELS = "groupUniqArrayIf(10)(model, cost_source = 'unpriced') AS unpriced_models"
EXACT_LATENCY = "quantilesExactInclusive(0.5, 0.95, 0.99)(duration_ms) AS latency"


def dimensions(group_by: Sequence[str], allowed: set[str], bucket: str | None) -> list[str]:
    """The grouping columns, checked against the allowlist; `bucket` last when the query is bucketed by time."""
    for dim in group_by:
        if dim not in allowed:
            raise ValueError(f"cannot group by {dim}")
    if bucket is not None and bucket not in BUCKETS:
        raise ValueError(f"no bucket {bucket}")
    return [*group_by, *(["bucket"] if bucket else [])]


def select_dimensions(dims: Sequence[str], bucket: str | None, time_column: str) -> str:
    """The SELECT prefix of the grouping columns, the time bucket taken from `time_column`."""
    names = "".join(f"{d}, " for d in dims if d != "bucket")
    if bucket:
        names += f"toStartOfInterval({time_column}, INTERVAL 1 {BUCKETS[bucket]}) AS bucket, "
    return names


def group_clause(dims: Sequence[str], *, total: bool = False) -> str:
    """GROUP BY the dimensions, in their order. With `total`, the overall row comes from the same pass
    (GROUPING SETS) and is flagged by `is_total` (see `total_column`)."""
    if not dims:
        return ""
    names = ", ".join(dims)
    return f"GROUP BY {f'GROUPING SETS ((), ({names}))' if total else names} ORDER BY {names}"


def total_column(dims: Sequence[str], total: bool) -> str:
    """`grouping()` is 1 on the row aggregated over every dimension: the overall row."""
    return f"grouping({dims[0]}) AS is_total, " if total and dims else ""


def judged_spans(where: str, events_where: str = "organization_id = {org:String}") -> str:
    """Every span of `where`, and for each task (a root span) its judgement: success, failed, intervened
    (DESIGN §4); they are 0 on other spans. One pass gives the task KPIs and the span sums together.

    A task's outcome is the newest outcome event of its trace (within its organization: another tenant's events
    never touch it), else its own `ams.task.outcome`; with none, its status decides. A human intervened when
    the task or any span of its trace says so, an event records one, or the task was escalated. The spans that
    say so are few: a set of their traces is cheaper to build and probe than a join. (`judged`, not `outcome`:
    the events' column has that name, and a query may prefer column names to aliases.)
    """
    return f"""
    SELECT s.organization_id AS organization_id, s.project_id AS project_id, s.agent_id AS agent_id,
        s.agent_version AS agent_version, s.start_time AS start_time, s.duration_ms AS duration_ms,
        s.is_task AS is_task, s.status AS status, s.cost_usd AS cost_usd, s.input_tokens AS input_tokens,
        s.output_tokens AS output_tokens, s.cached_input_tokens AS cached_input_tokens,
        s.cost_source AS cost_source, s.model AS model,
        if(e.outcome != '', e.outcome, s.task_outcome) AS judged,
        s.is_task = 1 AND (judged = 'success' OR (judged = '' AND s.status != 'error')) AS success,
        s.is_task = 1 AND (judged = 'failure' OR (judged = '' AND s.status = 'error')) AS failed,
        s.is_task = 1 AND (s.human_intervention = 1 OR e.intervened = 1 OR judged = 'escalated'
            OR (s.organization_id, s.trace_id) IN (
                SELECT organization_id, trace_id FROM spans FINAL WHERE {where} AND human_intervention = 1
            )) AS intervened
    FROM (
        SELECT organization_id, project_id, agent_id, agent_version, trace_id, start_time, duration_ms, is_task,
            status, task_outcome, human_intervention, cost_usd, input_tokens, output_tokens, cached_input_tokens,
            cost_source, model
        FROM spans FINAL
        WHERE {where}
    ) AS s
    LEFT JOIN (
        SELECT organization_id, trace_id, argMaxIf(outcome, time_us, outcome != '') AS outcome,
            max(human_intervention) AS intervened
        FROM span_events FINAL
        WHERE {events_where} AND time >= {{since:DateTime64(6, 'UTC')}} - INTERVAL 1 DAY
        GROUP BY organization_id, trace_id
    ) AS e ON e.organization_id = s.organization_id AND e.trace_id = s.trace_id
"""


# Task KPIs and span sums over `judged_spans` rows.
JUDGED_SUMS = f"""countIf(is_task = 1) AS tasks, countIf(success) AS successes, countIf(failed) AS failures,
    countIf(intervened) AS interventions, {SPAN_SUMS}, {UNPRICED_MODELS}"""
# The same columns when no task figure is wanted: no judgement, so none of its joins.
UNJUDGED_SUMS = f"""0 AS tasks, 0 AS successes, 0 AS failures, 0 AS interventions, {SPAN_SUMS},
    {UNPRICED_MODELS}"""


def spans_for(where: str, tasks: bool) -> tuple[str, str]:
    """The rows and sums of a KPI pass: judged spans when task figures are wanted, else the spans themselves."""
    if tasks:
        return f"({judged_spans(where)})", JUDGED_SUMS
    return f"spans FINAL WHERE {where}", UNJUDGED_SUMS


def kpis(
    group_by: Sequence[str],
    bucket: str | None = None,
    *,
    total: bool = False,
    latency: bool = True,
    tasks: bool = True,
) -> str:
    """Exact task KPIs and span sums from raw spans, in one statement; latency percentiles only when asked for
    (they cost a sort), task figures only when wanted (`tasks`; else they are 0)."""
    dims = dimensions(group_by, TASK_DIMENSIONS, bucket)
    rows, sums = spans_for(SPAN_FILTER, tasks)
    exact = "quantilesExactInclusiveIf(0.5, 0.95, 0.99)(duration_ms, is_task = 1) AS latency"
    return f"""
SELECT {select_dimensions(dims, bucket, "start_time")}{total_column(dims, total)}
    {sums}{f", {exact}" if latency and tasks else ""}
FROM {rows}
{group_clause(dims, total=total)}
"""


def only(columns: Sequence[str], sql: str) -> str:
    """The statement reduced to `columns`: the engine then skips the aggregates nobody reads."""
    return f"SELECT {', '.join(columns)} FROM ({sql})"


def span_kpis(
    group_by: Sequence[str],
    bucket: str | None = None,
    *,
    where: str = "",
    total: bool = False,
    latency: bool = False,
) -> str:
    """Span-level sums per group. The aggregates keep their columns' names, so WHERE must read columns, not
    aliases: hence prefer_column_name_to_alias."""
    dims = dimensions(group_by, SPAN_DIMENSIONS, bucket)
    return f"""
SELECT {select_dimensions(dims, bucket, "start_time")}{total_column(dims, total)}
    {SPAN_SUMS}, {UNPRICED_MODELS}{f", {EXACT_LATENCY}" if latency else ""}
FROM spans FINAL
WHERE {SPAN_FILTER} {where}
{group_clause(dims, total=total)}
SETTINGS prefer_column_name_to_alias = 1
"""


def task_latency(group_by: Sequence[str], bucket: str | None = None) -> str:
    """Exact task latency percentiles: a task's latency is its root span's duration alone, so no judgement (and
    none of its joins) is needed."""
    dims = dimensions(group_by, TASK_DIMENSIONS, bucket)
    return f"""
SELECT {select_dimensions(dims, bucket, "start_time")}count() AS tasks, {EXACT_LATENCY}
FROM spans FINAL
WHERE {SPAN_FILTER} AND is_task = 1
{group_clause(dims)}
"""
