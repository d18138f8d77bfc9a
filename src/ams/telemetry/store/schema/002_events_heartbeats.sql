-- Span events sent after the fact (task outcome, human intervention, feedback scores) and agent heartbeats.
CREATE TABLE IF NOT EXISTS span_events
(
    organization_id LowCardinality(String),
    project_id LowCardinality(String),
    agent_id LowCardinality(String),
    trace_id String,
    span_id String,
    event_id String,
    name LowCardinality(String),
    time_us Int64,
    outcome LowCardinality(String),
    human_intervention UInt8,
    score_name LowCardinality(String),
    score_value Float64,
    attributes String CODEC(ZSTD(3)),
    ingested_us Int64,
    time DateTime64(6, 'UTC') MATERIALIZED fromUnixTimestamp64Micro(time_us, 'UTC'),
    INDEX idx_trace trace_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(ingested_us)
PARTITION BY toDate(time)
ORDER BY (organization_id, agent_id, time, event_id);

CREATE TABLE IF NOT EXISTS heartbeats
(
    organization_id LowCardinality(String),
    project_id LowCardinality(String),
    agent_id LowCardinality(String),
    time_us Int64,
    cpu_percent Float64,
    memory_mb Float64,
    active_tasks UInt32,
    completed_tasks UInt64,
    failed_tasks UInt64,
    metrics String CODEC(ZSTD(3)),
    ingested_us Int64,
    time DateTime64(6, 'UTC') MATERIALIZED fromUnixTimestamp64Micro(time_us, 'UTC')
)
ENGINE = ReplacingMergeTree(ingested_us)
PARTITION BY toDate(time)
ORDER BY (organization_id, agent_id, time);
