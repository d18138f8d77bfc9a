"""The part of OTLP decoding both encodings share: checking a span's times, mapping its attributes, bounding its
JSON columns, and gathering the accepted spans as rows of a `SpanBatch` (the rejected ones as counted reasons)."""

from __future__ import annotations

from typing import Any

import orjson

from ams.telemetry.semconv import MAPPED_COLUMNS, map_resource, map_span
from ams.telemetry.spans import SpanBatch, SpanKind

# The row a span becomes, in order; `agent_ref` goes to `SpanBatch.agent_ref`, the rest to columns of that name.
ROW_COLUMNS = (
    "trace_id", "span_id", "parent_span_id", "name", "status", "status_message", "start_time", "end_time",
    "duration_ms", "is_task", "attributes", "events", *MAPPED_COLUMNS,
)  # fmt: skip

STATUS_CODE_ERROR = 2  # opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR
# Span.flags bits: the producer knows whether the parent is remote, and it is
_PARENT_IS_REMOTE = 0x100 | 0x200
# DateTime64(6, 'UTC') ends with 2299
_MAX_TIME_NS = 10_413_791_999_999_999_000
_TASK_KINDS = frozenset((SpanKind.TASK.value, SpanKind.AGENT.value))
_OK, _ERROR = "ok", "error"
_DROPPED_EVENTS = "ams.dropped_events"
_dumps = orjson.dumps


