"""API shapes of traces and ingest."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class TraceSummary(BaseModel):
    trace_id: str
    root_span_id: str
    agent_id: str
    agent_version: str
    project_id: str
    session_id: str
    name: str
    kind: str
    status: str
    status_message: str
    start_time: datetime
    end_time: datetime
    duration_ms: float
    task_outcome: str | None
    human_intervention: bool
    spans: int
    cost_usd: float
    input_tokens: int
    output_tokens: int
    errors: int
    models: list[str]


class TracePage(BaseModel):
    items: list[TraceSummary]
    next_cursor: str | None


class SpanNode(BaseModel):
    span_id: str
    parent_span_id: str | None
    agent_id: str
    agent_version: str
    kind: str
    name: str
    status: str
    status_message: str
    start_time: datetime
    end_time: datetime
    duration_ms: float
    provider: str | None
    model: str | None
    operation: str | None
    tool_name: str | None
    input_tokens: int
    output_tokens: int
    cached_input_tokens: int
    cost_usd: float
    cost_source: str
    is_task: bool
    task_outcome: str | None
    human_intervention: bool
    input: str | None
    output: str | None
    attributes: dict[str, Any]
    events: list[dict[str, Any]]
    children: list[SpanNode]


class TraceDetail(BaseModel):
    trace_id: str
    start_time: datetime
    end_time: datetime
    duration_ms: float
    spans: int
    cost_usd: float
    input_tokens: int
    output_tokens: int
    roots: list[SpanNode]
    events: list[dict[str, Any]]


class Session(BaseModel):
    session_id: str
    traces: list[TraceSummary]


class IngestResult(BaseModel):
    accepted_spans: int
    rejected_spans: int
    accepted_events: int
    accepted_heartbeats: int
    errors: list[str]
