import { useState } from "react";
import { Link, useParams } from "react-router";

import { Card } from "@/components/Card";
import { KpiTile } from "@/components/KpiTile";
import { PageHeader } from "@/components/PageHeader";
import { ErrorState, Loading } from "@/components/States";
import { Time } from "@/components/Time";
import { formatCount, formatMs, formatUsd } from "@/lib/format";

import { useAgentNames, useTrace } from "./queries";
import { SpanDetail } from "./SpanDetail";
import { Waterfall } from "./Waterfall";
import { flatten } from "./waterfall";

export default function TracePage() {
  const { traceId = "" } = useParams();
  const trace = useTrace(traceId);
  const names = useAgentNames();
  const [selected, setSelected] = useState<string | null>(null);

  if (trace.isPending) return <Loading rows={8} />;
  if (trace.error || !trace.data) return <ErrorState error={trace.error} onRetry={() => trace.refetch()} />;
  const t = trace.data;
  const spans = flatten(t.roots);
  const root = t.roots[0];
  const current = spans.find((s) => s.span_id === selected) ?? root;
  const agentId = root?.agent_id;

  return (
    <>
      <PageHeader
        breadcrumb={<Link to="/traces" className="hover:text-fg">Traces</Link>}
        title={root?.name ?? t.trace_id}
        subtitle={
          <>
            {agentId && (
              <>
                <Link to={`/agents/${agentId}`} className="text-accent hover:underline">
                  {names.data?.get(agentId) ?? agentId}
                </Link>{" "}
                ·{" "}
              </>
            )}
            <Time value={t.start_time} /> · <span className="font-mono text-xs">{t.trace_id}</span>
          </>
        }
      />
      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4">
        <KpiTile label="Duration" value={formatMs(t.duration_ms)} />
        <KpiTile label="Spans" value={t.spans} hint={`${spans.filter((s) => s.status === "error").length} failed`} />
        <KpiTile label="Tokens" value={formatCount(t.input_tokens + t.output_tokens)} hint={`${formatCount(t.input_tokens)} in · ${formatCount(t.output_tokens)} out`} />
        <KpiTile label="Cost" value={formatUsd(t.cost_usd)} />
      </div>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <Card title="Waterfall" padded={false} className="min-w-0">
          <Waterfall roots={t.roots} durationMs={t.duration_ms} selected={current?.span_id ?? null} onSelect={setSelected} />
        </Card>
        <Card padded={false} className="xl:sticky xl:top-0 xl:max-h-[calc(100vh-7rem)] xl:overflow-y-auto">
          {current ? <SpanDetail span={current} /> : <p className="p-4 text-sm text-fg-subtle">Select a span.</p>}
        </Card>
      </div>
    </>
  );
}
