import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";

import { mockApi, renderApp } from "@/test/render";

import GovernancePage from "./GovernancePage";
import { SimulationResult } from "./SimulatePanel";

const page = (items: unknown[]) => ({ items, next_cursor: null });
const stop = { id: "stp_1", organization_id: "org_1", scope: "agent", target: "billing-bot", reason: "runaway loop", stopped_by: "ada@example.com", stopped_at: "2026-06-10T12:00:00Z", released_at: null, released_by: null, release_reason: "" };
const approval = {
  id: "apr_1", agent_id: "agt_1", policy_id: "pol_1", rule_id: "refunds", action: "payments.refund", arguments: { amount: 420 },
  reasons: [{ policy_name: "Money moves", rule_id: "refunds", rule_type: "approval", effect: "require_approval", message: "payments.refund needs a person's approval" }],
  status: "pending", trace_id: null, requested_at: "2026-06-10T12:00:00Z", expires_at: "2026-06-10T13:00:00Z", decided_at: null, decided_by: null, comment: "",
};

function render(route: string) {
  return renderApp(
    <Routes>
      <Route path="/governance/*" element={<GovernancePage />} />
    </Routes>,
    { route },
  );
}

describe("GovernancePage", () => {
  it("creates a deny-list policy and shows the API's error under the rule's field", async () => {
    const sent: unknown[] = [];
    mockApi((url, request) => {
      if (url.pathname === "/api/v1/policies" && request.method === "POST") {
        void request.clone().json().then((body) => sent.push(body));
        return [422, { title: "Invalid input", status: 422, detail: "rules.0.tool_deny.actions: List should have at least 1 item", errors: [{ field: "rules.0.tool_deny.actions", message: "List should have at least 1 item" }] }];
      }
      if (url.pathname === "/api/v1/emergency-stop") return [200, []];
      return [200, page([])];
    });
    const user = userEvent.setup();
    render("/governance/policies/new");
    await user.type(await screen.findByLabelText("Name"), "No destructive tools");
    await user.click(screen.getByRole("button", { name: "Create policy" }));
    expect(await screen.findByText("List should have at least 1 item")).toBeInTheDocument();
    expect(screen.getByLabelText("Actions")).toHaveAttribute("aria-invalid", "true");
    expect(sent[0]).toMatchObject({ organization_id: "org_1", name: "No destructive tools", scope: { type: "organization", value: "" }, rules: [{ type: "tool_deny", actions: [] }] });
  });

  it("simulates the policy as drafted against recent traffic", async () => {
    let asked: unknown = null;
    mockApi((url, request) => {
      if (url.pathname === "/api/v1/policies/simulate") {
        void request.clone().json().then((body) => (asked = body));
        return [200, { from: "2026-06-09T12:00:00Z", until: "2026-06-10T12:00:00Z", days: 1, evaluated: { actions: 5, llm_calls: 0, out_of_scope: 0 }, truncated: false, decisions: { deny: 2, require_approval: 0, warn: 0, allow: 3 }, by_rule: [], examples: [] }];
      }
      if (url.pathname === "/api/v1/emergency-stop") return [200, []];
      return [200, page([])];
    });
    const user = userEvent.setup();
    render("/governance/policies/new");
    await user.type(await screen.findByLabelText("Actions"), "shell.*");
    await user.selectOptions(screen.getByLabelText("Replay the last"), "1");
    await user.click(screen.getByRole("button", { name: "Simulate" }));
    expect(await screen.findByRole("region", { name: "Simulation result" })).toHaveTextContent("Denied240%");
    expect(asked).toEqual({ organization_id: "org_1", days: 1, policy: { name: "draft", scope: { type: "organization", value: "" }, rules: [{ type: "tool_deny", actions: ["shell.*"] }] } });
  });

  it("shows the stops in force with who, what and why, and releases one with a reason", async () => {
    let released: unknown = null;
    mockApi((url, request) => {
      if (url.pathname === "/api/v1/emergency-stop/release") {
        void request.clone().json().then((body) => (released = body));
        return [200, [{ ...stop, released_at: "2026-06-10T12:05:00Z" }]];
      }
      if (url.pathname === "/api/v1/emergency-stop") return [200, url.searchParams.get("active") === "true" ? [stop] : [stop]];
      return [200, page([])];
    });
    const user = userEvent.setup();
    render("/governance/policies");
    const stops = await screen.findByRole("region", { name: "Emergency stops in force" });
    expect(stops).toHaveTextContent("An emergency stop is in force");
    expect(stops).toHaveTextContent("Agent billing-bot");
    expect(stops).toHaveTextContent("“runaway loop” — ada@example.com");
    await user.click(within(stops).getByRole("button", { name: "Release the stop of agent billing-bot" }));
    const dialog = screen.getByRole("dialog", { name: "Release this emergency stop?" });
    await user.type(within(dialog).getByLabelText(/Reason/), "loop fixed");
    await user.click(within(dialog).getByRole("button", { name: "Release" }));
    await screen.findByRole("region", { name: "Emergency stops in force" });
    expect(released).toEqual({ organization_id: "org_1", id: "stp_1", reason: "loop fixed" });
  });

  it("will not engage a stop without a reason, then sends scope, target and reason", async () => {
    let engaged: unknown = null;
    mockApi((url, request) => {
      if (url.pathname === "/api/v1/emergency-stop" && request.method === "POST") {
        void request.clone().json().then((body) => (engaged = body));
        return [201, { ...stop, scope: "tag" }];
      }
      if (url.pathname === "/api/v1/emergency-stop") return [200, []];
      return [200, page([])];
    });
    const user = userEvent.setup();
    render("/governance/policies");
    await user.click(await screen.findByRole("button", { name: "Emergency stop" }));
    const dialog = screen.getByRole("dialog", { name: "Engage the emergency stop?" });
    await user.selectOptions(within(dialog).getByLabelText("What to stop"), "tag");
    await user.type(within(dialog).getByLabelText("Tag"), "tier-1");
    await user.click(within(dialog).getByRole("button", { name: "Stop now" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Say why");
    expect(engaged).toBeNull();
    await user.type(within(dialog).getByLabelText(/Reason/), "bad deploy");
    await user.click(within(dialog).getByRole("button", { name: "Stop now" }));
    await waitFor(() => expect(engaged).toEqual({ organization_id: "org_1", scope: "tag", target: "tier-1", reason: "bad deploy" }));
  });

  it("lists pending approvals with the action, its arguments and reasons, and approves with a comment", async () => {
    let decided: { path: string; body: unknown } | null = null;
    mockApi((url, request) => {
      if (url.pathname.endsWith("/approve")) {
        void request.clone().json().then((body) => (decided = { path: url.pathname, body }));
        return [200, { ...approval, status: "approved" }];
      }
      if (url.pathname === "/api/v1/approvals") return [200, page(url.searchParams.getAll("status").includes("pending") ? [approval] : [])];
      if (url.pathname === "/api/v1/emergency-stop") return [200, []];
      return [200, page([])];
    });
    const user = userEvent.setup();
    render("/governance/approvals");
    const pending = await screen.findByRole("list", { name: "Pending approvals" });
    expect(pending).toHaveTextContent("payments.refund");
    expect(within(pending).getByLabelText("Arguments")).toHaveTextContent('"amount": 420');
    expect(within(pending).getByRole("list", { name: "Reasons" })).toHaveTextContent("payments.refund needs a person's approval");
    expect(screen.getByRole("link", { name: "Approvals (1)" })).toBeInTheDocument();
    await user.click(within(pending).getByRole("button", { name: "Approve payments.refund" }));
    const dialog = screen.getByRole("dialog", { name: "Approve payments.refund?" });
    await user.type(within(dialog).getByLabelText(/Reason/), "customer verified");
    await user.click(within(dialog).getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(decided).toEqual({ path: "/api/v1/approvals/apr_1/approve", body: { comment: "customer verified" } }));
  });
});

describe("SimulationResult", () => {
  it("counts the decisions and shows examples with their reasons", () => {
    renderApp(
      <SimulationResult
        result={{
          from: "2026-06-03T12:00:00Z", until: "2026-06-10T12:00:00Z", days: 7, evaluated: { actions: 90, llm_calls: 10, out_of_scope: 4 }, truncated: false,
          decisions: { deny: 12, require_approval: 3, warn: 0, allow: 85 },
          by_rule: [{ rule_id: "no-drop", rule_type: "tool_deny", effect: "deny", count: 12 }],
          examples: [{ at: "2026-06-09T08:00:00Z", agent_id: "agt_1", agent_name: "db-janitor", subject: "db.drop_table", kind: "action", effect: "deny", trace_id: "a".repeat(32),
            reasons: [{ policy_name: "draft", rule_id: "no-drop", rule_type: "tool_deny", effect: "deny", message: "db.drop_table matches db.drop_*" }] }],
        }}
      />,
    );
    const result = screen.getByRole("region", { name: "Simulation result" });
    expect(result).toHaveTextContent("Denied1212%");
    expect(result).toHaveTextContent("db.drop_table matches db.drop_*");
    expect(result).toHaveTextContent("(4 more out of the draft's scope)");
    expect(within(result).getByRole("link", { name: "Trace" })).toHaveAttribute("href", `/traces/${"a".repeat(32)}`);
  });
});
