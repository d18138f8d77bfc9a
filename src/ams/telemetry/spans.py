"""The span model of DESIGN §4, held as columns.

Ingest never builds an object per span: decoders append values to the parallel lists of a `SpanBatch`, the
pipeline fills in tenant, agent and cost column by column, and the store inserts the columns as they are.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class SpanKind(StrEnum):
    AGENT = "agent"
    TASK = "task"
    LLM = "llm"
    TOOL = "tool"
    RETRIEVER = "retriever"
    CHAIN = "chain"
    GUARD = "guard"
    EMBEDDING = "embedding"
    OTHER = "other"


class SpanStatus(StrEnum):
    OK = "ok"
    ERROR = "error"


class TaskOutcome(StrEnum):
    SUCCESS = "success"
    FAILURE = "failure"
    ESCALATED = "escalated"


class CostSource(StrEnum):
    SPAN = "span"  # the span carried its cost
    PRICING = "pricing"  # computed from the pricing table
    UNPRICED = "unpriced"  # tokens on a model with no known price: flagged, never silently $0
    NONE = "none"  # no tokens, nothing to price


# Column name -> ClickHouse type. The order is the insert order; store/schema/*.sql must agree (a test checks).
SPAN_COLUMNS: dict[str, str] = {
    "organization_id": "LowCardinality(String)",
    "project_id": "LowCardinality(String)",
    "trace_id": "String",  # 32 lowercase hex digits
    "span_id": "String",  # 16 lowercase hex digits
    "parent_span_id": "String",  # "" for a root span
    "agent_id": "LowCardinality(String)",  # AMS's agent id ("" when no agent could be named)
    "agent_version": "LowCardinality(String)",
    "session_id": "String",
    "kind": "LowCardinality(String)",  # SpanKind
    "name": "String",
    "status": "LowCardinality(String)",  # SpanStatus
    "status_message": "String",
    "start_time": "DateTime64(6, 'UTC')",
    "end_time": "DateTime64(6, 'UTC')",
    "duration_ms": "Float64",
    "provider": "LowCardinality(String)",
    "model": "LowCardinality(String)",
    "operation": "LowCardinality(String)",  # gen_ai.operation.name: chat, embeddings, execute_tool, ...
    "tool_name": "LowCardinality(String)",
    "input_tokens": "UInt64",
    "output_tokens": "UInt64",
    "cached_input_tokens": "UInt64",
    "cost_usd": "Float64",
    "cost_source": "LowCardinality(String)",  # CostSource
    "is_task": "UInt8",  # a task: a root span, or a task/agent span without a parent
    "task_outcome": "LowCardinality(String)",  # TaskOutcome or ""
    "human_intervention": "UInt8",
    "input": "String",  # payloads, truncated to the ingest limit
    "output": "String",
    "attributes": "String",  # JSON object of the attributes not mapped to a column
    "events": "String",  # JSON array of {name, time_us, attributes}
    "ingested_at": "DateTime64(6, 'UTC')",  # the version ReplacingMergeTree keeps
}

# Columns a decoder fills (with `is_task` and `SpanBatch.agent_ref`); the pipeline fills the rest: tenant, agent
# resolution, cost and ingest time. The pipeline replaces every None cost with a number before the store sees it.
DECODED_COLUMNS = (
    "trace_id",
    "span_id",
    "parent_span_id",
    "agent_version",
    "session_id",
    "kind",
    "name",
    "status",
    "status_message",
    "start_time",
    "end_time",
    "duration_ms",
    "provider",
    "model",
    "operation",
    "tool_name",
    "input_tokens",
    "output_tokens",
    "cached_input_tokens",
    "cost_usd",
    "task_outcome",
    "human_intervention",
    "input",
    "output",
    "attributes",
    "events",
    "is_task",
)


# Value conventions in a batch: times are int microseconds since the Unix epoch (UTC); ids are lowercase hex;
# cost_usd is a float, or None when the span carried no cost (the pipeline then prices it); task_outcome is a
# TaskOutcome value or ""; human_intervention and is_task are 0 or 1; strings are never None ("" instead).


class SpanBatch:
    """Spans as parallel lists, one per column. `agent_ref` holds the agent as the span named it (an AMS id,
    a name, or a service name) until the pipeline resolves it into `agent_id`."""

    __slots__ = ("agent_ref", "columns")

    def __init__(self) -> None:
        self.columns: dict[str, list[Any]] = {name: [] for name in SPAN_COLUMNS}
        self.agent_ref: list[str] = []

    def __len__(self) -> int:
        return len(self.columns["span_id"])
