"""ClickHouse query texts of alerting and surveillance: heartbeat aggregates, task costs, evidence. Every query
starts from the organization and binds its values as `{name:Type}` parameters."""

from __future__ import annotations

from ams.analytics.queries import MODEL_CALL
from ams.telemetry.span_windows import span_window

_WINDOW = span_window()
_BEAT_WINDOW = "time >= {since:DateTime64(6, 'UTC')} AND time < {until:DateTime64(6, 'UTC')}"


def heartbeat_means(custom: int) -> str:
    """Per agent: the mean of each heartbeat field in the window, and of custom metrics `m0`…`m{custom-1}`
    (bound as `{m0:String}`…; a heartbeat that does not report a metric does not count towards its mean)."""
    customs = "".join(
        f", avgIf(JSONExtractFloat(metrics, {{m{i}:String}}), JSONHas(metrics, {{m{i}:String}})) AS m{i}"
        for i in range(custom)
    )
    return f"""
SELECT agent_id, count() AS beats, avg(cpu_percent) AS cpu_percent, avg(memory_percent) AS memory_percent,
       avg(memory_mb) AS memory_mb, avg(active_tasks) AS active_tasks{customs}
FROM heartbeats FINAL
WHERE organization_id = {{org:String}} AND {_BEAT_WINDOW}
GROUP BY agent_id
"""


# Per agent: the costliest task (trace) that started in the window.
COSTLIEST_TASKS = f"""
SELECT agent_id, max(cost) AS max_cost, argMax(trace_id, cost) AS trace_id
FROM (
    SELECT agent_id, trace_id, sum(cost_usd) AS cost
    FROM spans FINAL
    WHERE organization_id = {{org:String}} AND {_WINDOW}
    GROUP BY agent_id, trace_id
)
GROUP BY agent_id
"""

# The same over a long window: whole hours from the `task_cost_hours` rollup (a trace counts in the hour of its
# first span), the edges [since, rollup_from) and [rollup_to, until) from raw spans.
COSTLIEST_TASKS_ROLLED = f"""
SELECT agent_id, max(cost) AS max_cost, argMax(trace_id, cost) AS trace_id
FROM (
    SELECT agent_id, trace_id, sum(cost_usd) AS cost
    FROM spans FINAL
    WHERE organization_id = {{org:String}}
        AND (({span_window("since", "rollup_from")}) OR ({span_window("rollup_to", "until")}))
    GROUP BY agent_id, trace_id
    UNION ALL
    SELECT agent_id, trace_id, max_cost AS cost
    FROM task_cost_hours FINAL
    WHERE organization_id = {{org:String}}
        AND hour >= {{rollup_from:DateTime64(6, 'UTC')}} AND hour < {{rollup_to:DateTime64(6, 'UTC')}}
)
GROUP BY agent_id
"""

# Per agent: the last value of the heartbeat metric tasks_waiting reported in the window.
TASKS_WAITING = f"""
SELECT agent_id, argMax(JSONExtractFloat(metrics, 'tasks_waiting'), time) AS waiting
FROM heartbeats FINAL
WHERE organization_id = {{org:String}} AND {_BEAT_WINDOW} AND JSONHas(metrics, 'tasks_waiting')
GROUP BY agent_id
"""

# Up to three model calls of each of the providers (or provider/model pairs) in the window that show the problem,
# failures first or the slowest first, for the evidence of provider and model alerts.
EXAMPLE_CALLS = f"""
SELECT if({{per_model:UInt8}} = 1, concat(provider, '/', model), provider) AS subject, trace_id, span_id, name,
       model, status, duration_ms, start_time AS started
FROM spans FINAL
WHERE organization_id = {{org:String}} AND has({{providers:Array(String)}}, provider) AND {MODEL_CALL} AND {_WINDOW}
ORDER BY subject, {{errors_first:UInt8}} * (status = 'error') DESC, duration_ms DESC, start_time DESC
LIMIT 3 BY subject
"""

# Up to three tasks of each of the agents in the window that show the problem, for alerts' evidence.
EXAMPLE_TASKS = f"""
SELECT agent_id, trace_id, name, status, duration_ms, start_time AS started
FROM spans FINAL
WHERE organization_id = {{org:String}} AND has({{agents:Array(String)}}, agent_id) AND is_task = 1 AND {_WINDOW}
ORDER BY agent_id, {{errors_first:UInt8}} * (status = 'error') DESC, {{slowest_first:UInt8}} * duration_ms DESC,
         start_time DESC
LIMIT 3 BY agent_id
"""

EXAMPLE_COSTLY_TASKS = f"""
SELECT agent_id, trace_id, any(name) AS name, sum(cost_usd) AS cost_usd, min(start_time) AS started
FROM spans FINAL
WHERE organization_id = {{org:String}} AND has({{agents:Array(String)}}, agent_id) AND {_WINDOW}
GROUP BY agent_id, trace_id
ORDER BY agent_id, cost_usd DESC
LIMIT 3 BY agent_id
"""
