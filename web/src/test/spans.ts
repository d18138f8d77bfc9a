import type { SpanNode } from "@/features/traces/waterfall";

const T0 = Date.parse("2026-06-10T12:00:00Z");

/** A span of the trace API, starting `startMs` after a fixed instant. */
export function span(id: string, startMs: number, durationMs: number, over: Partial<SpanNode> = {}, children: SpanNode[] = []): SpanNode {
  return {
    span_id: id, parent_span_id: null, agent_id: "agt", agent_version: "1.0.0", kind: "other", name: id, status: "ok",
    status_message: "", start_time: new Date(T0 + startMs).toISOString(), end_time: new Date(T0 + startMs + durationMs).toISOString(),
    duration_ms: durationMs, provider: null, model: null, operation: null, tool_name: null, input_tokens: 0, output_tokens: 0,
    cached_input_tokens: 0, cost_usd: 0, cost_source: "none", is_task: false, task_outcome: null, human_intervention: false,
    input: null, output: null, attributes: {}, events: [], children, ...over,
  };
}

