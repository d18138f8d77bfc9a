"""OTLP/protobuf trace requests, read through a lean view of the OTLP schema.

Reading `opentelemetry.proto` messages field by field makes Python wrap every `KeyValue` and `AnyValue` of every
span, which makes reading an attribute about twice as costly as it is here, and attributes are most of a span. So
the body is parsed with a private schema of the same wire format that declares each `attributes` list as
`map<string, bytes>` (a map entry is encoded like a `KeyValue`: key in field 1, value in field 2), and status,
events and links as `bytes`: the upb parser hands the attributes over as `{key: serialized AnyValue}`, this module
reads the common values (strings, small integers, booleans, doubles) from their few bytes, and the others, with
status, events and links, go through the real `opentelemetry.proto` classes. A repeated key keeps its last value,
as in a list of `KeyValue`. The fields AMS does not keep (trace state, OpenTelemetry's span kind, dropped counts)
are not declared, and so not read.
"""

from __future__ import annotations

from base64 import b64encode
from struct import unpack
from typing import Any

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import DecodeError
from opentelemetry.proto.common.v1.common_pb2 import AnyValue
from opentelemetry.proto.trace.v1.trace_pb2 import Span, Status

from ams.telemetry.otlp_rows import OtlpDecodeError, ResourceContext, SpanRows

_F = descriptor_pb2.FieldDescriptorProto
_PACKAGE = "ams.otlp_view"
# message -> its fields: (name, number, type, repeated, message type); only the fields AMS reads
_VIEW: dict[str, list[tuple[str, int, int, bool, str]]] = {
    "Request": [("resource_spans", 1, _F.TYPE_MESSAGE, True, "ResourceSpans")],
    "ResourceSpans": [
        ("resource", 1, _F.TYPE_MESSAGE, False, "Resource"),
        ("scope_spans", 2, _F.TYPE_MESSAGE, True, "ScopeSpans"),
    ],
    "Resource": [("attributes", 1, _F.TYPE_MESSAGE, True, "Attributes")],
    "ScopeSpans": [
        ("scope", 1, _F.TYPE_MESSAGE, False, "Scope"),
        ("spans", 2, _F.TYPE_MESSAGE, True, "Span"),
    ],
    "Scope": [("name", 1, _F.TYPE_STRING, False, ""), ("version", 2, _F.TYPE_STRING, False, "")],
    "Span": [
        ("trace_id", 1, _F.TYPE_BYTES, False, ""),
        ("span_id", 2, _F.TYPE_BYTES, False, ""),
        ("parent_span_id", 4, _F.TYPE_BYTES, False, ""),
        ("name", 5, _F.TYPE_STRING, False, ""),
        ("start_time_unix_nano", 7, _F.TYPE_FIXED64, False, ""),
        ("end_time_unix_nano", 8, _F.TYPE_FIXED64, False, ""),
        ("attributes", 9, _F.TYPE_MESSAGE, True, "Attributes"),
        ("events", 11, _F.TYPE_BYTES, True, ""),
        ("links", 13, _F.TYPE_BYTES, True, ""),
        ("status", 15, _F.TYPE_BYTES, False, ""),
        ("flags", 16, _F.TYPE_FIXED32, False, ""),
    ],
}


def _view_request_class() -> Any:
    file = descriptor_pb2.FileDescriptorProto(name="ams_otlp_view.proto", package=_PACKAGE, syntax="proto3")
    for message_name, fields in _VIEW.items():
        message = file.message_type.add(name=message_name)
        for name, number, field_type, repeated, type_name in fields:
            field = message.field.add(name=name, number=number, type=field_type)
            field.label = _F.LABEL_REPEATED if repeated else _F.LABEL_OPTIONAL
            if type_name:
                field.type_name = f".{_PACKAGE}.{type_name}"
    entry = file.message_type.add(name="Attributes")  # map<string, bytes>: the entry message of the map fields
    entry.options.map_entry = True
    entry.field.add(name="key", number=1, type=_F.TYPE_STRING, label=_F.LABEL_OPTIONAL)
    entry.field.add(name="value", number=2, type=_F.TYPE_BYTES, label=_F.LABEL_OPTIONAL)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName(f"{_PACKAGE}.Request"))


_Request = _view_request_class()
_SPAN_ERRORS = (ValueError, TypeError, AttributeError, KeyError, OverflowError, RecursionError, DecodeError)
_ZERO_TRACE_ID, _ZERO_SPAN_ID = bytes(16), bytes(8)
# serialized AnyValue -> its reading, for short scalars (immutable, so one reading can serve many spans)
_CACHE: dict[bytes, Any] = {}
_CACHE_MAX_ENTRIES, _CACHE_MAX_VALUE_BYTES = 16_384, 64
_SCALARS = frozenset((str, int, float, bool))
# The statuses nearly every span carries, serialized: code OK or ERROR with no message.
_STATUSES: dict[bytes, tuple[int, str]] = {b"\x18\x01": (1, ""), b"\x18\x02": (2, "")}
_MISS = object()
_event_from, _link_from, _status_from, _any_from = (
    Span.Event.FromString, Span.Link.FromString, Status.FromString, AnyValue.FromString,
)  # fmt: skip


