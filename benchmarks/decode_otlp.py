"""OTLP decode speed: spans/s of `decode_otlp` on one core, protobuf and JSON, raw and gzip.

A request is what an instrumented agent fleet sends: 100 traces of 6 spans (600 spans per request): an agent
root (`invoke_agent`), three LLM calls (two with GenAI `gen_ai.*` attributes, one with OpenInference `llm.*`),
each with a ~500-character `input.value`, and two tool calls; token counts, outputs and ids differ from trace to
trace. The resource names a service and its SDK. Each round decodes `--requests` requests, cycling through ten
different ones. The figures are the median and the best of `--rounds` rounds, after a warm-up, in spans per second
of this process's CPU time (one core): other work on the machine disturbs them less than wall time, and the best
round is the least disturbed.

    .venv/bin/python benchmarks/decode_otlp.py [--requests 50] [--rounds 9]
"""

from __future__ import annotations

import argparse
import base64
import gzip
import itertools
import statistics
import time

import orjson
from google.protobuf.json_format import MessageToDict
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, InstrumentationScope, KeyValue
from opentelemetry.proto.resource.v1.resource_pb2 import Resource
from opentelemetry.proto.trace.v1.trace_pb2 import ResourceSpans, ScopeSpans, Span, Status

from ams.telemetry.otlp import decode_otlp

TRACES_PER_REQUEST = 100
PROMPT = ("You are a support agent. Summarise the customer's ticket and propose the next action. " * 6)[:500]
T0 = 1_750_000_000_000_000_000


def _kv(key: str, value: str | int | float | bool) -> KeyValue:
    if isinstance(value, bool):
        return KeyValue(key=key, value=AnyValue(bool_value=value))
    if isinstance(value, int):
        return KeyValue(key=key, value=AnyValue(int_value=value))
    if isinstance(value, float):
        return KeyValue(key=key, value=AnyValue(double_value=value))
    return KeyValue(key=key, value=AnyValue(string_value=value))


def _span(trace: int, index: int, parent: int | None, name: str, attributes: dict, error: bool = False) -> Span:
    start = T0 + trace * 10_000_000_000 + index * 1_000_000
    return Span(
        trace_id=trace.to_bytes(16, "big"),
        span_id=(trace * 16 + index + 1).to_bytes(8, "big"),
        parent_span_id=(trace * 16 + parent + 1).to_bytes(8, "big") if parent is not None else b"",
        name=name,
        kind=Span.SPAN_KIND_INTERNAL if index else Span.SPAN_KIND_SERVER,
        start_time_unix_nano=start,
        end_time_unix_nano=start + 800_000_000,
        attributes=[_kv(k, v) for k, v in attributes.items()],
        status=Status(code=Status.STATUS_CODE_ERROR if error else Status.STATUS_CODE_UNSET),
    )


def _trace(trace: int) -> list[Span]:
    """One trace; counts, payloads and ids vary from trace to trace as they do in real traffic."""

    def llm(call: int) -> dict:
        return {
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": "openai",
            "gen_ai.request.model": "gpt-4o-mini",
            "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
            "gen_ai.usage.input_tokens": 200 + (trace * 7919 + call * 104_729) % 6000,
            "gen_ai.usage.output_tokens": 20 + (trace * 613 + call * 7) % 1500,
            "gen_ai.request.temperature": 0.2,
            "input.value": f"{PROMPT[:-12]} ticket {trace:05d}",
            "output.value": f"Ticket {trace}: the customer cannot log in since the update; reset session {call}.",
        }

    openinference_llm = {
        "openinference.span.kind": "LLM",
        "llm.model_name": "claude-sonnet-4-5",
        "llm.provider": "anthropic",
        "llm.token_count.prompt": 300 + trace * 31 % 8000,
        "llm.token_count.completion": 10 + trace * 17 % 900,
        "llm.token_count.prompt_details.cache_read": 512,
        "input.value": f"{PROMPT[:-12]} review {trace:05d}",
        "input.mime_type": "text/plain",
        "output.value": f"Escalate ticket {trace} to tier 2.",
    }

    def tool(name: str) -> dict:
        arguments = f'{{"ticket": {trace}}}'
        return {"gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": name, "input.value": arguments}

    root = {
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.agent.name": "support-triage",
        "ams.agent.version": "1.4.2",
        "ams.task.outcome": "success" if trace % 10 else "escalated",
        "gen_ai.conversation.id": f"conv-{trace}",
    }
    return [
        _span(trace, 0, None, "invoke_agent support-triage", root),
        _span(trace, 1, 0, "chat gpt-4o-mini", llm(1)),
        _span(trace, 2, 0, "execute_tool search_tickets", tool("search_tickets")),
        _span(trace, 3, 0, "ChatAnthropic", openinference_llm),
        _span(trace, 4, 0, "execute_tool update_ticket", tool("update_ticket"), error=True),
        _span(trace, 5, 0, "chat gpt-4o-mini", llm(2)),
    ]


