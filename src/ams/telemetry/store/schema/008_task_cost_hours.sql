-- Hourly rollup of each agent's costliest task: per agent and hour, the dearest trace that started in that hour
-- (its cost summed over its spans) and its id. Cost-spike alerts over long windows read it instead of summing
-- every trace of the window under FINAL. Recomputed for recent hours by the rollup job with its own mark in
-- rollup_state, and kept past the raw spans' retention.
CREATE TABLE IF NOT EXISTS task_cost_hours
(
    organization_id LowCardinality(String),
    project_id LowCardinality(String),
    agent_id LowCardinality(String),
    hour DateTime('UTC'),
    max_cost Float64,
    trace_id String,
    computed_us Int64
)
ENGINE = ReplacingMergeTree(computed_us)
PARTITION BY toYYYYMM(hour)
ORDER BY (organization_id, hour, agent_id);
