import base64
import gzip
import zlib

import orjson
import pytest
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.internal.encoder import _VarintBytes
from google.protobuf.json_format import MessageToDict
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import (
    AnyValue,
    ArrayValue,
    InstrumentationScope,
    KeyValue,
    KeyValueList,
)
from opentelemetry.proto.resource.v1.resource_pb2 import Resource
from opentelemetry.proto.trace.v1.trace_pb2 import ResourceSpans, ScopeSpans, Span, Status
from opentelemetry.sdk.resources import Resource as SdkResource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from ams.telemetry import otlp_proto
from ams.telemetry.otlp import DecodeResult, OtlpDecodeError, decode_otlp
from ams.telemetry.spans import DECODED_COLUMNS, SPAN_COLUMNS

T0 = 1_750_000_000_123_456_789
PROTOBUF, JSON = "application/x-protobuf", "application/json"
PIPELINE_COLUMNS = ("organization_id", "project_id", "agent_id", "cost_source", "ingested_at")
DEEP_VALUE = b'{"arrayValue":{"values":[' * 300 + b'{"stringValue":"leaf"}' + b"]}}" * 300
DEEP_RESOURCE = (
    b'{"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":%b}]},"scopeSpans":[{}]}]}' % DEEP_VALUE
)


def any_value(value) -> AnyValue:
    if isinstance(value, bool):
        return AnyValue(bool_value=value)
    if isinstance(value, int):
        return AnyValue(int_value=value)
    if isinstance(value, float):
        return AnyValue(double_value=value)
    if isinstance(value, bytes):
        return AnyValue(bytes_value=value)
    if isinstance(value, list):
        return AnyValue(array_value=ArrayValue(values=[any_value(v) for v in value]))
    if isinstance(value, dict):
        return AnyValue(kvlist_value=KeyValueList(values=key_values(value)))
    if value is None:
        return AnyValue()
    return AnyValue(string_value=value)


def key_values(attributes: dict) -> list[KeyValue]:
    return [KeyValue(key=key, value=any_value(value)) for key, value in attributes.items()]


def span(trace_id=1, span_id=1, parent=None, *, start=T0, end=T0 + 2_500_000, attributes=None, **fields) -> Span:
    return Span(
        trace_id=trace_id.to_bytes(16, "big") if isinstance(trace_id, int) else trace_id,
        span_id=span_id.to_bytes(8, "big") if isinstance(span_id, int) else span_id,
        parent_span_id=parent.to_bytes(8, "big") if isinstance(parent, int) else parent or b"",
        name=fields.pop("name", "op"),
        start_time_unix_nano=start,
        end_time_unix_nano=end,
        attributes=key_values(attributes or {}),
        **fields,
    )


def request(*spans: Span, resource: dict | None = None) -> ExportTraceServiceRequest:
    scope = InstrumentationScope(name="my.instrumentation", version="0.3")
    return ExportTraceServiceRequest(
        resource_spans=[
            ResourceSpans(
                resource=Resource(attributes=key_values(resource or {"service.name": "svc"})),
                scope_spans=[ScopeSpans(scope=scope, spans=list(spans))],
            )
        ]
    )


def otlp_json(message: ExportTraceServiceRequest) -> dict:
    """OTLP/JSON: protobuf's JSON mapping with the ids in hex, as the OTLP specification writes them."""
    document = MessageToDict(message)
    for resource_spans in document.get("resourceSpans", []):
        for scope_spans in resource_spans.get("scopeSpans", []):
            for item in scope_spans.get("spans", []):
                for key in ("traceId", "spanId", "parentSpanId"):
                    if key in item:
                        item[key] = base64.b64decode(item[key]).hex().upper()
    return document


def decode(message: ExportTraceServiceRequest, **options) -> DecodeResult:
    return decode_otlp(message.SerializeToString(), PROTOBUF, None, **options)


