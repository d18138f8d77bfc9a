// The cost chart's series and the comparison matrix's best cells, from the API's answers. Pure: no React.
import type { ChartSeries } from "@/components/TimeSeriesChart";

import type { CompareRow, CostAnalysis } from "./queries";

const dayTime = (day: string) => `${day}T00:00:00Z`;

/**
 * Cost per day for each provider (the costliest first), plus the forecast: the run-rate for each day left in the
 * month, starting from today, so the line shows where the month is headed.
 */
export function costSeries(analysis: CostAnalysis, today = new Date()): ChartSeries[] {
  const days = Object.keys(analysis.by_day).sort();
  const providers = Object.keys(analysis.by_provider);
  const perProvider = new Map(providers.map((p) => [p, new Map<string, number>()]));
  for (const item of analysis.items) {
    const byDay = perProvider.get(item.provider);
    if (byDay) byDay.set(item.day, (byDay.get(item.day) ?? 0) + item.cost_usd);
  }
  const series: ChartSeries[] = providers.map((p) => ({
    label: p || "unknown",
    points: days.map((d) => ({ time: dayTime(d), value: perProvider.get(p)?.get(d) ?? 0 })),
  }));
  const { forecast } = analysis;
  if (forecast.days_left > 0 && forecast.daily_run_rate_usd > 0) {
    const points = [];
    const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    for (let i = 0; i <= forecast.days_left; i++) {
      points.push({ time: new Date(start + i * 86_400_000).toISOString().replace(".000Z", "Z"), value: forecast.daily_run_rate_usd });
    }
    series.push({ label: "Forecast (run rate)", points });
  }
  return series;
}

export type BestColumn = "error_rate" | "latency" | "cost_per_1k_tokens" | "ttft";

function valueOf(row: CompareRow, column: BestColumn): number | null {
  if (column === "latency") return row.latency_ms.p50;
  if (column === "ttft") return row.ttft_ms_p50;
  return row[column];
}

/** For each column, the row keys ("provider/model") with the lowest value, among rows with enough calls to count. */
export function bestCells(rows: CompareRow[], minCalls = 10): Record<BestColumn, Set<string>> {
  const columns: BestColumn[] = ["error_rate", "latency", "cost_per_1k_tokens", "ttft"];
  const out = {} as Record<BestColumn, Set<string>>;
  const eligible = rows.filter((r) => r.calls >= minCalls);
  for (const column of columns) {
    const values = eligible.map((r) => valueOf(r, column)).filter((v): v is number => v !== null);
    // When every model scores the same there is nothing to point at.
    const best = values.length > 1 && new Set(values).size > 1 ? Math.min(...values) : null;
    out[column] = new Set(best === null ? [] : eligible.filter((r) => valueOf(r, column) === best).map((r) => `${r.provider}/${r.model}`));
  }
  return out;
}
