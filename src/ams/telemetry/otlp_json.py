"""OTLP/JSON trace requests (the JSON mapping of the OTLP specification), walked from the parsed document.

Unlike protobuf's own JSON mapping, OTLP/JSON writes trace and span ids as hex strings, not base64, so the parsed
document is walked here rather than handed to `json_format`. Keys are lowerCamelCase; the snake_case field names
are accepted too, as the OpenTelemetry Collector accepts them. 64-bit integers may be numbers or strings, enums
integers (their names are accepted too).
"""

from __future__ import annotations

from typing import Any

from ams.telemetry.otlp_rows import STATUS_CODE_ERROR, OtlpDecodeError, ResourceContext, SpanRows

_SPAN_ERRORS = (ValueError, TypeError, AttributeError, KeyError, OverflowError, RecursionError)
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_ZERO_IDS = {8: bytes(8), 16: bytes(16)}
_STATUS_NAMES = {"STATUS_CODE_UNSET": 0, "STATUS_CODE_OK": 1, "STATUS_CODE_ERROR": STATUS_CODE_ERROR}


def decode_json(document: Any, rows: SpanRows) -> None:
    """Add the spans of a parsed OTLP/JSON `ExportTraceServiceRequest` to `rows`; raises `OtlpDecodeError` when
    its structure (above the spans) is not that of a request."""
    if not isinstance(document, dict):
        raise OtlpDecodeError("OTLP/JSON body must be a JSON object")
    add, reject = rows.add, rows.reject
    for r, resource_spans in enumerate(_array(document, "resourceSpans", "resource_spans", "")):
        where = f"resourceSpans[{r}]"
        if not isinstance(resource_spans, dict):
            raise OtlpDecodeError(f"{where} must be an object")
        resource = resource_spans.get("resource") or {}
        if not isinstance(resource, dict):
            raise OtlpDecodeError(f"{where}.resource must be an object")
        resource_attributes = _attributes(resource.get("attributes"), {})
        for s, scope_spans in enumerate(_array(resource_spans, "scopeSpans", "scope_spans", where)):
            if not isinstance(scope_spans, dict):
                raise OtlpDecodeError(f"{where}.scopeSpans[{s}] must be an object")
            scope = scope_spans.get("scope")
            if not isinstance(scope, dict):
                scope = {}
            context = ResourceContext(dict(resource_attributes), scope.get("name"), scope.get("version"))
            for span in _array(scope_spans, "spans", "spans", f"{where}.scopeSpans[{s}]"):
                try:
                    _add_span(span, context, add, reject)
                except _SPAN_ERRORS as exc:
                    reject(f"malformed span ({type(exc).__name__})")


def _add_span(span: Any, context: ResourceContext, add: Any, reject: Any) -> None:
    if not isinstance(span, dict):
        reject("malformed span (not an object)")
        return
    get = span.get
    trace_id = _hex_id(_field(get, "traceId", "trace_id"), 16)
    if not trace_id:
        reject("invalid trace id")
        return
    span_id = _hex_id(_field(get, "spanId", "span_id"), 8)
    if not span_id:
        reject("invalid span id")
        return
    parent_id = _field(get, "parentSpanId", "parent_span_id")
    if parent_id:
        parent = _hex_id(parent_id, 8, zero_ok=True)
        if parent is None:
            reject("invalid parent span id")
            return
    else:
        parent = ""
    attributes = _attributes(get("attributes"), {})
    links = get("links")
    if links:
        attributes["otel.links"] = [
            {"trace_id": str(_field(link.get, "traceId", "trace_id") or "").lower(),
             "span_id": str(_field(link.get, "spanId", "span_id") or "").lower(),
             "attributes": _attributes(link.get("attributes"), {})}
            for link in links
        ]  # fmt: skip
    events = get("events")
    status = get("status") or {}
    code = status.get("code") or 0
    add(
        context,
        trace_id,
        span_id,
        parent,
        int(get("flags") or 0),
        str(get("name") or ""),
        _nanos(_field(get, "startTimeUnixNano", "start_time_unix_nano")),
        _nanos(_field(get, "endTimeUnixNano", "end_time_unix_nano")),
        _STATUS_NAMES.get(code, 0) if isinstance(code, str) else code,
        str(status.get("message") or ""),
        attributes,
        [
            {"name": str(event.get("name") or ""),
             "time_us": _nanos(_field(event.get, "timeUnixNano", "time_unix_nano")) // 1000,
             "attributes": _attributes(event.get("attributes"), {})}
            for event in events
        ] if events else None,
    )  # fmt: skip


def _array(parent: dict[str, Any], camel: str, snake: str, where: str) -> list[Any]:
    value = parent.get(camel)
    if value is None:
        value = parent.get(snake)
    if value is None:
        return []
    if not isinstance(value, list):
        raise OtlpDecodeError(f"{where}{'.' if where else ''}{camel} must be an array")
    return value


def _field(get: Any, camel: str, snake: str) -> Any:
    value = get(camel)
    return get(snake) if value is None else value


def _hex_id(value: Any, size: int, zero_ok: bool = False) -> str | None:
    """The id as lowercase hex, "" for an all-zero id when `zero_ok`, None when it is not `size` bytes of hex."""
    if type(value) is not str or len(value) != 2 * size:
        return None
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        return None
    if len(raw) != size:  # fromhex skips whitespace
        return None
    if raw == _ZERO_IDS[size]:
        return "" if zero_ok else None
    return raw.hex()


def _nanos(value: Any) -> int:
    if value is None or value == "":
        return 0
    return int(value)


def _attributes(key_values: Any, into: dict[str, Any]) -> dict[str, Any]:
    if type(key_values) is list:
        for kv in key_values:
            if type(kv) is dict:  # a key-value that is not one is skipped, as a repeated field's garbage
                key = kv.get("key")
                if type(key) is str:
                    value = kv.get("value")
                    text = value.get("stringValue") if type(value) is dict else None
                    into[key] = text if type(text) is str else _value(value)
    return into


def _value(value: Any) -> Any:
    """An AnyValue as a Python value; a value of the wrong JSON type is kept as it came."""
    if type(value) is not dict or not value:
        return None
    for key, item in value.items():
        if key in ("stringValue", "string_value", "boolValue", "bool_value"):
            return item
        if key in ("intValue", "int_value"):
            try:
                number = int(item)
            except (TypeError, ValueError):
                return item
            return number if _INT64_MIN <= number <= _INT64_MAX else item
        if key in ("doubleValue", "double_value"):
            try:
                return float(item)
            except (TypeError, ValueError):
                return item
        if key in ("arrayValue", "array_value"):
            values = item.get("values") if type(item) is dict else None
            return [_value(element) for element in values] if isinstance(values, list) else []
        if key in ("kvlistValue", "kvlist_value"):
            values = item.get("values") if type(item) is dict else None
            return _attributes(values, {}) if isinstance(values, list) else {}
        if key in ("bytesValue", "bytes_value"):
            return item  # base64 already, as the attributes column keeps bytes
    return None