def rows(result: DecodeResult) -> list[dict]:
    batch = result.batch
    names = [name for name in SPAN_COLUMNS if name not in PIPELINE_COLUMNS]
    return [
        {"agent_ref": batch.agent_ref[i], **{name: batch.columns[name][i] for name in names}} for i in range(len(batch))
    ]


def only(result: DecodeResult) -> dict:
    assert len(result.batch) == 1, result.error_message
    return rows(result)[0]


def test_a_span_becomes_a_row_with_the_value_conventions_of_the_span_model():
    result = decode(
        request(
            span(0xABC, 0xDEF, 0x123, name="chat gpt-4o", attributes={"gen_ai.request.model": "gpt-4o", "x": 1}),
            resource={"service.name": "triage", "host.name": "h1"},
        )
    )
    assert (result.rejected_spans, result.error_message) == (0, "")
    row = only(result)
    assert row["trace_id"] == f"{0xABC:032x}" and row["span_id"] == f"{0xDEF:016x}"
    assert row["parent_span_id"] == f"{0x123:016x}"
    assert (row["start_time"], row["end_time"], row["duration_ms"]) == (T0 // 1000, (T0 + 2_500_000) // 1000, 2.5)
    assert (row["name"], row["status"], row["status_message"], row["is_task"]) == ("chat gpt-4o", "ok", "", 0)
    assert (row["agent_ref"], row["model"], row["kind"], row["cost_usd"]) == ("triage", "gpt-4o", "other", None)
    scope = {"otel.scope.name": "my.instrumentation", "otel.scope.version": "0.3"}
    assert orjson.loads(row["attributes"]) == {"x": 1, "host.name": "h1", "service.name": "triage", **scope}
    assert row["events"] == "[]"
    for name in DECODED_COLUMNS:
        assert row[name] is not None or name == "cost_usd"
    for name in PIPELINE_COLUMNS:  # the pipeline fills these
        assert result.batch.columns[name] == []


def test_a_request_from_the_opentelemetry_sdk():
    exporter = InMemorySpanExporter()
    provider = TracerProvider(resource=SdkResource.create({"service.name": "sdk-agent"}))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracer = provider.get_tracer("test.sdk", "1.0")
    with tracer.start_as_current_span("invoke_agent", attributes={"gen_ai.operation.name": "invoke_agent"}):
        with tracer.start_as_current_span("chat") as llm:
            llm.set_attributes({"gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "tags": ["a", "b"]})
            llm.set_attribute("gen_ai.usage.input_tokens", 3)
            llm.record_exception(ValueError("flaky"))  # an exception event alone leaves the status unset: ok
        with tracer.start_as_current_span("execute_tool lookup") as tool:
            tool.set_attribute("gen_ai.tool.name", "lookup")
            tool.set_status(trace.Status(trace.StatusCode.ERROR, "not found"))
    provider.shutdown()
    sdk_spans = exporter.get_finished_spans()
    result = decode_otlp(encode_spans(sdk_spans).SerializeToString(), PROTOBUF, None)
    by_name = {row["name"]: row for row in rows(result)}
    root, llm_row, tool_row = by_name["invoke_agent"], by_name["chat"], by_name["execute_tool lookup"]
    root_context = next(s for s in sdk_spans if s.name == "invoke_agent").context
    assert root["trace_id"] == f"{root_context.trace_id:032x}" and root["span_id"] == f"{root_context.span_id:016x}"
    assert (root["kind"], root["is_task"], root["parent_span_id"], root["agent_ref"]) == ("agent", 1, "", "sdk-agent")
    assert (llm_row["kind"], llm_row["provider"], llm_row["input_tokens"]) == ("llm", "openai", 3)
    assert llm_row["status"] == "ok"
    assert llm_row["parent_span_id"] == root["span_id"] and llm_row["is_task"] == 0
    assert orjson.loads(llm_row["attributes"])["tags"] == ["a", "b"]
    (event,) = orjson.loads(llm_row["events"])
    assert event["name"] == "exception" and event["attributes"]["exception.message"] == "flaky"
    assert event["time_us"] >= llm_row["start_time"]
    assert (tool_row["kind"], tool_row["tool_name"], tool_row["status"]) == ("tool", "lookup", "error")
    assert tool_row["status_message"] == "not found"


def test_is_task_for_roots_and_for_agent_spans_whose_parent_is_remote():
    remote = 0x100 | 0x200  # SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK | SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK
    agent = {"gen_ai.operation.name": "invoke_agent"}
    result = decode(
        request(
            span(1, 1, attributes=agent),
            span(1, 2, 1, attributes=agent, flags=0x100),
            span(2, 3, 9, attributes=agent, flags=remote),
            span(2, 4, 9, attributes={"ams.span.kind": "task"}, flags=remote),
            span(2, 5, 9, attributes={"gen_ai.operation.name": "chat"}, flags=remote),
            span(3, 6, bytes(8)),  # an all-zero parent id is no parent
        )
    )
    assert [row["is_task"] for row in rows(result)] == [1, 0, 1, 1, 0, 1]


def test_statuses():
    error, ok = Status(code=Status.STATUS_CODE_ERROR, message="boom"), Status(code=Status.STATUS_CODE_OK)
    exception = Span.Event(name="exception", time_unix_nano=T0)
    result = decode(request(span(1, 1, status=error), span(1, 2, status=ok), span(1, 3, events=[exception])))
    assert [(row["status"], row["status_message"]) for row in rows(result)] == [
        ("error", "boom"),
        ("ok", ""),
        ("ok", ""),
    ]


def test_value_types_decode_to_json_and_match_protobuf_own_reading():
    strings = {"short": "abc", "empty": "", "unicode": "naïve – 日本", "medium": "m" * 200, "long": "l" * 20_000}
    numbers = {"small": 5, "tokens": 1234, "big": 2**40, "negative": -7, "double": 0.25, "yes": True, "no": False}
    others = {"nothing": None, "list": [1, "two", [3.5]], "map": {"a": {"b": [True]}}, "raw": b"\x00\xff"}
    values = {**strings, **numbers, **others}
    row = only(decode(request(span(attributes=values)), max_attributes_chars=10**6))
    expected = {**values, "raw": base64.b64encode(b"\x00\xff").decode()}
    attributes = orjson.loads(row["attributes"])
    assert {key: attributes[key] for key in values} == expected
    # the lean view reads each serialized AnyValue exactly as the real class does
    for value in values.values():
        data = any_value(value).SerializeToString()
        assert otlp_proto._any(data) == otlp_proto._value(AnyValue.FromString(data))


def test_the_cache_of_short_values_is_bounded_and_changes_no_reading():
    for i in range(otlp_proto._CACHE_MAX_ENTRIES + 10):
        data = any_value(i).SerializeToString()
        assert otlp_proto._attributes({"n": data}) == otlp_proto._attributes({"n": data}) == {"n": i}
    assert 0 < len(otlp_proto._CACHE) <= otlp_proto._CACHE_MAX_ENTRIES


def test_the_lean_view_agrees_with_the_otlp_schema():
    length_delimited_types = {FieldDescriptor.TYPE_BYTES, FieldDescriptor.TYPE_MESSAGE, FieldDescriptor.TYPE_STRING}
    for message, real in (("Span", Span), ("ResourceSpans", ResourceSpans), ("ScopeSpans", ScopeSpans)):
        fields = real.DESCRIPTOR.fields_by_name
        for name, number, field_type, *_ in otlp_proto._VIEW[message]:
            assert fields[name].number == number, (message, name)
            if field_type in (FieldDescriptor.TYPE_BYTES, FieldDescriptor.TYPE_MESSAGE):  # read as raw bytes or map
                assert fields[name].type in length_delimited_types, (message, name)
            else:
                assert fields[name].type == field_type, (message, name)


def test_repeated_attribute_keys_keep_the_last_value():
    message = request(span(attributes={"k": "first"}))
    message.resource_spans[0].scope_spans[0].spans[0].attributes.append(KeyValue(key="k", value=any_value("last")))
    assert orjson.loads(only(decode(message))["attributes"])["k"] == "last"


def test_links_and_events_are_kept():
    link = Span.Link(trace_id=(7).to_bytes(16, "big"), span_id=(8).to_bytes(8, "big"), attributes=key_values({"r": 1}))
    event = Span.Event(name="retry", time_unix_nano=T0 + 1000, attributes=key_values({"attempt": 2}))
    row = only(decode(request(span(links=[link], events=[event]))))
    assert orjson.loads(row["attributes"])["otel.links"] == [
        {"trace_id": f"{7:032x}", "span_id": f"{8:016x}", "attributes": {"r": 1}}
    ]
    assert orjson.loads(row["events"]) == [{"name": "retry", "time_us": T0 // 1000 + 1, "attributes": {"attempt": 2}}]


def test_attributes_and_events_are_bounded():
    big = {f"k{i}": "v" * 100 for i in range(20)}
    events = [Span.Event(name=f"e{i}", time_unix_nano=T0, attributes=key_values({"p": "x" * 100})) for i in range(20)]
    row = only(decode(request(span(attributes=big, events=events)), max_attributes_chars=1000, max_events_chars=700))
    attributes, kept_events = orjson.loads(row["attributes"]), orjson.loads(row["events"])
    assert len(row["attributes"]) <= 1000 and len(row["events"]) <= 700
    # 20 attributes, the resource's service.name, the scope's name and version, the count of dropped events
    assert attributes["ams.dropped_attributes"] == 24 - (len(attributes) - 1) > 0
    assert attributes["ams.dropped_events"] == 20 - len(kept_events) > 0
    assert [e["name"] for e in kept_events] == [f"e{i}" for i in range(len(kept_events))]


def test_payloads_are_truncated():
    row = only(decode(request(span(attributes={"input.value": "q" * 50})), max_payload_chars=20))
    assert row["input"] == "q" * 20 + "…[truncated 30 chars]"


def test_bad_spans_are_rejected_and_counted_while_the_others_are_kept():
    bad_ids = [span(b"", 2), span(bytes(16), 3), span(b"\x01" * 15, 4), span(1, bytes(8)), span(1, 5, b"\x01\x02")]
    bad_times = [span(1, 6, start=T0, end=T0 - 1), span(1, 7, start=0, end=0)]
    result = decode(request(span(1, 1), *bad_ids, *bad_times, span(1, 8)))
    assert [row["span_id"] for row in rows(result)] == [f"{1:016x}", f"{8:016x}"]
    assert result.rejected_spans == 7
    assert result.error_message == (
        "7 spans rejected: end time before start time (1), invalid parent span id (1), invalid span id (1), "
        "invalid trace id (3), missing start time (1)"
    )


def test_an_attribute_string_that_is_not_utf8_rejects_its_span_only():
    good, bad = span(1, 1), span(1, 2, attributes={"k": b"\xff\xfe"})
    body = request(good, bad).SerializeToString()
    # turn the bytes_value (field 7) into a string_value (field 1) holding invalid UTF-8
    body = body.replace(b"\x3a\x02\xff\xfe", b"\x0a\x02\xff\xfe")
    result = decode_otlp(body, PROTOBUF, None)
    assert (len(result.batch), result.rejected_spans) == (1, 1)
    assert "malformed span" in result.error_message


def test_json_encoding_with_hex_ids_decodes_like_protobuf():
    message = request(
        span(0xAB, 0xCD, 0xEF, attributes={"gen_ai.usage.input_tokens": 2**40, "l": [1, {"m": b"\x01"}], "d": 1.5}),
        span(0xAB, 0xEE, events=[Span.Event(name="e", time_unix_nano=T0, attributes=key_values({"n": 1}))]),
        resource={"service.name": "svc", "ams.agent.version": "7"},
    )
    document = otlp_json(message)
    first = document["resourceSpans"][0]["scopeSpans"][0]["spans"][0]
    assert first["traceId"] == f"{0xAB:032X}" and isinstance(first["startTimeUnixNano"], str)  # the OTLP/JSON shape
    from_json = decode_otlp(orjson.dumps(document), "application/json; charset=utf-8", None)
    from_protobuf = decode(message)
    for row_json, row_protobuf in zip(rows(from_json), rows(from_protobuf), strict=True):
        assert orjson.loads(row_json.pop("attributes")) == orjson.loads(row_protobuf.pop("attributes"))
        assert row_json == row_protobuf
    assert rows(from_json)[0]["trace_id"] == f"{0xAB:032x}"


def test_json_accepts_snake_case_numbers_and_enum_names():
    item = {
        "trace_id": "0af7651916cd43dd8448eb211c80319c",
        "span_id": "b7ad6b7169203331",
        "start_time_unix_nano": T0,
        "end_time_unix_nano": str(T0 + 1000),
        "status": {"code": "STATUS_CODE_ERROR"},
        "attributes": [{"key": "n", "value": {"intValue": "12"}}],
    }
    document = {"resource_spans": [{"scope_spans": [{"spans": [item]}]}]}
    row = only(decode_otlp(orjson.dumps(document), JSON, None))
    assert (row["trace_id"], row["status"], row["duration_ms"]) == ("0af7651916cd43dd8448eb211c80319c", "error", 0.001)
    assert orjson.loads(row["attributes"]) == {"n": 12}


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("traceId", base64.b64encode(b"\x01" * 16).decode(), "invalid trace id"),  # base64 is not OTLP/JSON
        ("traceId", "zz" * 16, "invalid trace id"),
        ("spanId", "", "invalid span id"),
        ("parentSpanId", "123", "invalid parent span id"),
        ("startTimeUnixNano", "soon", "malformed span (ValueError)"),
    ],
)
def test_json_span_rejections(field, value, reason):
    good = {"traceId": "01" * 16, "spanId": "02" * 8, "startTimeUnixNano": str(T0), "endTimeUnixNano": str(T0)}
    document = {"resourceSpans": [{"scopeSpans": [{"spans": [good, {**good, field: value}, "not a span"]}]}]}
    result = decode_otlp(orjson.dumps(document), JSON, None)
    assert (len(result.batch), result.rejected_spans) == (1, 2)
    assert reason in result.error_message and "malformed span (not an object) (1)" in result.error_message


@pytest.mark.parametrize("content_type", [PROTOBUF, JSON])
def test_gzip(content_type):
    message = request(span(1, 1), span(1, 2))
    body = message.SerializeToString() if content_type == PROTOBUF else orjson.dumps(otlp_json(message))
    result = decode_otlp(gzip.compress(body), content_type, "gzip")
    assert len(result.batch) == 2
    # concatenated gzip members are one gzip stream
    half = len(body) // 2
    assert decode_otlp(gzip.compress(body[:half]) + gzip.compress(body[half:]), content_type, "GZIP").batch.columns == (
        result.batch.columns
    )


def test_a_gzip_bomb_is_stopped_at_the_limit():
    bomb = gzip.compress(bytes(64 * 1024 * 1024), 9)  # 64 MiB of zeros in about 64 KiB
    with pytest.raises(OtlpDecodeError) as caught:
        decode_otlp(bomb, PROTOBUF, "gzip", max_body_bytes=1024 * 1024)
    assert caught.value.status == 413 and "after decompression" in caught.value.message
    with pytest.raises(OtlpDecodeError) as caught:
        decode_otlp(bomb, PROTOBUF, "gzip")  # the default limit, 20 MB
    assert caught.value.status == 413
    with pytest.raises(OtlpDecodeError) as caught:
        decode_otlp(b"x" * 11, PROTOBUF, None, max_body_bytes=10)
    assert caught.value.status == 413


@pytest.mark.parametrize(
    ("body", "content_type", "encoding", "status", "reason"),
    [
        (b"\xff\xff\xff", PROTOBUF, None, 400, "invalid OTLP protobuf"),
        (b"{not json", JSON, None, 400, "invalid JSON"),
        (b"[]", JSON, None, 400, "must be a JSON object"),
        (b'{"resourceSpans": {}}', JSON, None, 400, "resourceSpans must be an array"),
        (b'{"resourceSpans": [{"scopeSpans": 3}]}', JSON, None, 400, "resourceSpans[0].scopeSpans must be an array"),
        (b'{"resourceSpans": [{"resource": 5}]}', JSON, None, 400, "resourceSpans[0].resource must be an object"),
        (b"plain", PROTOBUF, "gzip", 400, "invalid gzip body"),
        (gzip.compress(b"abc" * 100)[:-12], PROTOBUF, "gzip", 400, "truncated"),
        (gzip.compress(b"") * 65, PROTOBUF, "gzip", 400, "more than 64 members"),
        (b"", "text/plain", None, 415, "unsupported content type"),
        (b"", PROTOBUF, "br", 415, "unsupported content encoding"),
        (b"[" * 5000 + b"]" * 5000, JSON, None, 400, "invalid JSON"),
        (DEEP_RESOURCE, JSON, None, 400, "unreadable resource attributes"),
    ],
)
def test_unreadable_requests_raise_with_a_reason(body, content_type, encoding, status, reason):
    with pytest.raises(OtlpDecodeError) as caught:
        decode_otlp(body, content_type, encoding)
    assert caught.value.status == status and reason in str(caught.value)


def test_deeply_nested_values_do_not_crash():
    value = DEEP_VALUE
    good = orjson.dumps({"traceId": "01" * 16, "spanId": "02" * 8, "startTimeUnixNano": T0, "endTimeUnixNano": T0})
    nested = good[:-1] + b',"attributes":[{"key":"deep","value":' + value + b"}]}"
    body = b'{"resourceSpans":[{"scopeSpans":[{"spans":[' + good + b"," + nested + b"]}]}]}"
    result = decode_otlp(body, JSON, None)
    assert len(result.batch) + result.rejected_spans == 2  # kept or rejected, as the stack allows
    # protobuf nests 200 deep by hand, as the protobuf classes refuse to build past their depth limit
    deep = AnyValue(string_value="leaf").SerializeToString()
    for _ in range(200):
        deep = length_delimited(5, length_delimited(1, deep))  # AnyValue.array_value -> ArrayValue.values
    deep_span = span(1, 2).SerializeToString() + length_delimited(
        9, length_delimited(1, b"deep") + length_delimited(2, deep)
    )
    scope_spans = ScopeSpans(spans=[span(1, 1)]).SerializeToString() + length_delimited(2, deep_span)
    body = length_delimited(1, length_delimited(2, scope_spans))
    result = decode_otlp(body, PROTOBUF, None)
    assert (len(result.batch), result.rejected_spans) == (1, 1)


def length_delimited(number: int, payload: bytes) -> bytes:
    return _VarintBytes(number << 3 | 2) + _VarintBytes(len(payload)) + payload


def test_empty_requests_give_empty_batches():
    for body, content_type in ((b"", PROTOBUF), (b"{}", JSON), (zlib.compress(b"")[:0], PROTOBUF)):
        result = decode_otlp(body, content_type, None)
        assert (len(result.batch), result.rejected_spans, result.batch.agent_ref) == (0, 0, [])
