import { AlertCircle } from "lucide-react";
import { Link, useNavigate, useSearchParams } from "react-router";

import { type Schemas } from "@/api/client";
import { Badge } from "@/components/Badge";
import { Card } from "@/components/Card";
import { CursorPager, useCursorPages } from "@/components/CursorPager";
import { type Column, DataTable } from "@/components/DataTable";
import { filterControl } from "@/components/Field";
import { Empty, ErrorState, Loading } from "@/components/States";
import { Time } from "@/components/Time";
import { WINDOWS } from "@/components/WindowSelect";
import { formatCount, formatMs, formatUsd } from "@/lib/format";

import { type TraceFilters, useAgentNames, useTraces } from "./queries";

type Trace = Schemas["TraceSummary"];

const FILTER_NAMES: (keyof TraceFilters)[] = ["agent", "status", "model", "q", "min_cost", "min_duration_ms", "window"];

function OutcomeBadge({ trace }: { trace: Trace }) {
  if (trace.task_outcome === "escalated") return <Badge tone="violet">Escalated</Badge>;
  if (trace.task_outcome === "failure" || trace.status === "error") return <Badge tone="red">Failed</Badge>;
  return <Badge tone="green">Success</Badge>;
}

/** Trace search with its filters in the URL; `fixedAgent` pins it to one agent (the agent profile's tab). */
export function TracesTable({ fixedAgent }: { fixedAgent?: string }) {
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const names = useAgentNames();
  const filters: TraceFilters = Object.fromEntries(FILTER_NAMES.map((name) => [name, search.get(name) ?? ""]));
  if (fixedAgent) filters.agent = fixedAgent;
  filters.window ||= "24h";
  const pages = useCursorPages(JSON.stringify(filters));
  const traces = useTraces(filters, pages.cursor);

  function setFilter(name: keyof TraceFilters, value: string) {
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  const columns: Column<Trace>[] = [
    { key: "time", header: "Started", render: (t) => <Time value={t.start_time} /> },
    {
      key: "name",
      header: "Trace",
      render: (t) => (
        <div className="min-w-0">
          <Link to={`/traces/${t.trace_id}`} className="font-medium text-fg hover:text-accent">
            {t.name}
          </Link>
          <div className="font-mono text-[11px] text-fg-subtle">{t.trace_id.slice(0, 16)}</div>
        </div>
      ),
    },
    ...(fixedAgent
      ? []
      : [
          {
            key: "agent",
            header: "Agent",
            render: (t: Trace) => (
              <Link to={`/agents/${t.agent_id}`} className="text-fg-muted hover:text-accent">
                {names.data?.get(t.agent_id) ?? t.agent_id}
              </Link>
            ),
          },
        ]),
    {
      key: "outcome",
      header: "Outcome",
      render: (t) => (
        <span className="flex items-center gap-1.5">
          <OutcomeBadge trace={t} />
          {t.errors > 0 && (
            <span className="inline-flex items-center gap-0.5 text-xs text-red-600 dark:text-red-400" title={`${t.errors} spans failed`}>
              <AlertCircle className="size-3" aria-hidden />
              {t.errors}
            </span>
          )}
        </span>
      ),
    },
    { key: "duration", header: "Duration", align: "right", render: (t) => formatMs(t.duration_ms) },
    { key: "spans", header: "Spans", align: "right", render: (t) => t.spans },
    { key: "tokens", header: "Tokens", align: "right", render: (t) => formatCount(t.input_tokens + t.output_tokens) },
    { key: "cost", header: "Cost", align: "right", render: (t) => formatUsd(t.cost_usd) },
    { key: "models", header: "Models", render: (t) => <span className="text-xs text-fg-muted">{t.models.join(", ")}</span> },
  ];

  return (
    <Card padded={false}>
      <div role="search" className="flex flex-wrap items-center gap-2 border-b border-line p-3">
        <label>
          <span className="sr-only">Search text in span names, inputs and outputs</span>
          <input type="search" placeholder="Text in names, inputs, outputs" defaultValue={filters.q} onChange={(e) => setFilter("q", e.target.value)} className={`${filterControl} w-60`} />
        </label>
        {!fixedAgent && (
          <label>
            <span className="sr-only">Agent</span>
            <select value={filters.agent} onChange={(e) => setFilter("agent", e.target.value)} className={filterControl}>
              <option value="">Any agent</option>
              {[...(names.data ?? new Map<string, string>())].map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span className="sr-only">Status</span>
          <select value={filters.status} onChange={(e) => setFilter("status", e.target.value)} className={filterControl}>
            <option value="">Any status</option>
            <option value="ok">OK</option>
            <option value="error">Error</option>
          </select>
        </label>
        <label>
          <span className="sr-only">Model</span>
          <input placeholder="Model" defaultValue={filters.model} onChange={(e) => setFilter("model", e.target.value.trim())} className={`${filterControl} w-36`} />
        </label>
        <label>
          <span className="sr-only">Minimum cost in USD</span>
          <input type="number" min={0} step="0.001" placeholder="Min $" defaultValue={filters.min_cost} onChange={(e) => setFilter("min_cost", e.target.value)} className={`${filterControl} w-24`} />
        </label>
        <label>
          <span className="sr-only">Minimum duration in milliseconds</span>
          <input type="number" min={0} placeholder="Min ms" defaultValue={filters.min_duration_ms} onChange={(e) => setFilter("min_duration_ms", e.target.value)} className={`${filterControl} w-24`} />
        </label>
        <label>
          <span className="sr-only">Time window</span>
          <select value={filters.window} onChange={(e) => setFilter("window", e.target.value)} className={filterControl}>
            {WINDOWS.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {traces.isPending ? (
        <Loading rows={6} />
      ) : traces.error || !traces.data ? (
        <ErrorState error={traces.error} onRetry={() => traces.refetch()} />
      ) : traces.data.items.length === 0 ? (
        <Empty title="No traces match">Widen the time window or clear a filter. Traces appear here seconds after an agent sends them.</Empty>
      ) : (
        <>
          <DataTable caption="Traces, newest first" columns={columns} rows={traces.data.items} rowKey={(t) => t.trace_id} onRowClick={(t) => navigate(`/traces/${t.trace_id}`)} />
          <CursorPager pages={pages} nextCursor={traces.data.next_cursor} count={traces.data.items.length} />
        </>
      )}
    </Card>
  );
}
