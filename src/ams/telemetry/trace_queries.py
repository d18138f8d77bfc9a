"""Query texts for traces: search over tasks, one trace's spans, a session's traces.

Lookups by trace or session id read without FINAL and keep the newest version of each span themselves. Under
FINAL the engine must also read every granule whose key range meets one the bloom filter selected, in case a
newer version of a row lies there: about half the table, a key range spanning many agents. That is
needless here: every version of a span has the same trace id (with the span id, its identity in OpenTelemetry)
and the same session, so the bloom filter already finds them all. The newest is then picked as FINAL would: the
highest `ingested_us` per sorting key, before the caller's slice is applied.
"""

from __future__ import annotations

from ams.analytics.queries import SCOPE_FILTER, SPAN_FILTER
from ams.telemetry.span_windows import span_window

TRACE_SUMMARY_COLUMNS = """
    trace_id, span_id, agent_id, agent_version, project_id, session_id, name, kind, status, status_message,
    start_us, end_us, duration_ms, task_outcome, human_intervention
"""

# The caller's slice of a trace: its spans must be in the projects (and agents) the caller sees.
TRACE_SLICE = """
    (empty({projects:Array(String)}) OR has({projects:Array(String)}, project_id))
    AND (empty({agents:Array(String)}) OR has({agents:Array(String)}, agent_id))
"""

# The root filter of a search page: the tenant, the slice and [page_since, until). The page may start later than
# the window (see `traces_service.search`); filters on a trace's other spans keep the whole window.
PAGE_FILTER = (
    """
    organization_id = {org:String}
    AND """
    + span_window("page_since", "until")
    + SCOPE_FILTER
)


def newest_spans(columns: str, where: str) -> str:
    """The newest version of each span matching `where`, which must filter on what every version shares."""
    return f"""
    SELECT {columns}
    FROM spans
    WHERE organization_id = {{org:String}} AND {where}
    ORDER BY ingested_us DESC
    LIMIT 1 BY agent_id, start_time, span_id
"""


def search(
    *, status: bool, min_duration: bool, session: bool, min_cost: bool, model: bool, text: bool, after: bool
) -> str:
    """Tasks (root spans) newest first, narrowed by whichever filters are on."""
    clauses = ["is_task = 1"]
    if status:
        clauses.append("status = {status:String}")
    if min_duration:
        clauses.append("duration_ms >= {min_duration:Float64}")
    if session:
        clauses.append("session_id = {session:String}")
    if min_cost:
        clauses.append(
            f"trace_id IN (SELECT trace_id FROM spans FINAL WHERE {SPAN_FILTER} GROUP BY trace_id"
            " HAVING sum(cost_usd) >= {min_cost:Float64})"
        )
    if model:
        clauses.append(
            f"trace_id IN (SELECT trace_id FROM spans FINAL WHERE {SPAN_FILTER} AND model = {{model:String}})"
        )
    if text:
        clauses.append(
            f"trace_id IN (SELECT trace_id FROM spans FINAL WHERE {SPAN_FILTER} AND (positionCaseInsensitive(name,"
            " {text:String}) > 0 OR positionCaseInsensitive(input, {text:String}) > 0"
            " OR positionCaseInsensitive(output, {text:String}) > 0))"
        )
    if after:
        clauses.append("(start_us, span_id) < ({after_us:Int64}, {after_span:String})")
    return f"""
SELECT {TRACE_SUMMARY_COLUMNS}
FROM spans FINAL
WHERE {PAGE_FILTER} AND {" AND ".join(clauses)}
ORDER BY start_us DESC, span_id DESC
LIMIT {{limit:UInt32}}
"""


TRACE_TOTALS = f"""
SELECT trace_id, count() AS spans, sum(cost_usd) AS cost_usd, sum(input_tokens) AS input_tokens,
    sum(output_tokens) AS output_tokens, countIf(status = 'error') AS errors,
    groupUniqArrayIf(10)(model, model != '') AS models
FROM ({
    newest_spans(
        "trace_id, project_id, agent_id, cost_usd, input_tokens, output_tokens, status, model",
        "has({trace_ids:Array(String)}, trace_id)",
    )
})
WHERE {TRACE_SLICE}
GROUP BY trace_id
"""

_SPAN_COLUMNS = """trace_id, span_id, parent_span_id, agent_id, agent_version, project_id, session_id, kind, name,
    status, status_message, start_us, end_us, duration_ms, provider, model, operation, tool_name, input_tokens,
    output_tokens, cached_input_tokens, cost_usd, cost_source, is_task, task_outcome, human_intervention,
    input, output, attributes, events"""

TRACE_SPANS = f"""
SELECT {_SPAN_COLUMNS}
FROM ({newest_spans(_SPAN_COLUMNS, "trace_id = {trace_id:String}")})
WHERE {TRACE_SLICE}
ORDER BY start_us, span_id
LIMIT 10000
"""

# Span events: the newest version of each event (sorting key: agent, time, event id), as FINAL would keep it.
TRACE_EVENTS = f"""
SELECT span_id, event_id, name, time_us, outcome, human_intervention, score_name, score_value, attributes
FROM (
    SELECT project_id, agent_id, span_id, event_id, name, time_us, outcome, human_intervention, score_name,
        score_value, attributes
    FROM span_events
    WHERE organization_id = {{org:String}} AND trace_id = {{trace_id:String}}
    ORDER BY ingested_us DESC
    LIMIT 1 BY agent_id, time, event_id
)
WHERE {TRACE_SLICE}
ORDER BY time_us
"""

SESSION_TASKS = f"""
SELECT {TRACE_SUMMARY_COLUMNS}
FROM ({newest_spans(TRACE_SUMMARY_COLUMNS + ", is_task", "session_id = {session:String}")})
WHERE {TRACE_SLICE} AND is_task = 1
ORDER BY start_us, span_id
LIMIT 1000
"""
