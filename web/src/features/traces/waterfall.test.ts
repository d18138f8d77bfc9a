import { describe, expect, it } from "vitest";

import { span } from "@/test/spans";

import { isDenial, layoutWaterfall, MIN_WIDTH_PCT, ticks } from "./waterfall";

// An agent span of 1 s holding (out of start order) a tool call at 600 ms and an LLM call at 100 ms with a nested retrieval.
const tree = [
  span("agent", 0, 1000, { kind: "agent" }, [
    span("tool", 600, 300, { kind: "tool" }),
    span("llm", 100, 400, { kind: "llm" }, [span("retrieve", 150, 2, { kind: "retriever" })]),
  ]),
];

describe("layoutWaterfall", () => {
  it("lists spans depth-first with children in start order", () => {
    const rows = layoutWaterfall(tree);
    expect(rows.map((r) => [r.span.span_id, r.depth])).toEqual([
      ["agent", 0],
      ["llm", 1],
      ["retrieve", 2],
      ["tool", 1],
    ]);
  });

  it("places each bar as a share of the trace's duration", () => {
    const rows = layoutWaterfall(tree);
    const llm = rows.find((r) => r.span.span_id === "llm")!;
    expect(llm.offsetPct).toBeCloseTo(10);
    expect(llm.widthPct).toBeCloseTo(40);
    expect(rows[0]!.widthPct).toBeCloseTo(100);
  });

  it("keeps a tiny span visible", () => {
    const retrieve = layoutWaterfall(tree).find((r) => r.span.span_id === "retrieve")!;
    expect(retrieve.widthPct).toBe(MIN_WIDTH_PCT);
  });

  it("hides the children of a collapsed span", () => {
    const rows = layoutWaterfall(tree, new Set(["llm"]));
    expect(rows.map((r) => r.span.span_id)).toEqual(["agent", "llm", "tool"]);
    expect(rows[1]!.collapsed).toBe(true);
    expect(rows[1]!.hasChildren).toBe(true);
  });
});

describe("isDenial", () => {
  it("is a guard span that failed or decided deny", () => {
    expect(isDenial(span("g", 0, 1, { kind: "guard", attributes: { "ams.guard.decision": "deny" } }))).toBe(true);
    expect(isDenial(span("g", 0, 1, { kind: "guard", status: "error" }))).toBe(true);
    expect(isDenial(span("g", 0, 1, { kind: "guard", attributes: { "ams.guard.decision": "allow" } }))).toBe(false);
    expect(isDenial(span("t", 0, 1, { kind: "tool", status: "error" }))).toBe(false);
  });
});

describe("ticks", () => {
  it("marks round times across the trace", () => {
    expect(ticks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(ticks(2560)).toEqual([0, 1000, 2000]);
  });
});
