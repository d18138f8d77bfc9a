import { useMemo } from "react";

import { Card } from "@/components/Card";
import { KpiTile } from "@/components/KpiTile";
import { Empty, QueryView } from "@/components/States";
import { TimeSeriesChart } from "@/components/TimeSeriesChart";
import { formatUsd } from "@/lib/format";

import { useAgentNames } from "@/features/traces/queries";

import { costSeries } from "./costs";
import { type CostAnalysis, useCostAnalysis } from "./queries";

function Breakdown({ title, values, names }: { title: string; values: Record<string, number>; names?: Map<string, string> | undefined }) {
  const entries = Object.entries(values).slice(0, 6);
  const total = entries.reduce((t, [, v]) => t + v, 0) || 1;
  return (
    <div>
      <h3 className="pb-1 text-xs font-semibold text-fg-muted">{title}</h3>
      <ul className="space-y-1 text-sm">
        {entries.map(([name, value]) => (
          <li key={name} className="grid grid-cols-[minmax(0,1fr)_5rem] items-center gap-2">
            <div className="min-w-0">
              <div className="truncate" title={name}>
                {names?.get(name) ?? (name || "unknown")}
              </div>
              <div className="h-1.5 rounded bg-raised">
                <div className="h-1.5 rounded bg-accent" style={{ width: `${(100 * value) / total}%` }} />
              </div>
            </div>
            <span className="tabular text-right">{formatUsd(value)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Analysis({ data }: { data: CostAnalysis }) {
  const series = useMemo(() => costSeries(data), [data]);
  const names = useAgentNames();
  const f = data.forecast;
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <KpiTile label="Spent in this window" value={formatUsd(data.total_usd)} />
        <KpiTile label={`Month to date (${f.month})`} value={formatUsd(f.month_to_date_usd)} />
        <KpiTile label="Daily run rate" value={formatUsd(f.daily_run_rate_usd)} hint={`mean of the last ${f.run_rate_days} whole days`} />
        <KpiTile label="Month-end forecast" value={formatUsd(f.month_end_usd)} hint={`${f.days_left} days left at the run rate`} />
      </div>
      <Card title="Cost per day by provider, and the forecast to month end">
        {data.items.length ? (
          <TimeSeriesChart series={series} format={formatUsd} height={220} label={`Cost per day by provider; month-end forecast ${formatUsd(f.month_end_usd)}`} />
        ) : (
          <Empty title="No spend in this window" />
        )}
      </Card>
      {data.items.length > 0 && (
        <Card title="Where it goes">
          <div className="grid gap-6 md:grid-cols-3">
            <Breakdown title="By provider" values={data.by_provider} />
            <Breakdown title="By model" values={data.by_model} />
            <Breakdown title="By agent" values={data.by_agent} names={names.data} />
          </div>
        </Card>
      )}
    </div>
  );
}

export function CostAnalysisPanel({ window }: { window: string }) {
  const analysis = useCostAnalysis(window);
  return <QueryView query={analysis}>{(data) => <Analysis data={data} />}</QueryView>;
}
