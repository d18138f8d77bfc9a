import { Card } from "@/components/Card";
import { PageHeader } from "@/components/PageHeader";
import { Empty, ErrorState, Loading } from "@/components/States";
import { useWindowParam, WindowSelect } from "@/components/WindowSelect";

import { AttentionPanel } from "./AttentionPanel";
import { FleetHeatmap, HeatmapLegend } from "./FleetHeatmap";
import { FleetTotals } from "./FleetTotals";
import { buildHeatmap } from "./heatmap";
import { useFleet, useFleetBaseline } from "./queries";

// Layout: totals across the top, then the heatmap with "Attention required" beside it. Governance adds the budget
// to the spend tile when budgets land.
export default function FleetPage() {
  const [window, setWindow] = useWindowParam();
  const fleet = useFleet(window);
  const baseline = useFleetBaseline(window);

  return (
    <>
      <PageHeader title="Fleet Command" subtitle="Every agent's health at a glance, against its own baseline." actions={<WindowSelect value={window} onChange={setWindow} />} />
      {fleet.isPending ? (
        <Loading rows={8} />
      ) : fleet.error || !fleet.data ? (
        <ErrorState error={fleet.error} onRetry={() => fleet.refetch()} />
      ) : fleet.data.items.length === 0 ? (
        <Card>
          <Empty title="No agents yet">
            Register an agent, or point an OpenTelemetry exporter at <code className="font-mono">/v1/traces</code> with a project API key: agents appear as their traces arrive.
          </Empty>
        </Card>
      ) : (
        <div className="space-y-4">
          <FleetTotals fleet={fleet.data} />
          <div className="grid gap-4 2xl:grid-cols-[minmax(0,1fr)_22rem]">
            <Card title="Agents × KPIs" actions={<HeatmapLegend window={window} />} className="min-w-0">
              <FleetHeatmap rows={buildHeatmap(fleet.data.items, baseline.data?.items ?? [])} />
            </Card>
            <AttentionPanel />
          </div>
        </div>
      )}
    </>
  );
}
