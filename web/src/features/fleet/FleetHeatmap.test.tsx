import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { renderApp } from "@/test/render";

import { FleetHeatmap } from "./FleetHeatmap";
import type { HeatRow } from "./heatmap";
import { buildHeatmap } from "./heatmap";

const base = {
  tasks: 100, successes: 95, failures: 5, tsr: 0.95, hir: 0.02, error_rate: 0.05, span_error_rate: 0.01,
  latency_ms: { p50: 500, p95: 1000, p99: 1200 }, throughput_per_hour: 10, cost_usd: 1, cost_per_task: 0.01,
  input_tokens: 1, output_tokens: 1, cached_input_tokens: 0, tokens_per_success: 1, spans: 1, unpriced_spans: 0, unpriced_models: [],
};

function rows(): HeatRow[] {
  const fleet = (id: string, over = {}) => ({ agent_id: id, name: id, project_id: "p", lifecycle_state: "active", health: "healthy", kpis: { ...base, ...over } });
  return buildHeatmap([fleet("billing", { error_rate: 0.31, tsr: 0.69 }), fleet("support")], [fleet("billing"), fleet("support")]);
}

describe("FleetHeatmap", () => {
  it("colours a cell by how the KPI compares with the agent's baseline, and says so", () => {
    renderApp(<FleetHeatmap rows={rows()} />);
    const cell = screen.getByRole("link", { name: /billing: Error rate 31%, much worse than the baseline 5%/ });
    expect(cell).toHaveAttribute("data-severity", "bad");
    expect(cell).toHaveAttribute("href", "/agents/billing");
    expect(screen.getByRole("link", { name: /support: Error rate 5%, in line with the baseline/ })).toHaveAttribute("data-severity", "normal");
  });

  it("lists the agent in the worst shape first", () => {
    renderApp(<FleetHeatmap rows={rows()} />);
    const names = screen.getAllByRole("rowheader").map((th) => th.querySelector("a")?.textContent);
    expect(names).toEqual(["billing", "support"]);
  });

  it("moves between cells with the arrow keys", async () => {
    const user = userEvent.setup();
    renderApp(<FleetHeatmap rows={rows()} />);
    await user.tab();
    expect(document.activeElement).toHaveTextContent("billing");
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement).toHaveAccessibleName(/billing: Task success rate/);
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toHaveAccessibleName(/support: Task success rate/);
  });
});
