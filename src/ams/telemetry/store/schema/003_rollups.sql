-- Hourly rollups per agent and version. Recomputed for recent hours by the rollup job (ReplacingMergeTree keeps
-- the newest computation) and kept past the raw spans' retention, so long windows stay fast and answerable.
CREATE TABLE IF NOT EXISTS agent_hourly
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
ORDER BY (organization_id, agent_id, agent_version, project_id, hour);

-- How far the rollups are complete: every hour before `complete_until` has been computed.
CREATE TABLE IF NOT EXISTS rollup_state
(
    name String,
    complete_until DateTime('UTC'),
    computed_us Int64
)
ENGINE = ReplacingMergeTree(computed_us)
ORDER BY name;
