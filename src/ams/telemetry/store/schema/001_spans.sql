-- Spans (DESIGN §4). Times arrive as integer microseconds and are materialised as DateTime64 for queries.
-- ReplacingMergeTree collapses a span sent twice (exporters retry): same sorting key, the newest ingest wins.
CREATE TABLE IF NOT EXISTS spans
(
    organization_id LowCardinality(String),
    project_id LowCardinality(String),
    trace_id String,
    span_id String,
    parent_span_id String,
    agent_id LowCardinality(String),
    agent_version LowCardinality(String),
    session_id String,
    kind LowCardinality(String),
    name String,
    status LowCardinality(String),
    status_message String,
    start_us Int64,
    end_us Int64,
    duration_ms Float64,
    provider LowCardinality(String),
    model LowCardinality(String),
    operation LowCardinality(String),
    tool_name LowCardinality(String),
    input_tokens UInt64,
    output_tokens UInt64,
    cached_input_tokens UInt64,
    cost_usd Float64,
    cost_source LowCardinality(String),
    is_task UInt8,
    task_outcome LowCardinality(String),
    human_intervention UInt8,
    input String CODEC(ZSTD(3)),
    output String CODEC(ZSTD(3)),
    attributes String CODEC(ZSTD(3)),
    events String CODEC(ZSTD(3)),
    ingested_us Int64,
    start_time DateTime64(6, 'UTC') MATERIALIZED fromUnixTimestamp64Micro(start_us, 'UTC'),
    end_time DateTime64(6, 'UTC') MATERIALIZED fromUnixTimestamp64Micro(end_us, 'UTC'),
    INDEX idx_trace trace_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_session session_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree(ingested_us)
PARTITION BY toDate(start_time)
ORDER BY (organization_id, agent_id, start_time, span_id);
