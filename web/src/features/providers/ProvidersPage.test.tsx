import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";

import { mockApi, renderApp } from "@/test/render";

import { bestCells, costSeries } from "./costs";
import ProvidersPage from "./ProvidersPage";
import type { CompareRow, CostAnalysis } from "./queries";

const page = (items: unknown[]) => ({ items, next_cursor: null });
const row = (provider: string, model: string, over: Partial<CompareRow> = {}): CompareRow => ({
  provider, model, calls: 100, errors: 1, error_rate: 0.01, latency_ms: { p50: 800, p95: 2000, p99: 3000 }, ttft_ms_p50: null,
  input_tokens: 10_000, output_tokens: 2_000, cost_usd: 0.5, cost_per_1k_tokens: 0.04, ...over,
});
const provider = {
  id: "prv_1", organization_id: "org_1", name: "openai-main", kind: "openai", base_url: "https://api.openai.com/v1", models: [{ name: "gpt-4o-mini", capabilities: [] }],
  limits: {}, options: { timeout_s: 60, headers: {} }, enabled: true, has_api_key: true, created_at: "2026-06-01T00:00:00Z", updated_at: "2026-06-01T00:00:00Z",
};
const health = {
  provider_id: "prv_1", name: "openai-main", status: "degraded", probe: { ok: true, at: "2026-06-10T11:59:00Z", latency_ms: 120, error: null }, window_s: 300,
  targets: [{ model: "gpt-4o-mini", calls: 20, errors: 4, error_rate: 0.2, latency_ms_p50: 900, latency_ms_ewma: 950, breaker: "half_open", breaker_reopens_in_s: null }],
};

function render(route: string) {
  return renderApp(
    <Routes>
      <Route path="/providers/*" element={<ProvidersPage />} />
    </Routes>,
    { route },
  );
}

describe("provider analytics", () => {
  it("marks the best model per column among those with enough calls", () => {
    const rows = [row("openai", "gpt-4o"), row("anthropic", "haiku", { error_rate: 0, cost_per_1k_tokens: 0.01 }), row("tiny", "cheap", { calls: 3, cost_per_1k_tokens: 0.001, latency_ms: { p50: 10, p95: 10, p99: 10 } })];
    const best = bestCells(rows);
    expect([...best.error_rate]).toEqual(["anthropic/haiku"]);
    expect([...best.cost_per_1k_tokens]).toEqual(["anthropic/haiku"]); // "tiny/cheap" has too few calls to count
    expect(best.latency.size).toBe(0); // every counted model is as fast: nothing to point at
  });

  it("draws a series per provider and the run rate to the end of the month", () => {
    const analysis = {
      since: "2026-06-08T00:00:00Z", until: "2026-06-10T00:00:00Z", total_usd: 6, by_provider: { openai: 4, anthropic: 2 }, by_model: {}, by_agent: {},
      by_day: { "2026-06-08": 3, "2026-06-09": 3 },
      items: [
        { day: "2026-06-08", provider: "openai", model: "m", agent_id: "a", calls: 1, input_tokens: 1, output_tokens: 1, cost_usd: 2 },
        { day: "2026-06-09", provider: "openai", model: "m", agent_id: "a", calls: 1, input_tokens: 1, output_tokens: 1, cost_usd: 2 },
        { day: "2026-06-09", provider: "anthropic", model: "m", agent_id: "a", calls: 1, input_tokens: 1, output_tokens: 1, cost_usd: 1 },
        { day: "2026-06-08", provider: "anthropic", model: "m", agent_id: "b", calls: 1, input_tokens: 1, output_tokens: 1, cost_usd: 1 },
      ],
      forecast: { month: "2026-06", month_to_date_usd: 6, daily_run_rate_usd: 3, run_rate_days: 2, days_left: 20, month_end_usd: 66 },
    } satisfies CostAnalysis;
    const series = costSeries(analysis, new Date("2026-06-10T15:00:00Z"));
    expect(series.map((s) => s.label)).toEqual(["openai", "anthropic", "Forecast (run rate)"]);
    expect(series[0]?.points).toEqual([
      { time: "2026-06-08T00:00:00Z", value: 2 },
      { time: "2026-06-09T00:00:00Z", value: 2 },
    ]);
    const forecast = series[2]?.points ?? [];
    expect(forecast).toHaveLength(21);
    expect(forecast[0]).toEqual({ time: "2026-06-10T00:00:00Z", value: 3 });
  });
});

describe("ProvidersPage", () => {
  it("lists providers with their health, and the breaker of each model on demand", async () => {
    mockApi((url) => {
      if (url.pathname === "/api/v1/providers") return [200, page([provider])];
      if (url.pathname === "/api/v1/providers/prv_1/health") return [200, health];
      return [200, page([])];
    });
    const user = userEvent.setup();
    render("/providers/overview");
    const table = await screen.findByRole("table", { name: "Providers" });
    expect(await within(table).findByText("Degraded")).toBeInTheDocument();
    await user.click(within(table).getByRole("button", { name: "Health of openai-main" }));
    const models = screen.getByRole("table", { name: "Health of openai-main's models" });
    expect(models).toHaveTextContent("gpt-4o-mini2020%900 mshalf_open");
  });

  it("compares models and marks the cheapest", async () => {
    mockApi((url) => {
      if (url.pathname === "/api/v1/providers/compare") {
        expect(url.searchParams.get("window")).toBe("30d");
        return [200, { since: "2026-05-11T00:00:00Z", until: "2026-06-10T00:00:00Z", items: [row("openai", "gpt-4o"), row("anthropic", "haiku", { cost_per_1k_tokens: 0.01 })] }];
      }
      return [200, page([])];
    });
    render("/providers/compare?window=30d");
    const table = await screen.findByRole("table", { name: "Providers and models compared" });
    const haiku = within(table).getByRole("row", { name: /haiku/ });
    expect(within(haiku).getAllByLabelText("best").length).toBeGreaterThan(0);
    expect(haiku).toHaveTextContent("$0.010");
  });

  it("says how to register a provider when there is none", async () => {
    mockApi(() => [200, page([])]);
    render("/providers/overview");
    expect(await screen.findByText("No providers registered")).toBeInTheDocument();
  });
});
