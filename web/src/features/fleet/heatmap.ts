// How a fleet heatmap cell is coloured: the agent's KPI now, against a reference: the agent's own baseline (the
// same KPI over a longer stretch before the window) when it has enough tasks there, else the fleet's median now.
// Rates compare in percentage points (1% → 2% errors is +1 pt, not +100%); latency, cost and throughput compare
// relatively. Pure: no React, no I/O.
import type { Schemas } from "@/api/client";
import { formatMs, formatPercent, formatPerHour, formatUsd } from "@/lib/format";

export type Kpis = Schemas["Kpis"];
export type Severity = "better" | "normal" | "warn" | "bad" | "none";
export type ReferenceKind = "baseline" | "fleet median";

export interface KpiDefinition {
  key: "tsr" | "hir" | "error_rate" | "latency_p95" | "cost_per_task" | "throughput_per_hour";
  label: string;
  short: string;
  value: (k: Kpis) => number | null;
  format: (v: number | null) => string;
  /** Which way is worse. */
  worse: "higher" | "lower";
  /** Percentage points for rates, a fraction of the reference for the rest. */
  compare: "points" | "relative";
  warn: number;
  bad: number;
  /** More of it is not better, just more (throughput): only a drop is coloured. */
  onlyWorse?: boolean;
}

export const KPIS: KpiDefinition[] = [
  { key: "tsr", label: "Task success rate", short: "TSR", value: (k) => k.tsr, format: (v) => formatPercent(v), worse: "lower", compare: "points", warn: 0.03, bad: 0.1 },
  { key: "hir", label: "Human intervention rate", short: "HIR", value: (k) => k.hir, format: (v) => formatPercent(v), worse: "higher", compare: "points", warn: 0.03, bad: 0.1 },
  { key: "error_rate", label: "Error rate", short: "Errors", value: (k) => k.error_rate, format: (v) => formatPercent(v), worse: "higher", compare: "points", warn: 0.03, bad: 0.1 },
  { key: "latency_p95", label: "Latency p95", short: "p95", value: (k) => k.latency_ms.p95, format: formatMs, worse: "higher", compare: "relative", warn: 0.25, bad: 0.75 },
  { key: "cost_per_task", label: "Cost per task", short: "Cost/task", value: (k) => k.cost_per_task, format: formatUsd, worse: "higher", compare: "relative", warn: 0.25, bad: 0.75 },
  { key: "throughput_per_hour", label: "Throughput", short: "Tasks/h", value: (k) => k.throughput_per_hour, format: formatPerHour, worse: "lower", compare: "relative", warn: 0.3, bad: 0.6, onlyWorse: true },
];

/** Tasks a baseline needs before it is trusted over the fleet median. */
export const MIN_BASELINE_TASKS = 10;

/** How much worse `value` is than `reference` (negative: better), in the KPI's own terms. */
export function worsening(kpi: KpiDefinition, value: number, reference: number): number | null {
  const delta = kpi.worse === "higher" ? value - reference : reference - value;
  if (kpi.compare === "points") return delta;
  if (reference === 0) return value === 0 ? 0 : null;
  return delta / Math.abs(reference);
}

export function severity(kpi: KpiDefinition, value: number | null, reference: number | null): Severity {
  if (value === null || reference === null) return "none";
  const worse = worsening(kpi, value, reference);
  if (worse === null) return "none";
  if (worse >= kpi.bad) return "bad";
  if (worse >= kpi.warn) return "warn";
  if (worse <= -kpi.warn && !kpi.onlyWorse) return "better";
  return "normal";
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface HeatCell {
  kpi: KpiDefinition;
  value: number | null;
  reference: number | null;
  referenceKind: ReferenceKind | null;
  severity: Severity;
  /** "+12 pts", "-40%": the change against the reference, worse-signed as the user reads it. */
  change: string | null;
}

function describeChange(kpi: KpiDefinition, value: number, reference: number): string | null {
  if (kpi.compare === "points") {
    const pts = (value - reference) * 100;
    return `${pts >= 0 ? "+" : "−"}${Math.abs(pts).toFixed(Math.abs(pts) < 10 ? 1 : 0)} pts`;
  }
  if (reference === 0) return null;
  const pct = ((value - reference) / Math.abs(reference)) * 100;
  return `${pct >= 0 ? "+" : "−"}${Math.abs(pct).toFixed(0)}%`;
}

export interface HeatRow {
  agentId: string;
  name: string;
  lifecycleState: string;
  health: string;
  tasks: number;
  cells: HeatCell[];
  /** The worst cell's severity rank: rows sort worst first. */
  rank: number;
}

const RANK: Record<Severity, number> = { bad: 3, warn: 2, normal: 1, better: 0, none: 0 };

export function buildHeatmap(current: Schemas["FleetRow"][], baseline: Schemas["FleetRow"][]): HeatRow[] {
  const before = new Map(baseline.map((row) => [row.agent_id, row.kpis]));
  const active = current.filter((row) => row.kpis.tasks > 0);
  const medians = new Map(
    KPIS.map((kpi) => [kpi.key, median(active.map((row) => kpi.value(row.kpis)).filter((v): v is number => v !== null))]),
  );
  const rows = current.map((row) => {
    const base = before.get(row.agent_id);
    const trustBaseline = base !== undefined && base.tasks >= MIN_BASELINE_TASKS;
    const cells = KPIS.map((kpi): HeatCell => {
      const value = row.kpis.tasks > 0 ? kpi.value(row.kpis) : null;
      const fromBaseline = trustBaseline ? kpi.value(base) : null;
      const reference = fromBaseline ?? (active.length > 1 ? (medians.get(kpi.key) ?? null) : null);
      const referenceKind: ReferenceKind | null = reference === null ? null : fromBaseline !== null ? "baseline" : "fleet median";
      return {
        kpi,
        value,
        reference,
        referenceKind,
        severity: severity(kpi, value, reference),
        change: value !== null && reference !== null ? describeChange(kpi, value, reference) : null,
      };
    });
    return {
      agentId: row.agent_id,
      name: row.name,
      lifecycleState: row.lifecycle_state,
      health: row.health,
      tasks: row.kpis.tasks,
      cells,
      rank: Math.max(...cells.map((c) => RANK[c.severity])),
    };
  });
  return rows.sort((a, b) => b.rank - a.rank || b.tasks - a.tasks || a.name.localeCompare(b.name));
}

/** The stretch before a window that serves as its baseline. */
export function baselineRange(window: string, now = Date.now()): { since: string; until: string } {
  const hours = { "1h": 1, "24h": 24, "7d": 168 }[window] ?? 24;
  const before = { "1h": 24, "24h": 168, "7d": 504 }[window] ?? 168;
  const until = now - hours * 3_600_000;
  return { since: new Date(until - before * 3_600_000).toISOString(), until: new Date(until).toISOString() };
}