def decode_protobuf(body: bytes, rows: SpanRows) -> None:
    """Add the spans of a serialized `ExportTraceServiceRequest` to `rows`; raises `OtlpDecodeError` when the body
    is not one, or its resource attributes cannot be read."""
    try:
        request = _Request.FromString(body)
    except DecodeError as exc:
        raise OtlpDecodeError(f"invalid OTLP protobuf: {exc}") from None
    add, reject = rows.add, rows.reject
    for r, resource_spans in enumerate(request.resource_spans):
        try:
            resource = _attributes(resource_spans.resource.attributes)
        except _SPAN_ERRORS as exc:
            raise OtlpDecodeError(f"invalid attributes in resourceSpans[{r}].resource ({type(exc).__name__})") from None
        for scope_spans in resource_spans.scope_spans:
            scope = scope_spans.scope
            context = ResourceContext(dict(resource), scope.name, scope.version)
            for span in scope_spans.spans:
                try:
                    trace_id, span_id, parent_id = span.trace_id, span.span_id, span.parent_span_id
                    if len(trace_id) != 16 or trace_id == _ZERO_TRACE_ID:
                        reject("invalid trace id")
                        continue
                    if len(span_id) != 8 or span_id == _ZERO_SPAN_ID:
                        reject("invalid span id")
                        continue
                    if parent_id:
                        if len(parent_id) != 8:
                            reject("invalid parent span id")
                            continue
                        parent = "" if parent_id == _ZERO_SPAN_ID else parent_id.hex()
                    else:
                        parent = ""
                    attributes = _attributes(span.attributes)
                    if span.links:
                        attributes["otel.links"] = [_link(_link_from(link)) for link in span.links]
                    status_data = span.status
                    if status_data:
                        code, message = _STATUSES.get(status_data) or _status(status_data)
                    else:
                        code, message = 0, ""
                    events = span.events
                    add(
                        context,
                        trace_id.hex(),
                        span_id.hex(),
                        parent,
                        span.flags,
                        span.name,
                        span.start_time_unix_nano,
                        span.end_time_unix_nano,
                        code,
                        message,
                        attributes,
                        [_event(_event_from(event)) for event in events] if events else None,
                    )
                except _SPAN_ERRORS as exc:
                    reject(f"malformed span ({type(exc).__name__})")


def _attributes(key_values: Any) -> dict[str, Any]:
    """The attributes from their map of serialized AnyValues. The short scalar values recur span after span (a
    model, a provider, an operation, a tool, small counts), so their readings are kept, keyed by their bytes, in a
    bounded cache: a lookup costs a fraction of a reading."""
    cached = _CACHE.get
    attributes = {}
    for key in key_values:  # keys, then lookups: the map's items() is a slow Python-level view
        data = key_values[key]
        value = cached(data, _MISS)
        if value is _MISS:
            value = _any(data)
            if len(data) <= _CACHE_MAX_VALUE_BYTES and type(value) in _SCALARS:
                if len(_CACHE) >= _CACHE_MAX_ENTRIES:
                    _CACHE.clear()
                _CACHE[data] = value
        attributes[key] = value
    return attributes


def _any(data: bytes) -> Any:
    """A serialized AnyValue as a Python value: the usual one-field encodings read here, the rest by protobuf."""
    try:
        tag, first = data[0], data[1]
    except IndexError:
        return None if not data else _value(_any_from(data))
    if tag == 0x0A:  # string_value, length-delimited; first + 2 can be the size only for a one-byte length
        if first + 2 == len(data):
            return data[2:].decode()
        if first >= 0x80 and data[2] < 0x80 and (first & 0x7F | data[2] << 7) + 3 == len(data):
            return data[3:].decode()
    elif tag == 0x18:  # int_value, varint
        if first < 0x80:
            if len(data) == 2:
                return first
        elif len(data) == 3 and data[2] < 0x80:
            return first & 0x7F | data[2] << 7
    elif tag == 0x10 and first < 2 and len(data) == 2:  # bool_value
        return first == 1
    elif tag == 0x21 and len(data) == 9:  # double_value, fixed64
        return unpack("<d", data[1:])[0]
    return _value(_any_from(data))


def _status(data: bytes) -> tuple[int, str]:
    status = _status_from(data)
    return status.code, status.message


def _value(value: AnyValue) -> Any:
    which = value.WhichOneof("value")
    if which is None:
        return None
    if which == "array_value":
        return [_value(item) for item in value.array_value.values]
    if which == "kvlist_value":
        return {kv.key: _value(kv.value) for kv in value.kvlist_value.values}
    if which == "bytes_value":
        return b64encode(value.bytes_value).decode()
    return getattr(value, which)


def _event(event: Span.Event) -> dict[str, Any]:
    return {
        "name": event.name,
        "time_us": event.time_unix_nano // 1000,
        "attributes": {kv.key: _value(kv.value) for kv in event.attributes},
    }


def _link(link: Span.Link) -> dict[str, Any]:
    return {
        "trace_id": link.trace_id.hex(),
        "span_id": link.span_id.hex(),
        "attributes": {kv.key: _value(kv.value) for kv in link.attributes},
    }
