import { fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";

import { span } from "@/test/spans";

import { SpanDetail } from "./SpanDetail";
import { Waterfall } from "./Waterfall";

const roots = [
  span("agent", 0, 2000, { kind: "agent", name: "invoke_agent support" }, [
    span("guard", 5, 4, { kind: "guard", name: "guard check", status: "error", status_message: "tool delete_account is denied", attributes: { "ams.guard.decision": "deny", "ams.policy.rule": "deny tools delete_*" } }),
    span("llm", 20, 900, { kind: "llm", name: "chat gpt-4o-mini", model: "gpt-4o-mini", provider: "openai", input_tokens: 1200, output_tokens: 300, cost_usd: 0.00042, cost_source: "table", input: '{"q": "hi"}', output: "hello" }),
    span("tool", 950, 500, { kind: "tool", name: "search_tickets", tool_name: "search_tickets" }),
  ]),
];

function Harness() {
  const [selected, setSelected] = useState<string | null>("agent");
  return <Waterfall roots={roots} durationMs={2000} selected={selected} onSelect={setSelected} />;
}

describe("Waterfall", () => {
  it("shows each span with its kind, timing, tokens and cost", () => {
    render(<Harness />);
    const llm = screen.getByRole("treeitem", { name: /chat gpt-4o-mini/ });
    expect(within(llm).getByText("llm")).toBeInTheDocument();
    expect(llm).toHaveTextContent("900 ms · 1.5k tok · $0.00042");
    expect(screen.getByRole("treeitem", { name: /guard check/ })).toContainElement(screen.getByLabelText("denied"));
  });

  it("moves the selection with the arrow keys and collapses with Left", () => {
    render(<Harness />);
    const tree = screen.getByRole("tree");
    fireEvent.keyDown(tree, { key: "ArrowDown" });
    expect(screen.getByRole("treeitem", { name: /guard check/ })).toHaveAttribute("aria-selected", "true");
    fireEvent.keyDown(tree, { key: "ArrowUp" });
    fireEvent.keyDown(tree, { key: "ArrowLeft" });
    expect(screen.getAllByRole("treeitem")).toHaveLength(1);
    fireEvent.keyDown(tree, { key: "ArrowRight" });
    expect(screen.getAllByRole("treeitem")).toHaveLength(4);
  });
});

describe("SpanDetail", () => {
  it("answers why a guard span denied", () => {
    render(<SpanDetail span={roots[0]!.children[0]!} />, { wrapper: MemoryRouter });
    expect(screen.getByRole("heading", { name: /Denied — why\?/ })).toBeInTheDocument();
    expect(screen.getAllByText("tool delete_account is denied").length).toBeGreaterThan(0);
    expect(screen.getAllByText("deny tools delete_*").length).toBeGreaterThan(0);
  });

  it("lists each reason of an AMS guard decision with its policy and rule", () => {
    const reasons = [
      { policy_id: "pol_1", policy_name: "No destructive tools", policy_version: 2, rule_id: "no-drop", rule_type: "tool_deny", effect: "deny", message: "db.drop_table matches the deny-list db.drop_*" },
    ];
    const guard = span("g", 0, 2, {
      kind: "guard",
      name: "guard db.drop_table",
      // OTLP carries the list as JSON text; the gateway's own spans carry it as a list: both are read.
      attributes: { "ams.guard.action": "db.drop_table", "ams.guard.decision": "deny", "ams.guard.reasons": JSON.stringify(reasons), "ams.guard.warnings": [] },
    });
    render(<SpanDetail span={guard} />, { wrapper: MemoryRouter });
    const decision = screen.getByRole("region", { name: "Guard decision" });
    expect(within(decision).getByRole("heading")).toHaveTextContent("Denied — why?db.drop_table");
    const why = within(decision).getByRole("list", { name: "Why?" });
    expect(why).toHaveTextContent("db.drop_table matches the deny-list db.drop_*");
    expect(why).toHaveTextContent("Policy No destructive tools v2 · rule no-drop (tool deny)");
  });

  it("shows an LLM call's model, tokens, cost and payloads", () => {
    render(<SpanDetail span={roots[0]!.children[1]!} />, { wrapper: MemoryRouter });
    expect(screen.getByText("openai / gpt-4o-mini")).toBeInTheDocument();
    expect(screen.getByText(/1.2k in · 300 out/)).toBeInTheDocument();
    expect(screen.getByText("$0.00042")).toBeInTheDocument();
    expect(screen.getByText(/"q": "hi"/)).toBeInTheDocument();
  });
});
