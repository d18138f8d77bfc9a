import { type KeyboardEvent, useRef } from "react";
import { Link } from "react-router";

import { HealthBadge, StateBadge } from "@/components/Badge";

import { type HeatCell, type HeatRow, KPIS, type Severity } from "./heatmap";

const CELL: Record<Severity, string> = {
  bad: "bg-red-100 text-red-900 dark:bg-red-500/25 dark:text-red-100",
  warn: "bg-amber-100 text-amber-900 dark:bg-amber-500/20 dark:text-amber-100",
  normal: "bg-raised text-fg",
  better: "bg-emerald-50 text-emerald-900 dark:bg-emerald-500/15 dark:text-emerald-100",
  none: "bg-transparent text-fg-subtle",
};

const WORDS: Record<Severity, string> = {
  bad: "much worse than",
  warn: "worse than",
  normal: "in line with",
  better: "better than",
  none: "",
};

export function describeCell(cell: HeatCell): string {
  const { kpi, value, reference, referenceKind, severity } = cell;
  if (value === null) return `${kpi.label}: no tasks in this window`;
  if (severity === "none" || reference === null) return `${kpi.label} ${kpi.format(value)} (no reference to compare with yet)`;
  return `${kpi.label} ${kpi.format(value)}, ${WORDS[severity]} the ${referenceKind} ${kpi.format(reference)} (${cell.change})`;
}

/** Agents against their KPIs. Arrow keys move between cells; each cell opens the agent. */
export function FleetHeatmap({ rows }: { rows: HeatRow[] }) {
  const table = useRef<HTMLTableElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[event.key];
    const here = (event.target as HTMLElement).closest<HTMLElement>("[data-cell]");
    if (!move || !here || !table.current) return;
    const [r, c] = (here.dataset.cell as string).split(",").map(Number) as [number, number];
    const next = table.current.querySelector<HTMLElement>(`[data-cell="${r + move[0]},${c + move[1]}"]`);
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }

  return (
    <div className="overflow-x-auto">
      <table ref={table} onKeyDown={onKeyDown} className="w-full min-w-[760px] border-separate border-spacing-1 text-sm">
        <caption className="sr-only">Agents against their KPIs; each cell coloured against the agent's baseline or the fleet median</caption>
        <thead>
          <tr className="text-xs font-medium text-fg-subtle">
            <th scope="col" className="px-2 py-1 text-left font-medium">
              Agent
            </th>
            {KPIS.map((kpi) => (
              <th key={kpi.key} scope="col" className="px-2 py-1 text-center font-medium" title={kpi.label}>
                {kpi.short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={row.agentId}>
              <th scope="row" className="max-w-64 px-2 py-1 text-left font-normal">
                <Link to={`/agents/${row.agentId}`} data-cell={`${r},0`} tabIndex={r === 0 ? 0 : -1} className="block truncate font-medium text-fg hover:text-accent">
                  {row.name}
                </Link>
                <div className="mt-0.5 flex gap-1">
                  <StateBadge state={row.lifecycleState} />
                  {row.health !== "unknown" && <HealthBadge health={row.health} />}
                </div>
              </th>
              {row.cells.map((cell, c) => (
                <td key={cell.kpi.key} className="p-0">
                  <Link
                    to={`/agents/${row.agentId}`}
                    data-cell={`${r},${c + 1}`}
                    data-severity={cell.severity}
                    tabIndex={-1}
                    title={describeCell(cell)}
                    aria-label={`${row.name}: ${describeCell(cell)}`}
                    className={`tabular flex h-12 flex-col items-center justify-center rounded-md px-2 text-center transition hover:ring-2 hover:ring-accent/40 ${CELL[cell.severity]}`}
                  >
                    <span className="font-medium">{cell.value === null ? "–" : cell.kpi.format(cell.value)}</span>
                    {cell.change && cell.severity !== "none" && <span className="text-[11px] opacity-75">{cell.change}</span>}
                  </Link>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const BASELINE_WORDS: Record<string, string> = { "1h": "previous 24 hours", "24h": "previous week", "7d": "previous three weeks" };

export function HeatmapLegend({ window }: { window: string }) {
  const items: [Severity, string][] = [
    ["better", "Better"],
    ["normal", "In line"],
    ["warn", "Worse"],
    ["bad", "Much worse"],
  ];
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs text-fg-muted">
      {items.map(([severity, label]) => (
        <span key={severity} className="inline-flex items-center gap-1.5">
          <span className={`size-3 rounded-sm ring-1 ring-line ${CELL[severity]}`} aria-hidden />
          {label}
        </span>
      ))}
      <span className="text-fg-subtle">vs the agent's {BASELINE_WORDS[window] ?? "baseline"} (or the fleet median)</span>
    </div>
  );
}
