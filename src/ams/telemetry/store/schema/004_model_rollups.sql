-- Hourly rollups per project, provider and model: the providers page and span metrics by model or provider over
-- long windows. `model_call` marks the spans the providers page counts (kind llm or embedding, or a model named).
-- No agent or version: callers restricted to agents read raw spans, which are sorted by agent and cheap for them.
-- Recomputed for recent hours by the rollup job like agent_hourly, with its own mark in rollup_state, and kept
-- past the raw spans' retention.
CREATE TABLE IF NOT EXISTS model_hourly
(
    organization_id LowCardinality(String),
    project_id LowCardinality(String),
    provider LowCardinality(String),
    model LowCardinality(String),
    model_call UInt8,
    hour DateTime('UTC'),
    spans UInt64,
    span_errors UInt64,
    cost_usd Float64,
    input_tokens UInt64,
    output_tokens UInt64,
    cached_input_tokens UInt64,
    unpriced_spans UInt64,
    latency AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), Float64),
    computed_us Int64
)
ENGINE = ReplacingMergeTree(computed_us)
PARTITION BY toYYYYMM(hour)
ORDER BY (organization_id, hour, project_id, provider, model, model_call);
