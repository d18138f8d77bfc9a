"""ClickHouse query texts of surveillance: activity per agent in 5-minute buckets, and the recent figures threat
rules judge. Every query starts from the organization and binds its values."""

from ams.telemetry.span_windows import span_window

_SPAN_WINDOW = span_window()
_BEAT_WINDOW = "time >= {since:DateTime64(6, 'UTC')} AND time < {until:DateTime64(6, 'UTC')}"
_FAILED = "is_task = 1 AND (task_outcome = 'failure' OR (task_outcome = '' AND status = 'error'))"

# Per agent and 5-minute bucket: tasks, failed tasks, task p95, cost and tokens.
SPAN_BUCKETS = f"""
SELECT agent_id, toStartOfInterval(start_time, INTERVAL 5 MINUTE) AS bucket,
       countIf(is_task = 1) AS tasks, countIf({_FAILED}) AS failures,
       quantileIf(0.95)(duration_ms, is_task = 1) AS latency_p95,
       sum(cost_usd) AS cost_usd, sum(input_tokens + output_tokens) AS tokens
FROM spans FINAL
WHERE organization_id = {{org:String}} AND {_SPAN_WINDOW}
GROUP BY agent_id, bucket
"""

# Per agent and 5-minute bucket: mean CPU and memory from heartbeats.
BEAT_BUCKETS = f"""
SELECT agent_id, toStartOfInterval(time, INTERVAL 5 MINUTE) AS bucket,
       avg(cpu_percent) AS cpu_percent, avg(memory_percent) AS memory_percent
FROM heartbeats FINAL
WHERE organization_id = {{org:String}} AND {_BEAT_WINDOW}
GROUP BY agent_id, bucket
"""

# Per agent over the window: tasks and failed tasks.
TASKS = f"""
SELECT agent_id, countIf(is_task = 1) AS tasks, countIf({_FAILED}) AS failures
FROM spans FINAL
WHERE organization_id = {{org:String}} AND {_SPAN_WINDOW}
GROUP BY agent_id
"""

# Per agent over the window: bytes its tools returned or sent out. Payload columns are truncated at ingest, so
# the sizes agents report (`ams.egress_bytes`, `ams.tool.output_bytes`, `http.request.body.size`) count first.
EGRESS = f"""
SELECT agent_id,
       sum(JSONExtractUInt(attributes, 'ams.egress_bytes') + JSONExtractUInt(attributes, 'http.request.body.size')
           + if(kind = 'tool', greatest(JSONExtractUInt(attributes, 'ams.tool.output_bytes'), length(output)), 0))
           AS egress_bytes
FROM spans FINAL
WHERE organization_id = {{org:String}} AND {_SPAN_WINDOW}
GROUP BY agent_id
"""

# Per agent over the window: the lowest CPU and memory any heartbeat reported, and the time they cover.
RESOURCES = f"""
SELECT agent_id, min(cpu_percent) AS cpu_min, min(memory_percent) AS memory_min,
       (max(time_us) - min(time_us)) / 1e6 AS covered_s
FROM heartbeats FINAL
WHERE organization_id = {{org:String}} AND {_BEAT_WINDOW}
GROUP BY agent_id
"""
