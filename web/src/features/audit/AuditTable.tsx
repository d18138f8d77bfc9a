import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";

import { api, type Schemas, unwrap } from "@/api/client";
import { useScope } from "@/app/scope";
import { Card } from "@/components/Card";
import { CursorPager, useCursorPages } from "@/components/CursorPager";
import { type Column, DataTable } from "@/components/DataTable";
import { filterControl } from "@/components/Field";
import { Empty, ErrorState, Loading } from "@/components/States";
import { Time } from "@/components/Time";

type Entry = Schemas["AuditEntryPublic"];
export interface AuditFilters {
  actor?: string;
  action?: string;
  resource_type?: string;
  resource_id?: string;
  since?: string;
  until?: string;
}

const FILTERS: (keyof AuditFilters)[] = ["actor", "action", "resource_type", "resource_id", "since", "until"];

function short(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** An entry's summary in one line: what changed ("state: provisioning → active"), then anything else said. */
export function summarize(summary: Record<string, unknown>): string {
  const { before, after, ...rest } = summary as { before?: Record<string, unknown>; after?: Record<string, unknown> } & Record<string, unknown>;
  const parts: string[] = [];
  if (after && typeof after === "object") {
    for (const [key, value] of Object.entries(after)) {
      if (value === null || value === undefined) continue;
      const old = before && typeof before === "object" ? before[key] : undefined;
      if (old !== undefined && JSON.stringify(old) === JSON.stringify(value)) continue;
      parts.push(old !== undefined && old !== null ? `${key}: ${short(old)} → ${short(value)}` : `${key}: ${short(value)}`);
    }
  }
  for (const [key, value] of Object.entries(rest)) if (value !== "" && value !== null) parts.push(`${key}: ${short(value)}`);
  return parts.join(", ");
}

/** A local datetime-local input value as an ISO instant, which the API reads as UTC. */
function toIso(local: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}

export function AuditTable({ fixed }: { fixed?: AuditFilters }) {
  const { params } = useScope();
  const [search, setSearch] = useSearchParams();
  const filters: AuditFilters = { ...Object.fromEntries(FILTERS.map((f) => [f, search.get(f) ?? ""])), ...fixed };
  const pages = useCursorPages(JSON.stringify(filters));
  const entries = useQuery({
    queryKey: ["audit", params, filters, pages.cursor],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/audit", {
          params: {
            query: {
              ...params,
              actor: filters.actor || undefined,
              action: filters.action || undefined,
              resource_type: filters.resource_type || undefined,
              resource_id: filters.resource_id || undefined,
              since: toIso(filters.since ?? ""),
              until: toIso(filters.until ?? ""),
              cursor: pages.cursor,
              limit: 50,
            },
          },
        }),
      ),
    placeholderData: (previous) => previous,
  });

  function setFilter(name: keyof AuditFilters, value: string) {
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

  const columns: Column<Entry>[] = [
    { key: "at", header: "When", render: (e) => <Time value={e.at} /> },
    { key: "actor", header: "Actor", render: (e) => <span title={`${e.actor.type} ${e.actor.id}`}>{e.actor.label}</span> },
    { key: "action", header: "Action", render: (e) => <code className="rounded bg-raised px-1.5 py-0.5 font-mono text-xs">{e.action}</code> },
    {
      key: "resource",
      header: "Resource",
      render: (e) => (
        <span className="text-xs">
          <span className="text-fg-muted">{e.resource_type}</span> <span className="font-mono">{e.resource_id}</span>
        </span>
      ),
    },
    { key: "summary", header: "Details", render: (e) => <span className="line-clamp-2 text-xs text-fg-muted">{summarize(e.summary)}</span> },
    { key: "seq", header: "#", align: "right", render: (e) => <span title={`hash ${e.hash}`}>{e.seq}</span> },
  ];

  const shown = FILTERS.filter((f) => !fixed || !(f in fixed));
  return (
    <Card padded={false}>
      <div role="search" className="flex flex-wrap items-center gap-2 border-b border-line p-3">
        {shown.includes("action") && (
          <label>
            <span className="sr-only">Action</span>
            <input placeholder="Action, e.g. agent.pause or agent.*" defaultValue={filters.action} onChange={(e) => setFilter("action", e.target.value.trim())} className={`${filterControl} w-60`} />
          </label>
        )}
        {shown.includes("actor") && (
          <label>
            <span className="sr-only">Actor</span>
            <input placeholder="Actor (email or key:prefix)" defaultValue={filters.actor} onChange={(e) => setFilter("actor", e.target.value.trim())} className={`${filterControl} w-52`} />
          </label>
        )}
        {shown.includes("resource_type") && (
          <label>
            <span className="sr-only">Resource type</span>
            <input placeholder="Resource type" defaultValue={filters.resource_type} onChange={(e) => setFilter("resource_type", e.target.value.trim())} className={`${filterControl} w-36`} />
          </label>
        )}
        {shown.includes("resource_id") && (
          <label>
            <span className="sr-only">Resource id</span>
            <input placeholder="Resource id" defaultValue={filters.resource_id} onChange={(e) => setFilter("resource_id", e.target.value.trim())} className={`${filterControl} w-48`} />
          </label>
        )}
        <label className="flex items-center gap-1 text-xs text-fg-subtle">
          From
          <input type="datetime-local" defaultValue={filters.since} onChange={(e) => setFilter("since", e.target.value)} className={filterControl} aria-label="From" />
        </label>
        <label className="flex items-center gap-1 text-xs text-fg-subtle">
          to
          <input type="datetime-local" defaultValue={filters.until} onChange={(e) => setFilter("until", e.target.value)} className={filterControl} aria-label="Until" />
        </label>
      </div>
      {entries.isPending ? (
        <Loading rows={6} />
      ) : entries.error || !entries.data ? (
        <ErrorState error={entries.error} onRetry={() => entries.refetch()} />
      ) : entries.data.items.length === 0 ? (
        <Empty title="No audit entries match" />
      ) : (
        <>
          <DataTable caption="Audit entries, newest first" columns={columns} rows={entries.data.items} rowKey={(e) => e.id} />
          <CursorPager pages={pages} nextCursor={entries.data.next_cursor} count={entries.data.items.length} />
        </>
      )}
    </Card>
  );
}
