"""The OTLP load of PEERS.md, built ahead of time: traces of 6 OpenInference spans, 100 traces per request."""

from __future__ import annotations

import time

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, InstrumentationScope, KeyValue
from opentelemetry.proto.resource.v1.resource_pb2 import Resource
from opentelemetry.proto.trace.v1.trace_pb2 import ResourceSpans, ScopeSpans, Span, Status

AGENT = "support-triage"
TRACES_PER_BATCH, SPANS_PER_TRACE = 100, 6
SPANS_PER_BATCH = TRACES_PER_BATCH * SPANS_PER_TRACE
PROMPT = ("You are a support agent. Summarise the customer's ticket and propose the next action. " * 6)[:488]
MODELS = (("openai", "gpt-4o-mini"), ("anthropic", "claude-sonnet-4-5"), ("openai", "gpt-4.1"))


def _kv(key: str, value: str | int) -> KeyValue:
    return KeyValue(
        key=key, value=AnyValue(int_value=value) if isinstance(value, int) else AnyValue(string_value=value)
    )


def _trace(trace: int, start_ns: int, run_tag: int) -> list[Span]:
    """One task: root agent span, 3 LLM calls, 2 tool calls; ids, counts and texts differ per trace."""
    trace_id = ((run_tag << 64) | trace).to_bytes(16, "big")

    def span(index: int, name: str, attributes: dict[str, str | int], error: bool = False) -> Span:
        begin = start_ns + index * 50_000_000
        return Span(
            trace_id=trace_id,
            span_id=((run_tag << 40) | (trace << 3) | index).to_bytes(8, "big"),
            parent_span_id=b"" if index == 0 else ((run_tag << 40) | (trace << 3)).to_bytes(8, "big"),
            name=name,
            kind=Span.SPAN_KIND_SERVER if index == 0 else Span.SPAN_KIND_INTERNAL,
            start_time_unix_nano=begin,
            end_time_unix_nano=begin + (2_000_000_000 if index == 0 else 400_000_000 + trace % 7 * 10_000_000),
            attributes=[_kv(k, v) for k, v in attributes.items()],
            status=Status(code=Status.STATUS_CODE_ERROR if error else Status.STATUS_CODE_OK),
        )

    def llm(call: int) -> dict[str, str | int]:
        provider, model = MODELS[(trace + call) % len(MODELS)]
        prompt, completion = 200 + (trace * 7919 + call * 104_729) % 6000, 20 + (trace * 613 + call * 7) % 1500
        return {
            "openinference.span.kind": "LLM",
            "llm.provider": provider,
            "llm.model_name": model,
            "llm.token_count.prompt": prompt,
            "llm.token_count.completion": completion,
            "llm.token_count.total": prompt + completion,
            "input.value": f"{PROMPT} ticket {trace:06d}",
            "input.mime_type": "text/plain",
            "output.value": f"Ticket {trace}: reset the session ({call}).",
        }

    def tool(name: str) -> dict[str, str | int]:
        return {"openinference.span.kind": "TOOL", "tool.name": name, "input.value": f'{{"ticket": {trace}}}'}

    root = {
        "openinference.span.kind": "AGENT",
        "session.id": f"conv-{trace % 5000}",
        "input.value": f"ticket {trace}",
        "output.value": "resolved",
    }
    return [
        span(0, f"invoke_agent {AGENT}", root),
        span(1, "ChatOpenAI", llm(1)),
        span(2, "search_tickets", tool("search_tickets")),
        span(3, "ChatAnthropic", llm(2)),
        span(4, "update_ticket", tool("update_ticket"), error=trace % 20 == 0),
        span(5, "ChatOpenAI", llm(3)),
    ]


def build_bodies(batches: int, run_tag: int) -> list[bytes]:
    """`batches` different requests; spans start over the last 10 minutes, so a 1 h window holds them all."""
    resource_ = Resource(
        attributes=[
            _kv("service.name", AGENT),
            _kv("service.version", "1.4.2"),
            _kv("telemetry.sdk.language", "python"),
        ]
    )
    scope = InstrumentationScope(name="openinference.instrumentation.langchain", version="0.1.50")
    start = time.time_ns() - 600 * 10**9
    step = 600 * 10**9 // max(batches * TRACES_PER_BATCH, 1)
    bodies = []
    for b in range(batches):
        traces = range(b * TRACES_PER_BATCH, (b + 1) * TRACES_PER_BATCH)
        spans = [s for t in traces for s in _trace(t, start + t * step, run_tag)]
        request = ExportTraceServiceRequest(
            resource_spans=[ResourceSpans(resource=resource_, scope_spans=[ScopeSpans(scope=scope, spans=spans)])]
        )
        bodies.append(request.SerializeToString())
    return bodies
