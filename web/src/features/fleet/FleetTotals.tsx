import type { Schemas } from "@/api/client";
import { Badge } from "@/components/Badge";
import { KpiTile } from "@/components/KpiTile";
import { Sparkline } from "@/components/Sparkline";
import { formatCount, formatPercent, formatUsd, humanize } from "@/lib/format";

import { useSpendToday, useTasksPerHour } from "./queries";

const STATE_ORDER = ["active", "paused", "maintenance", "quarantined", "provisioning", "registered", "decommissioning", "decommissioned"];

export function FleetTotals({ fleet }: { fleet: Schemas["Fleet"] }) {
  const spend = useSpendToday();
  const perHour = useTasksPerHour();
  const items = fleet.items;
  const byState = new Map<string, number>();
  for (const row of items) byState.set(row.lifecycle_state, (byState.get(row.lifecycle_state) ?? 0) + 1);
  const tasks = items.reduce((sum, r) => sum + r.kpis.tasks, 0);
  const successes = items.reduce((sum, r) => sum + r.kpis.successes, 0);
  const cost = items.reduce((sum, r) => sum + r.kpis.cost_usd, 0);
  const hourly = perHour.data?.series[0]?.points ?? [];
  const lastHour = hourly.length ? hourly[hourly.length - 1]?.value : null;

  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <KpiTile label="Agents" value={items.length}>
        <div className="mt-2 flex flex-wrap gap-1" aria-label="Agents by lifecycle state">
          {STATE_ORDER.filter((s) => byState.has(s)).map((state) => (
            <Badge key={state} tone={state === "active" ? "green" : state === "quarantined" ? "red" : state === "paused" ? "amber" : "gray"}>
              {byState.get(state)} {humanize(state).toLowerCase()}
            </Badge>
          ))}
        </div>
      </KpiTile>
      <KpiTile label="Spend today" value={spend.data ? formatUsd(spend.data.totals.cost_usd as number) : "…"} hint={`${formatUsd(cost)} in this window`} />
      <KpiTile label="Tasks per hour" value={lastHour === undefined || lastHour === null ? "–" : formatCount(lastHour)} hint={`${formatCount(tasks)} tasks in this window`}>
        {hourly.length > 1 && (
          <div className="mt-1">
            <Sparkline values={hourly.map((p) => p.value)} label="Tasks per hour over the last 24 hours" width={160} height={24} />
          </div>
        )}
      </KpiTile>
      <KpiTile label="Fleet success rate" value={formatPercent(tasks ? successes / tasks : null)} hint={`${formatCount(tasks - successes)} tasks did not succeed`} />
    </div>
  );
}
