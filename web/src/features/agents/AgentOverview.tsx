import type { ReactNode } from "react";

import { Card } from "@/components/Card";
import { KpiTile } from "@/components/KpiTile";
import { QueryView } from "@/components/States";
import { Time } from "@/components/Time";
import { TimeSeriesChart } from "@/components/TimeSeriesChart";
import { useWindowParam, WindowSelect } from "@/components/WindowSelect";
import { formatCount, formatMs, formatPercent, formatPerHour, formatUsd, humanize, platformLabel } from "@/lib/format";

import { type Agent, useAgentKpis, useAgentTimeseries, useMembers } from "./queries";

const CHARTS = [
  { metric: "tasks", label: "Tasks", format: formatCount },
  { metric: "tsr", label: "Task success rate", format: (v: number) => formatPercent(v, 0) },
  { metric: "latency_p95", label: "Latency p95", format: formatMs },
  { metric: "cost_usd", label: "Cost", format: formatUsd },
];

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-fg-subtle">{label}</dt>
      <dd className="min-w-0 break-words text-fg">{children}</dd>
    </div>
  );
}

function Chips({ values }: { values: string[] }) {
  if (!values.length) return <span className="text-fg-subtle">none</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {values.map((v) => (
        <span key={v} className="rounded bg-raised px-1.5 py-0.5 text-xs text-fg-muted">
          {v}
        </span>
      ))}
    </span>
  );
}

export function AgentOverview({ agent }: { agent: Agent }) {
  const [window, setWindow] = useWindowParam();
  const kpis = useAgentKpis(agent.id, window);
  const members = useMembers();
  const owner = members.data?.find((m) => m.id === agent.owner_id);

  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0 space-y-4">
        <div className="flex items-center justify-between">
          <h2 className="text-sm font-semibold">Key performance</h2>
          <WindowSelect value={window} onChange={setWindow} />
        </div>
        <QueryView query={kpis}>
          {({ kpis: k }) => (
            <div className="grid grid-cols-2 gap-3 md:grid-cols-3 2xl:grid-cols-6">
              <KpiTile label="Tasks" value={formatCount(k.tasks)} hint={formatPerHour(k.throughput_per_hour)} />
              <KpiTile label="Success rate" value={formatPercent(k.tsr)} hint={`${formatCount(k.failures)} failed`} />
              <KpiTile label="Human intervention" value={formatPercent(k.hir)} />
              <KpiTile label="Latency p95" value={formatMs(k.latency_ms.p95)} hint={`p50 ${formatMs(k.latency_ms.p50)}`} />
              <KpiTile label="Cost per task" value={formatUsd(k.cost_per_task)} hint={`${formatUsd(k.cost_usd)} total`} />
              <KpiTile label="Tokens" value={formatCount(k.input_tokens + k.output_tokens)} hint={`${formatCount(k.tokens_per_success)} per success`} />
            </div>
          )}
        </QueryView>
        <div className="grid gap-4 lg:grid-cols-2">
          {CHARTS.map((chart) => (
            <AgentChart key={chart.metric} agentId={agent.id} window={window} {...chart} />
          ))}
        </div>
      </div>
      <Card title="Identity">
        <dl className="divide-y divide-line">
          <Row label="Id">
            <code className="font-mono text-xs">{agent.id}</code>
          </Row>
          <Row label="Platform">{platformLabel(agent.platform)}</Row>
          <Row label="Owner">{owner ? owner.name || owner.email : agent.owner_id ?? "nobody"}</Row>
          <Row label="Version">{agent.current_version ? `v${agent.current_version}` : "none"}</Row>
          <Row label="Tags">
            <Chips values={agent.tags} />
          </Row>
          <Row label="Capabilities">
            <Chips values={agent.capabilities} />
          </Row>
          <Row label="Activity">{humanize(agent.activity)}</Row>
          <Row label="Last seen">
            <Time value={agent.last_seen_at} relative />
          </Row>
          <Row label="Registered">
            <Time value={agent.created_at} />
          </Row>
          {agent.description && <Row label="Description">{agent.description}</Row>}
        </dl>
      </Card>
    </div>
  );
}

function AgentChart({ agentId, metric, label, format, window }: { agentId: string; metric: string; label: string; format: (v: number) => string; window: string }) {
  const series = useAgentTimeseries(agentId, metric, window);
  return (
    <Card title={label}>
      <QueryView query={series}>
        {(data) =>
          data.series.length ? (
            <TimeSeriesChart label={`${label} over time`} series={data.series.map((s) => ({ label, points: s.points }))} format={format} />
          ) : (
            <p className="py-10 text-center text-sm text-fg-subtle">No tasks in this window.</p>
          )
        }
      </QueryView>
    </Card>
  );
}
