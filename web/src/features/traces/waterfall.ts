// The trace waterfall's rows from a span tree: depth-first, children by start time, each bar placed as a share
// of the trace's duration. Pure: no React.
import type { Schemas } from "@/api/client";

export type SpanNode = Schemas["SpanNode"];

export interface WaterfallRow {
  span: SpanNode;
  depth: number;
  /** Where the bar starts and how wide it is, in % of the trace. */
  offsetPct: number;
  widthPct: number;
  hasChildren: boolean;
  collapsed: boolean;
}

/** Bars narrower than this are widened so a 1 ms span in a 60 s trace stays visible and clickable. */
export const MIN_WIDTH_PCT = 0.4;

const byStart = (a: SpanNode, b: SpanNode) => Date.parse(a.start_time) - Date.parse(b.start_time);

export function layoutWaterfall(roots: SpanNode[], collapsed: ReadonlySet<string> = new Set()): WaterfallRow[] {
  const all = flatten(roots);
  if (!all.length) return [];
  const start = Math.min(...all.map((s) => Date.parse(s.start_time)));
  const end = Math.max(...all.map((s) => Date.parse(s.end_time)));
  const total = Math.max(end - start, 1);
  const rows: WaterfallRow[] = [];

  const visit = (span: SpanNode, depth: number) => {
    const offset = ((Date.parse(span.start_time) - start) / total) * 100;
    const width = Math.max((span.duration_ms / total) * 100, MIN_WIDTH_PCT);
    const isCollapsed = collapsed.has(span.span_id);
    rows.push({
      span,
      depth,
      offsetPct: Math.min(offset, 100 - MIN_WIDTH_PCT),
      widthPct: Math.min(width, 100 - Math.min(offset, 100 - MIN_WIDTH_PCT)),
      hasChildren: span.children.length > 0,
      collapsed: isCollapsed,
    });
    if (!isCollapsed) for (const child of [...span.children].sort(byStart)) visit(child, depth + 1);
  };
  for (const root of [...roots].sort(byStart)) visit(root, 0);
  return rows;
}

export function flatten(roots: SpanNode[]): SpanNode[] {
  const out: SpanNode[] = [];
  const walk = (span: SpanNode) => {
    out.push(span);
    span.children.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

/** Whether a span is a refusal of the guard: a `guard` span that failed or says deny / require_approval. */
export function isDenial(span: SpanNode): boolean {
  if (span.kind !== "guard") return false;
  if (span.status === "error") return true;
  return Object.entries(span.attributes).some(([key, value]) => key.endsWith("decision") && (value === "deny" || value === "require_approval"));
}

/** Time axis ticks for a trace of `durationMs`: about five, at round values. */
export function ticks(durationMs: number): number[] {
  const raw = durationMs / 5;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(raw, 0.001)));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out = [];
  for (let t = 0; t <= durationMs + 1e-9; t += step) out.push(Number(t.toFixed(6)));
  return out;
}
