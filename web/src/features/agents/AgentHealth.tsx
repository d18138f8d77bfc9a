import { useQuery } from "@tanstack/react-query";

import { api, type Schemas, unwrap } from "@/api/client";
import { HealthBadge } from "@/components/Badge";
import { Card } from "@/components/Card";
import { CursorPager, useCursorPages } from "@/components/CursorPager";
import { type Column, DataTable } from "@/components/DataTable";
import { Empty, QueryView } from "@/components/States";
import { Time } from "@/components/Time";
import { humanize } from "@/lib/format";

import type { Agent } from "./queries";

type HealthEvent = Schemas["HealthEventPublic"];

function CheckValue({ value }: { value: unknown }) {
  if (value !== null && typeof value === "object") {
    return (
      <dl className="space-y-0.5">
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <div key={k} className="text-xs">
            <dt className="text-fg-subtle">{humanize(k)}</dt>
            <dd className="font-mono [overflow-wrap:anywhere]">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span className="font-mono text-xs">{String(value)}</span>;
}

/** The agent's health now, the checks behind it, and its history of health changes. */
export function AgentHealth({ agent }: { agent: Agent }) {
  const pages = useCursorPages(agent.id);
  const health = useQuery({
    queryKey: ["agents", "health", agent.id, pages.cursor],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agents/{agent}/health", { params: { path: { agent: agent.id }, query: { cursor: pages.cursor, limit: 50 } } })),
    placeholderData: (previous) => previous,
  });
  const columns: Column<HealthEvent>[] = [
    { key: "at", header: "When", render: (e) => <Time value={e.at} /> },
    {
      key: "change",
      header: "Change",
      render: (e) => (
        <span className="flex items-center gap-1.5">
          <HealthBadge health={e.health_from} /> → <HealthBadge health={e.health_to} />
        </span>
      ),
    },
    { key: "reason", header: "Why", render: (e) => <span className="text-fg-muted">{e.reason}</span> },
  ];
  return (
    <QueryView query={health}>
      {(report) => (
        <div className="grid gap-4 xl:grid-cols-[22rem_minmax(0,1fr)]">
          <Card title="Now">
            <div className="space-y-3 text-sm">
              <div className="flex items-center gap-2">
                <HealthBadge health={report.health} />
                <span className="text-fg-muted">{humanize(report.activity)}</span>
              </div>
              {report.reason && <p className="text-fg-muted">{report.reason}</p>}
              <p className="text-xs text-fg-subtle">
                Last seen <Time value={report.last_seen_at} relative />
              </p>
              <dl className="divide-y divide-line rounded-md border border-line">
                {Object.entries(report.checks).map(([name, value]) => (
                  <div key={name} className="grid grid-cols-[5rem_minmax(0,1fr)] gap-2 px-2 py-1.5">
                    <dt className="text-xs font-medium">{humanize(name)}</dt>
                    <dd className="min-w-0">
                      <CheckValue value={value} />
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
          </Card>
          <Card title="History" padded={false}>
            {report.history.length ? (
              <>
                <DataTable caption="Health changes, newest first" columns={columns} rows={report.history} rowKey={(e) => e.id} />
                <CursorPager pages={pages} nextCursor={report.next_cursor} count={report.history.length} />
              </>
            ) : (
              <Empty title="No health changes yet">Health follows heartbeats, health probes and the task success rate.</Empty>
            )}
          </Card>
        </div>
      )}
    </QueryView>
  );
}
