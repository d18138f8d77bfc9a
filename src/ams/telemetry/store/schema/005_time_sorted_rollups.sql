-- Per-agent rollups sorted by time first. agent_hourly (003) is sorted by agent first, so a window read all the
-- agents' hours of the month and merged them (FINAL), however few it needed; sorted by time, a window's hours are
-- one range of the table, and the few recomputed recent hours overlap only themselves. Granules of 1,024 rows
-- rather than 8,192: one agent's reads decode fewer latency t-digests of other agents (about a tenth less CPU).
-- agent_hours replaces agent_hourly: same columns, rows and mark; the rollup job carries agent_hourly's rows over
-- once (they may predate the raw spans still kept), then writes and reads agent_hours only.
CREATE TABLE IF NOT EXISTS agent_hours
(
    organization_id LowCardinality(String),
    project_id LowCardinality(String),
    agent_id LowCardinality(String),
    agent_version LowCardinality(String),
    hour DateTime('UTC'),
    tasks UInt64,
    successes UInt64,
    failures UInt64,
    interventions UInt64,
    latency AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), Float64),
    spans UInt64,
    span_errors UInt64,
    cost_usd Float64,
    input_tokens UInt64,
    output_tokens UInt64,
    cached_input_tokens UInt64,
    unpriced_spans UInt64,
    unpriced_models Array(String),
    computed_us Int64
)
ENGINE = ReplacingMergeTree(computed_us)
PARTITION BY toYYYYMM(hour)
ORDER BY (organization_id, hour, agent_id, agent_version, project_id)
SETTINGS index_granularity = 1024;

-- The same per day, merged from agent_hours by the rollup job for whole days only: a window of several days reads
-- its whole days here, 24 times fewer rows and latency t-digests to merge (the fleet over 7 days merged about
-- 170,000 hourly ones for 1,000 agents). Its own mark in rollup_state; kept past the raw spans' retention.
CREATE TABLE IF NOT EXISTS agent_days
(
    organization_id LowCardinality(String),
    project_id LowCardinality(String),
    agent_id LowCardinality(String),
    agent_version LowCardinality(String),
    day DateTime('UTC'),
    tasks UInt64,
    successes UInt64,
    failures UInt64,
    interventions UInt64,
    latency AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), Float64),
    spans UInt64,
    span_errors UInt64,
    cost_usd Float64,
    input_tokens UInt64,
    output_tokens UInt64,
    cached_input_tokens UInt64,
    unpriced_spans UInt64,
    unpriced_models Array(String),
    computed_us Int64
)
ENGINE = ReplacingMergeTree(computed_us)
PARTITION BY toYYYYMM(day)
ORDER BY (organization_id, day, agent_id, agent_version, project_id)
SETTINGS index_granularity = 1024;
