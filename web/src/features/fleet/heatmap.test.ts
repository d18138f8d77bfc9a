import { describe, expect, it } from "vitest";

import type { Schemas } from "@/api/client";

import { baselineRange, buildHeatmap, KPIS, median, severity } from "./heatmap";

const kpi = (key: string) => KPIS.find((k) => k.key === key)!;

function kpis(over: Partial<Schemas["Kpis"]> & { p95?: number }): Schemas["Kpis"] {
  const { p95 = 1000, ...rest } = over;
  return {
    tasks: 100, successes: 95, failures: 5, tsr: 0.95, hir: 0.02, error_rate: 0.05, span_error_rate: 0.01,
    latency_ms: { p50: 500, p95, p99: p95 * 1.2 }, throughput_per_hour: 10, cost_usd: 1, cost_per_task: 0.01,
    input_tokens: 1000, output_tokens: 100, cached_input_tokens: 0, tokens_per_success: 11, spans: 500,
    unpriced_spans: 0, unpriced_models: [], ...rest,
  };
}

function row(id: string, k: Schemas["Kpis"]): Schemas["FleetRow"] {
  return { agent_id: id, name: id, project_id: "p", lifecycle_state: "active", health: "healthy", kpis: k };
}

describe("severity", () => {
  it("compares rates in percentage points, not relative change", () => {
    // 1% → 2% errors is one point worse: in line, although it doubled.
    expect(severity(kpi("error_rate"), 0.02, 0.01)).toBe("normal");
    expect(severity(kpi("error_rate"), 0.05, 0.01)).toBe("warn");
    expect(severity(kpi("error_rate"), 0.3, 0.03)).toBe("bad");
    expect(severity(kpi("error_rate"), 0.01, 0.08)).toBe("better");
  });

  it("reads success rate the other way round: lower is worse", () => {
    expect(severity(kpi("tsr"), 0.7, 0.95)).toBe("bad");
    expect(severity(kpi("tsr"), 0.99, 0.9)).toBe("better");
  });

  it("compares latency and cost relatively", () => {
    expect(severity(kpi("latency_p95"), 1100, 1000)).toBe("normal");
    expect(severity(kpi("latency_p95"), 1300, 1000)).toBe("warn");
    expect(severity(kpi("latency_p95"), 2000, 1000)).toBe("bad");
    expect(severity(kpi("cost_per_task"), 0.005, 0.01)).toBe("better");
  });

  it("colours only a drop in throughput: more tasks is not a problem to flag", () => {
    expect(severity(kpi("throughput_per_hour"), 3, 10)).toBe("bad");
    expect(severity(kpi("throughput_per_hour"), 30, 10)).toBe("normal");
  });

  it("has nothing to say without a value or a reference", () => {
    expect(severity(kpi("tsr"), null, 0.9)).toBe("none");
    expect(severity(kpi("tsr"), 0.9, null)).toBe("none");
  });
});

describe("buildHeatmap", () => {
  it("compares an agent with its own baseline when the baseline has enough tasks", () => {
    const rows = buildHeatmap([row("a", kpis({ error_rate: 0.3, tsr: 0.7 })), row("b", kpis({}))], [row("a", kpis({ error_rate: 0.03, tsr: 0.97 }))]);
    const a = rows.find((r) => r.agentId === "a")!;
    const errors = a.cells.find((c) => c.kpi.key === "error_rate")!;
    expect(errors.referenceKind).toBe("baseline");
    expect(errors.severity).toBe("bad");
    expect(errors.change).toBe("+27 pts");
  });

  it("falls back to the fleet median when the baseline is too thin", () => {
    const rows = buildHeatmap(
      [row("a", kpis({ p95: 5000 })), row("b", kpis({ p95: 1000 })), row("c", kpis({ p95: 1200 }))],
      [row("a", kpis({ tasks: 3, p95: 5000 }))],
    );
    const p95 = rows.find((r) => r.agentId === "a")!.cells.find((c) => c.kpi.key === "latency_p95")!;
    expect(p95.referenceKind).toBe("fleet median");
    expect(p95.reference).toBe(1200);
    expect(p95.severity).toBe("bad");
  });

  it("puts the agents in the worst shape first, and leaves agents without tasks uncoloured", () => {
    const rows = buildHeatmap([row("quiet", kpis({ tasks: 0 })), row("fine", kpis({})), row("failing", kpis({ tsr: 0.5, error_rate: 0.5 }))], []);
    expect(rows.map((r) => r.agentId)).toEqual(["failing", "fine", "quiet"]);
    expect(rows[2]!.cells.every((c) => c.severity === "none" && c.value === null)).toBe(true);
  });
});

describe("helpers", () => {
  it("takes the median of even and odd lists", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("takes the week before a 24-hour window as its baseline", () => {
    const now = Date.parse("2026-06-10T12:00:00Z");
    expect(baselineRange("24h", now)).toEqual({ since: "2026-06-02T12:00:00.000Z", until: "2026-06-09T12:00:00.000Z" });
  });
});
