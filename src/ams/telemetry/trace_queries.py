"""Query texts for traces: search over tasks, one trace's spans, a session's traces."""

from __future__ import annotations

from ams.analytics.queries import SPAN_FILTER

TRACE_SUMMARY_COLUMNS = """
    trace_id, span_id, agent_id, agent_version, project_id, session_id, name, kind, status, status_message,
    start_us, end_us, duration_ms, task_outcome, human_intervention
"""

# A trace restricted to the caller's slice: its spans must be in the organization (and projects, if scoped).
TRACE_FILTER = """
    organization_id = {org:String}
    AND (empty({projects:Array(String)}) OR has({projects:Array(String)}, project_id))
    AND (empty({agents:Array(String)}) OR has({agents:Array(String)}, agent_id))
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
WHERE {SPAN_FILTER} AND {" AND ".join(clauses)}
ORDER BY start_us DESC, span_id DESC
LIMIT {{limit:UInt32}}
"""


TRACE_TOTALS = f"""
SELECT trace_id, count() AS spans, sum(cost_usd) AS cost_usd, sum(input_tokens) AS input_tokens,
    sum(output_tokens) AS output_tokens, countIf(status = 'error') AS errors,
    groupUniqArrayIf(10)(model, model != '') AS models
FROM spans FINAL
WHERE {TRACE_FILTER} AND has({{trace_ids:Array(String)}}, trace_id)
GROUP BY trace_id
"""

TRACE_SPANS = f"""
SELECT trace_id, span_id, parent_span_id, agent_id, agent_version, project_id, session_id, kind, name, status,
    status_message, start_us, end_us, duration_ms, provider, model, operation, tool_name, input_tokens,
    output_tokens, cached_input_tokens, cost_usd, cost_source, is_task, task_outcome, human_intervention,
    input, output, attributes, events
FROM spans FINAL
WHERE {TRACE_FILTER} AND trace_id = {{trace_id:String}}
ORDER BY start_us, span_id
LIMIT 10000
"""

TRACE_EVENTS = f"""
SELECT span_id, event_id, name, time_us, outcome, human_intervention, score_name, score_value, attributes
FROM span_events FINAL
WHERE {TRACE_FILTER} AND trace_id = {{trace_id:String}}
ORDER BY time_us
"""

SESSION_TASKS = f"""
SELECT {TRACE_SUMMARY_COLUMNS}
FROM spans FINAL
WHERE {TRACE_FILTER} AND session_id = {{session:String}} AND is_task = 1
ORDER BY start_us, span_id
LIMIT 1000
"""
