import { AlertCircle, ChevronDown, ChevronRight, ShieldAlert } from "lucide-react";
import { type KeyboardEvent, useMemo, useRef, useState } from "react";

import { formatCount, formatMs, formatUsd } from "@/lib/format";

import { KindChip, kindColours } from "./SpanKind";
import { isDenial, layoutWaterfall, type SpanNode, ticks } from "./waterfall";

/**
 * The span tree as rows with bars on the trace's time axis. Arrow keys move the selection, Left/Right collapse
 * and expand, Enter selects; the selected span's details show beside it.
 */
export function Waterfall({ roots, durationMs, selected, onSelect }: { roots: SpanNode[]; durationMs: number; selected: string | null; onSelect: (spanId: string) => void }) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const rows = useMemo(() => layoutWaterfall(roots, collapsed), [roots, collapsed]);
  const list = useRef<HTMLDivElement>(null);

  function toggle(spanId: string, open?: boolean) {
    setCollapsed((prev) => {
      const next = new Set(prev);
      const shouldOpen = open ?? next.has(spanId);
      if (shouldOpen) next.delete(spanId);
      else next.add(spanId);
      return next;
    });
  }

  function onKeyDown(event: KeyboardEvent) {
    const index = rows.findIndex((r) => r.span.span_id === selected);
    const row = rows[index];
    const go = (i: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (target) {
        onSelect(target.span.span_id);
        list.current?.querySelector<HTMLElement>(`[data-span="${target.span.span_id}"]`)?.focus();
      }
    };
    if (event.key === "ArrowDown") go(index + 1);
    else if (event.key === "ArrowUp") go(index - 1);
    else if (event.key === "ArrowLeft" && row?.hasChildren && !row.collapsed) toggle(row.span.span_id, false);
    else if (event.key === "ArrowRight" && row?.hasChildren && row.collapsed) toggle(row.span.span_id, true);
    else return;
    event.preventDefault();
  }

  return (
    <div className="text-sm">
      <div className="grid grid-cols-[minmax(14rem,40%)_1fr] border-b border-line text-[11px] text-fg-subtle">
        <div className="px-3 py-1.5 font-medium uppercase tracking-wide">Span</div>
        <div className="relative mr-3 h-7" aria-hidden>
          {ticks(durationMs).map((t) => (
            <span key={t} className="absolute top-1.5 -translate-x-1/2 tabular" style={{ left: `${(t / Math.max(durationMs, 1e-9)) * 100}%` }}>
              {formatMs(t)}
            </span>
          ))}
        </div>
      </div>
      <div ref={list} role="tree" aria-label="Spans of this trace" onKeyDown={onKeyDown}>
        {rows.map((row) => {
          const { span } = row;
          const isSelected = span.span_id === selected;
          const denial = isDenial(span);
          const tokens = span.input_tokens + span.output_tokens;
          return (
            <div
              key={span.span_id}
              role="treeitem"
              aria-level={row.depth + 1}
              aria-selected={isSelected}
              aria-expanded={row.hasChildren ? !row.collapsed : undefined}
              data-span={span.span_id}
              tabIndex={isSelected || (!selected && row === rows[0]) ? 0 : -1}
              onClick={() => onSelect(span.span_id)}
              onKeyDown={(e) => e.key === "Enter" && onSelect(span.span_id)}
              className={`grid cursor-pointer grid-cols-[minmax(14rem,40%)_1fr] items-center border-b border-line/60 hover:bg-raised/60 ${isSelected ? "bg-accent-soft" : ""}`}
            >
              <div className="flex min-w-0 items-center gap-1.5 py-1.5 pr-2" style={{ paddingLeft: `${0.5 + row.depth * 1.1}rem` }}>
                {row.hasChildren ? (
                  <button
                    type="button"
                    tabIndex={-1}
                    aria-label={row.collapsed ? "Expand" : "Collapse"}
                    onClick={(e) => {
                      e.stopPropagation();
                      toggle(span.span_id);
                    }}
                    className="rounded text-fg-subtle hover:text-fg"
                  >
                    {row.collapsed ? <ChevronRight className="size-3.5" aria-hidden /> : <ChevronDown className="size-3.5" aria-hidden />}
                  </button>
                ) : (
                  <span className="w-3.5" />
                )}
                <KindChip kind={span.kind} />
                <span className="truncate" title={span.name}>
                  {span.name}
                </span>
                {denial && <ShieldAlert className="size-3.5 shrink-0 text-red-500" aria-label={span.attributes["ams.guard.decision"] === "require_approval" ? "needs approval" : "denied"} />}
                {span.status === "error" && !denial && <AlertCircle className="size-3.5 shrink-0 text-red-500" aria-label="error" />}
              </div>
              <div className="relative mr-3 h-7">
                <div
                  className={`absolute top-1.5 h-4 rounded-sm ${span.status === "error" || denial ? "bg-red-500" : kindColours(span.kind).bar} ${isSelected ? "ring-2 ring-accent ring-offset-1 ring-offset-surface" : ""}`}
                  style={{ left: `${row.offsetPct}%`, width: `${row.widthPct}%` }}
                />
                <span {...labelPlacement(row.offsetPct, row.widthPct)}>
                  {formatMs(span.duration_ms)}
                  {tokens > 0 && ` · ${formatCount(tokens)} tok`}
                  {span.cost_usd > 0 && ` · ${formatUsd(span.cost_usd)}`}
                </span>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Where a bar's label goes: after the bar, else before it, else inside a bar that fills the row. */
export function labelPlacement(offsetPct: number, widthPct: number): { className: string; style: React.CSSProperties } {
  const base = "tabular absolute top-1.5 whitespace-nowrap text-[11px] leading-4";
  const end = offsetPct + widthPct;
  if (end <= 60) return { className: `${base} text-fg-muted`, style: { left: `calc(${end}% + 4px)` } };
  if (offsetPct >= 25) return { className: `${base} text-fg-muted`, style: { right: `calc(${100 - offsetPct}% + 4px)` } };
  return { className: `${base} px-1 text-white`, style: { right: `calc(${100 - end}% + 2px)` } };
}