def build_request(first_trace: int = 1) -> ExportTraceServiceRequest:
    resource = Resource(
        attributes=[
            _kv("service.name", "support-triage"),
            _kv("service.version", "1.4.2"),
            _kv("telemetry.sdk.language", "python"),
            _kv("telemetry.sdk.name", "opentelemetry"),
            _kv("telemetry.sdk.version", "1.38.0"),
        ]
    )
    spans = [span for trace in range(first_trace, first_trace + TRACES_PER_REQUEST) for span in _trace(trace)]
    scope = InstrumentationScope(name="openinference.instrumentation.langchain", version="0.1.50")
    return ExportTraceServiceRequest(
        resource_spans=[ResourceSpans(resource=resource, scope_spans=[ScopeSpans(scope=scope, spans=spans)])]
    )


def to_otlp_json(request: ExportTraceServiceRequest) -> bytes:
    """OTLP/JSON of the request: protobuf's JSON mapping with the ids turned from base64 into hex."""
    document = MessageToDict(request)
    for resource_spans in document["resourceSpans"]:
        for scope_spans in resource_spans["scopeSpans"]:
            for span in scope_spans["spans"]:
                for key in ("traceId", "spanId", "parentSpanId"):
                    if key in span:
                        span[key] = base64.b64decode(span[key]).hex()
    return orjson.dumps(document)


def _measure(
    bodies: list[bytes], content_type: str, encoding: str | None, requests: int, rounds: int, spans: int
) -> tuple[float, float]:
    for body in bodies:
        decode_otlp(body, content_type, encoding)
    rates = []
    for _ in range(rounds):
        started = time.process_time()
        for body in itertools.islice(itertools.cycle(bodies), requests):
            decode_otlp(body, content_type, encoding)
        rates.append(requests * spans / (time.process_time() - started))
    return statistics.median(rates), max(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="decodes per timed round")
    parser.add_argument("--rounds", type=int, default=9, help="timed rounds")
    args = parser.parse_args()
    requests = [build_request(1 + i * TRACES_PER_REQUEST) for i in range(10)]
    spans = sum(len(ss.spans) for rs in requests[0].resource_spans for ss in rs.scope_spans)
    protobuf = [request.SerializeToString() for request in requests]
    json_bodies = [to_otlp_json(request) for request in requests]
    result = decode_otlp(protobuf[0], "application/x-protobuf", None)
    assert len(result.batch) == spans and result.rejected_spans == 0, result.error_message
    from_json = decode_otlp(json_bodies[0], "application/json", None).batch.columns
    for name, values in result.batch.columns.items():  # the same spans, attribute order aside
        same = name == "attributes" and list(map(orjson.loads, values)) == list(map(orjson.loads, from_json[name]))
        assert same or values == from_json[name], name
    print(f"{spans} spans per request; spans per CPU-second of one core over {args.rounds} rounds")
    print(f"{'':<14} {'KiB/request':>12}  {'median':>10}  {'best':>10}")
    cases = [
        ("protobuf", protobuf, "application/x-protobuf", None),
        ("protobuf+gzip", [gzip.compress(body, 6) for body in protobuf], "application/x-protobuf", "gzip"),
        ("json", json_bodies, "application/json", None),
        ("json+gzip", [gzip.compress(body, 6) for body in json_bodies], "application/json", "gzip"),
    ]
    for label, bodies, content_type, encoding in cases:
        median, best = _measure(bodies, content_type, encoding, args.requests, args.rounds, spans)
        print(f"{label:<14} {len(bodies[0]) / 1024:12.1f}  {median:>10,.0f}  {best:>10,.0f}")


if __name__ == "__main__":
    main()
