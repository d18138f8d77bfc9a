"""Decoding `POST /api/v1/ingest`: the SDK's JSON batches of spans, span events and heartbeats. Pure.

Each item is checked on its own: a bad item is rejected and named (`spans[3].trace_id: …`), the good ones are
kept, as OTLP's partial success does. Values go straight into columns; no object is built per item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from ams.telemetry.spans import SpanBatch, SpanKind, SpanStatus, TaskOutcome

_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_HEX16 = re.compile(r"^[0-9a-f]{16}$")
_KINDS = {k.value for k in SpanKind}
_OUTCOMES = {o.value for o in TaskOutcome}
MAX_ITEMS = 50_000

EVENT_COLUMNS = (
    "agent_ref",
    "trace_id",
    "span_id",
    "event_id",
    "name",
    "time_us",
    "outcome",
    "human_intervention",
    "score_name",
    "score_value",
    "attributes",
)
HEARTBEAT_COLUMNS = (
    "agent_ref",
    "time_us",
    "cpu_percent",
    "memory_mb",
    "memory_percent",
    "active_tasks",
    "completed_tasks",
    "failed_tasks",
    "metrics",
)


class NativeDecodeError(Exception):
    """The body is not a native ingest batch at all (a 400)."""


class _Bad(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")


@dataclass
class NativeBatch:
    spans: SpanBatch = field(default_factory=SpanBatch)
    events: dict[str, list[Any]] = field(default_factory=lambda: {c: [] for c in EVENT_COLUMNS})
    heartbeats: dict[str, list[Any]] = field(default_factory=lambda: {c: [] for c in HEARTBEAT_COLUMNS})
    errors: list[str] = field(default_factory=list)
    rejected_spans: int = 0

    @property
    def event_count(self) -> int:
        return len(self.events["time_us"])

    @property
    def heartbeat_count(self) -> int:
        return len(self.heartbeats["time_us"])


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def to_micros(value: Any, name: str) -> int:
    """An instant as int microseconds: ISO 8601 text, or a Unix number in s, ms, µs or ns (told by size)."""
    if isinstance(value, bool) or value is None:
        raise _Bad(name, "required: an ISO 8601 time or a Unix timestamp")
    if isinstance(value, int | float):
        magnitude = abs(value)
        scale = 1_000_000 if magnitude < 1e11 else 1_000 if magnitude < 1e14 else 1 if magnitude < 1e17 else 0.001
        # Rounded, not truncated: 1.1 s as a float is 1.0999999…, and truncating took a microsecond off.
        return round(value * scale)
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise _Bad(name, f"{value!r} is not an ISO 8601 time") from None
        if moment.tzinfo is None:
            raise _Bad(name, "give a timezone, e.g. 2026-01-01T12:00:00Z")
        return (moment - _EPOCH) // _MICROSECOND  # exact, where timestamp() goes through a float
    raise _Bad(name, "an ISO 8601 time or a Unix timestamp")


def _text(item: dict[str, Any], key: str, limit: int = 2_000) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Bad(key, "must be a string")
    return value[:limit]


def _count(item: dict[str, Any], key: str) -> int:
    value = item.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise _Bad(key, "must be a non-negative number")
    return int(value)


def _number(item: dict[str, Any], key: str, default: float | None = 0.0) -> float | None:
    value = item.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad(key, "must be a number")
    return float(value)


def _payload(value: Any, limit: int) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else orjson.dumps(value, default=str).decode()
    return text if len(text) <= limit else f"{text[:limit]}…[truncated {len(text) - limit} chars]"


def _add_span(batch: SpanBatch, item: dict[str, Any], max_payload: int) -> None:
    trace_id, span_id = _text(item, "trace_id").lower(), _text(item, "span_id").lower()
    if not _HEX32.match(trace_id):
        raise _Bad("trace_id", "must be 32 hex digits")
    if not _HEX16.match(span_id):
        raise _Bad("span_id", "must be 16 hex digits")
    parent = _text(item, "parent_span_id").lower()
    if parent and not _HEX16.match(parent):
        raise _Bad("parent_span_id", "must be 16 hex digits or empty")
    start, end = to_micros(item.get("start_time"), "start_time"), to_micros(item.get("end_time"), "end_time")
    if end < start:
        raise _Bad("end_time", "is before start_time")
    kind = _text(item, "kind") or SpanKind.OTHER.value
    if kind not in _KINDS:
        raise _Bad("kind", f"one of {', '.join(sorted(_KINDS))}")
    status = _text(item, "status") or SpanStatus.OK.value
    if status not in (SpanStatus.OK.value, SpanStatus.ERROR.value):
        raise _Bad("status", "ok or error")
    outcome = _text(item, "task_outcome")
    if outcome and outcome not in _OUTCOMES:
        raise _Bad("task_outcome", f"one of {', '.join(sorted(_OUTCOMES))}")
    attributes = item.get("attributes") or {}
    if not isinstance(attributes, dict):
        raise _Bad("attributes", "must be an object")
    values = {
        "trace_id": trace_id,
        "span_id": span_id,
        "parent_span_id": parent,
        "agent_version": _text(item, "agent_version", 100),
        "session_id": _text(item, "session_id", 200),
        "kind": kind,
        "name": _text(item, "name", 500),
        "status": status,
        "status_message": _text(item, "status_message"),
        "start_time": start,
        "end_time": end,
        "duration_ms": (end - start) / 1000,
        "provider": _text(item, "provider", 100),
        "model": _text(item, "model", 200),
        "operation": _text(item, "operation", 100),
        "tool_name": _text(item, "tool_name", 200),
        "input_tokens": _count(item, "input_tokens"),
        "output_tokens": _count(item, "output_tokens"),
        "cached_input_tokens": _count(item, "cached_input_tokens"),
        "cost_usd": _number(item, "cost_usd", None),
        "task_outcome": outcome,
        "human_intervention": 1 if item.get("human_intervention") else 0,
        "is_task": 1 if not parent else 0,
        "input": _payload(item.get("input"), max_payload),
        "output": _payload(item.get("output"), max_payload),
        "attributes": orjson.dumps(attributes, default=str).decode(),
        "events": orjson.dumps(item.get("events") or [], default=str).decode(),
    }
    for name, value in values.items():
        batch.columns[name].append(value)
    batch.agent_ref.append(_text(item, "agent", 200))


def _add_event(columns: dict[str, list[Any]], item: dict[str, Any], index: int) -> None:
    trace_id = _text(item, "trace_id").lower()
    if not _HEX32.match(trace_id):
        raise _Bad("trace_id", "must be 32 hex digits")
    name = _text(item, "name", 100)
    if name not in {"task_outcome", "human_intervention", "feedback"}:
        raise _Bad("name", "task_outcome, human_intervention or feedback")
    outcome = _text(item, "outcome")
    if name == "task_outcome" and outcome not in _OUTCOMES:
        raise _Bad("outcome", f"one of {', '.join(sorted(_OUTCOMES))}")
    score_name = _text(item, "score_name", 100)
    if name == "feedback" and (not score_name or item.get("score_value") is None):
        raise _Bad("score_value", "feedback needs score_name and score_value")
    time_us = to_micros(item.get("time"), "time")
    values = {
        "agent_ref": _text(item, "agent", 200),
        "trace_id": trace_id,
        "span_id": _text(item, "span_id").lower(),
        # The same event sent twice (a retry) keeps its id, so it counts once.
        "event_id": _text(item, "event_id", 64) or f"{trace_id}:{name}:{time_us}:{index}",
        "name": name,
        "time_us": time_us,
        "outcome": outcome,
        "human_intervention": 1 if name == "human_intervention" or outcome == "escalated" else 0,
        "score_name": score_name,
        "score_value": _number(item, "score_value"),
        "attributes": orjson.dumps(item.get("attributes") or {}, default=str).decode(),
    }
    for key, value in values.items():
        columns[key].append(value)


def _add_heartbeat(columns: dict[str, list[Any]], item: dict[str, Any]) -> None:
    metrics = item.get("metrics") or {}
    if not isinstance(metrics, dict) or not all(isinstance(v, int | float) for v in metrics.values()):
        raise _Bad("metrics", "must be an object of numbers")
    values = {
        "agent_ref": _text(item, "agent", 200),
        "time_us": to_micros(item.get("time"), "time"),
        "cpu_percent": _number(item, "cpu_percent"),
        "memory_mb": _number(item, "memory_mb"),
        "memory_percent": _number(item, "memory_percent"),
        "active_tasks": _count(item, "active_tasks"),
        "completed_tasks": _count(item, "completed_tasks"),
        "failed_tasks": _count(item, "failed_tasks"),
        "metrics": orjson.dumps(metrics).decode(),
    }
    for key, value in values.items():
        columns[key].append(value)


def decode_native(body: bytes, *, max_payload_chars: int = 16_384) -> NativeBatch:
    try:
        document = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise NativeDecodeError(f"the body is not JSON: {exc}") from None
    if not isinstance(document, dict) or not set(document) <= {"spans", "events", "heartbeats"}:
        raise NativeDecodeError("expected an object with spans, events and/or heartbeats")
    batch = NativeBatch()
    for key in ("spans", "events", "heartbeats"):
        items = document.get(key) or []
        if not isinstance(items, list):
            raise NativeDecodeError(f"{key} must be an array")
        if len(items) > MAX_ITEMS:
            raise NativeDecodeError(f"{key}: at most {MAX_ITEMS} items per request")
        for index, item in enumerate(items):
            try:
                if not isinstance(item, dict):
                    raise _Bad("", "must be an object")
                if key == "spans":
                    _add_span_atomically(batch.spans, item, max_payload_chars)
                elif key == "events":
                    _add_atomically(batch.events, lambda c, i=item, n=index: _add_event(c, i, n))
                else:
                    _add_atomically(batch.heartbeats, lambda c, i=item: _add_heartbeat(c, i))
            except _Bad as bad:
                batch.errors.append(f"{key}[{index}].{bad}".replace(". :", ":").replace(".:", ":"))
                if key == "spans":
                    batch.rejected_spans += 1
    return batch


def _add_span_atomically(batch: SpanBatch, item: dict[str, Any], max_payload: int) -> None:
    """Validate completely before appending, so a bad item never leaves a half-filled row."""
    trial = SpanBatch()
    _add_span(trial, item, max_payload)
    for name, values in trial.columns.items():
        batch.columns[name].extend(values)
    batch.agent_ref.extend(trial.agent_ref)


def _add_atomically(columns: dict[str, list[Any]], add: Any) -> None:
    trial: dict[str, list[Any]] = {c: [] for c in columns}
    add(trial)
    for name, values in trial.items():
        columns[name].extend(values)
