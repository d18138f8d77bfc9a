import { Navigate, Route, Routes, useSearchParams } from "react-router";

import { filterControl } from "@/components/Field";
import { PageHeader } from "@/components/PageHeader";
import { TabLinks } from "@/components/Tabs";

import { CapabilityMatrix } from "./CapabilityMatrix";
import { CompareMatrix } from "./CompareMatrix";
import { CostAnalysisPanel } from "./CostAnalysisPanel";
import { ProviderList } from "./ProviderList";
import { RoutesEditor } from "./RoutesEditor";

const WINDOWS = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
];

/** The window of the comparison and the cost analysis, kept in the URL (?window=). */
function useWindow(): [string, (w: string) => void] {
  const [search, setSearch] = useSearchParams();
  const window = search.get("window") ?? "7d";
  return [window, (next) => setSearch({ window: next }, { replace: true })];
}

export default function ProvidersPage() {
  const [window, setWindow] = useWindow();
  const suffix = `?window=${window}`;
  return (
    <>
      <PageHeader
        title="Providers"
        subtitle="Which provider and model serve best for the money, where spend is headed, and how calls are routed."
        actions={
          <label>
            <span className="sr-only">Time window</span>
            <select value={window} onChange={(e) => setWindow(e.target.value)} className={filterControl}>
              {WINDOWS.map((w) => (
                <option key={w.value} value={w.value}>
                  {w.label}
                </option>
              ))}
            </select>
          </label>
        }
      />
      <TabLinks
        label="Providers sections"
        tabs={[
          { to: `/providers/overview${suffix}`, label: "Providers and health" },
          { to: `/providers/capabilities${suffix}`, label: "Capabilities" },
          { to: `/providers/compare${suffix}`, label: "Compare models" },
          { to: `/providers/costs${suffix}`, label: "Cost and forecast" },
          { to: `/providers/routes${suffix}`, label: "Routes" },
        ]}
      />
      <Routes>
        <Route index element={<Navigate to={`overview${suffix}`} replace />} />
        <Route path="overview" element={<ProviderList />} />
        <Route path="capabilities" element={<CapabilityMatrix />} />
        <Route path="compare" element={<CompareMatrix window={window} />} />
        <Route path="costs" element={<CostAnalysisPanel window={window} />} />
        <Route path="routes" element={<RoutesEditor />} />
      </Routes>
    </>
  );
}
