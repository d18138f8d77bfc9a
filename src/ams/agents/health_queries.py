"""ClickHouse query texts of agent health: when each agent was last heard from."""

from ams.telemetry.span_windows import span_window

# Per agent, over the lookback: the last heartbeat and its active tasks, and the last span.
LAST_SEEN = f"""
SELECT agent_id, max(last_beat) AS last_beat_us, max(last_span) AS last_span_us, max(active) AS active_tasks
FROM (
    SELECT agent_id, max(time_us) AS last_beat, toInt64(0) AS last_span, argMax(active_tasks, time_us) AS active
    FROM heartbeats
    WHERE organization_id = {{org:String}} AND time >= {{since:DateTime64(6, 'UTC')}}
    GROUP BY agent_id
    UNION ALL
    SELECT agent_id, toInt64(0), max(start_us), toUInt32(0)
    FROM spans
    WHERE organization_id = {{org:String}} AND {span_window(until=None)}
    GROUP BY agent_id
)
GROUP BY agent_id
"""