class OtlpDecodeError(ValueError):
    """A request that cannot be read at all. `status` is the HTTP answer it deserves: 400 for a malformed body,
    413 for one too large, 415 for a content type or encoding that OTLP/HTTP does not use."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def bounded_object(attributes: dict[str, Any], max_chars: int) -> str:
    """`attributes` as a compact JSON object of at most about `max_chars`: past it, the values that do not fit are
    left out and `ams.dropped_attributes` says how many."""
    data = _dumps(attributes)
    if len(data) <= max_chars:
        return data.decode()
    kept: dict[str, Any] = {}
    budget = max_chars - 2 - len(b',"ams.dropped_attributes":') - 20
    dropped = 0
    if _DROPPED_EVENTS in attributes:  # the account of dropped events is kept first
        kept[_DROPPED_EVENTS] = attributes[_DROPPED_EVENTS]
        budget -= len(_dumps(kept))
    for key, value in attributes.items():
        if key == _DROPPED_EVENTS:
            continue
        size = len(_dumps({key: value}))  # the pair plus a separator
        if size <= budget:
            kept[key] = value
            budget -= size
        else:
            dropped += 1
    kept["ams.dropped_attributes"] = dropped
    return _dumps(kept).decode()


def bounded_array(items: list[Any], max_chars: int) -> tuple[str, int]:
    """`items` as a compact JSON array of at most about `max_chars`, and how many items were left out to fit."""
    data = _dumps(items)
    if len(data) <= max_chars:
        return data.decode(), 0
    kept = []
    budget = max_chars - 2
    for item in items:
        size = len(_dumps(item)) + 1
        if size <= budget:
            kept.append(item)
            budget -= size
    return _dumps(kept).decode(), len(items) - len(kept)


class ResourceContext:
    """What every span of one resource and scope shares: the fields its resource fills, and its attributes left
    for the `attributes` column, serialised once (`prefix`: the JSON object open, its members and a comma)."""

    __slots__ = ("attributes", "json", "mapping", "prefix", "text")

    def __init__(self, resource: dict[str, Any], scope_name: Any, scope_version: Any) -> None:
        """`resource` is the resource's attributes, owned by the context; raises `OtlpDecodeError` when they cannot
        be kept (values nested too deeply for JSON)."""
        try:
            self.mapping = map_resource(resource)
            if scope_name:
                resource["otel.scope.name"] = scope_name
            if scope_version:
                resource["otel.scope.version"] = scope_version
            self.json = _dumps(resource)
        except (TypeError, ValueError) as exc:
            raise OtlpDecodeError(f"unreadable resource attributes: {exc}") from None
        self.attributes = resource
        self.text = self.json.decode()
        self.prefix = self.json[:-1] + b"," if resource else b""


class SpanRows:
    """Accepted spans, their rows laid end to end in one list (cut into columns once, at the end: a strided slice
    per column is cheaper than appending to each column span by span), and rejected spans as counted reasons."""

    __slots__ = ("max_attributes_chars", "max_events_chars", "max_payload_chars", "rejected", "values")

    def __init__(self, max_payload_chars: int, max_attributes_chars: int, max_events_chars: int) -> None:
        self.values: list[Any] = []
        self.rejected: dict[str, int] = {}
        self.max_payload_chars = max_payload_chars
        self.max_attributes_chars = max_attributes_chars
        self.max_events_chars = max_events_chars

    def reject(self, reason: str) -> None:
        self.rejected[reason] = self.rejected.get(reason, 0) + 1

    def add(
        self,
        context: ResourceContext,
        trace_id: str,
        span_id: str,
        parent_span_id: str,
        flags: int,
        name: str,
        start_ns: int,
        end_ns: int,
        status_code: int,
        status_message: str,
        attributes: dict[str, Any],
        events: list[dict[str, Any]] | None,
    ) -> None:
        """Add a span whose ids are checked; `attributes` (the span's own, owned by the call) is consumed. Rejects
        the span when its times are impossible."""
        if not 0 < start_ns <= end_ns <= _MAX_TIME_NS:
            self.reject(
                "missing start time" if start_ns <= 0
                else "end time before start time" if end_ns < start_ns
                else "time after year 2299"
            )  # fmt: skip
            return
        mapped = map_span(attributes, context.mapping, self.max_payload_chars)
        if not parent_span_id:
            is_task = 1
        else:
            # a task or agent span whose parent lives in another process starts a task of this agent
            is_task = 1 if mapped[3] in _TASK_KINDS and flags & _PARENT_IS_REMOTE == _PARENT_IS_REMOTE else 0
        if events:
            events_json, dropped = bounded_array(events, self.max_events_chars)
            if dropped:
                attributes[_DROPPED_EVENTS] = dropped
        else:
            events_json = "[]"
        extend = self.values.extend
        extend(
            (
                trace_id,
                span_id,
                parent_span_id,
                name,
                _ERROR if status_code == STATUS_CODE_ERROR else _OK,
                status_message,
                start_ns // 1000,
                end_ns // 1000,
                (end_ns - start_ns) / 1e6,
                is_task,
                self._attributes_json(context, attributes),
                events_json,
            )
        )
        extend(mapped)

    def _attributes_json(self, context: ResourceContext, attributes: dict[str, Any]) -> str:
        if not attributes:
            if len(context.json) <= self.max_attributes_chars:
                return context.text
            data = context.json
        elif not context.prefix:
            data = _dumps(attributes)
        elif context.attributes.keys().isdisjoint(attributes):
            data = context.prefix + _dumps(attributes)[1:]
        else:
            data = _dumps({**context.attributes, **attributes})  # the span's attributes win
        if len(data) <= self.max_attributes_chars:
            return data.decode()
        return bounded_object({**context.attributes, **attributes}, self.max_attributes_chars)

    def error_message(self) -> str:
        """A short account of the rejected spans, "" when none were."""
        if not self.rejected:
            return ""
        total = sum(self.rejected.values())
        reasons = ", ".join(f"{reason} ({count})" for reason, count in sorted(self.rejected.items()))
        return f"{total} span{'s' if total != 1 else ''} rejected: {reasons}"

    def to_batch(self) -> SpanBatch:
        batch = SpanBatch()
        values, width = self.values, len(ROW_COLUMNS)
        if values:
            for index, name in enumerate(ROW_COLUMNS):
                if name == "agent_ref":
                    batch.agent_ref = values[index::width]
                else:
                    batch.columns[name] = values[index::width]
        return batch
