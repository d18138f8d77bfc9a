import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";

import { mockApi, renderApp } from "@/test/render";

import AlertsPage from "./AlertsPage";

const page = (items: unknown[]) => ({ items, next_cursor: null });
const alert = {
  id: "alt_1", organization_id: "org_1", project_id: "prj_1", rule_id: "alr_1", source: "alr_1", subject_type: "agent", subject_id: "agt_1", agent_id: "agt_1",
  status: "firing", severity: "critical", category: "performance", title: "Low TSR: flaky-bot", summary: "tsr over 1h: 40.0% is below 80.0%.",
  evidence: { subject_label: "flaky-bot", metric: "tsr", window: "1h", tasks: 10, example_traces: [{ trace_id: "f".repeat(32), name: "invoke_agent flaky-bot", status: "error", duration_ms: 204, started: "2026-06-10T11:58:00Z" }] },
  value: 0.4, threshold: 0.8, fire_count: 2, first_fired_at: "2026-06-10T11:59:00Z", last_fired_at: "2026-06-10T12:00:00Z",
  acknowledged_at: null, acknowledged_by: null, resolved_at: null, resolved_by: null, comment: "",
};
const rule = {
  id: "alr_1", organization_id: "org_1", name: "Low TSR", description: "", builtin: null, metric: "tsr", window: "1h", scope: { type: "fleet", value: "" },
  condition: "below", threshold: 0.8, min_tasks: 5, severity: "critical", category: "performance", interval_s: 60, cooldown_s: 900, channel_ids: [], enabled: true,
  created_at: "2026-06-01T00:00:00Z", updated_at: "2026-06-01T00:00:00Z", last_evaluated_at: null,
};

function render(route: string) {
  return renderApp(
    <Routes>
      <Route path="/alerts/*" element={<AlertsPage />} />
    </Routes>,
    { route },
  );
}

describe("AlertsPage", () => {
  it("shows a firing alert's evidence with links to its example tasks, and acknowledges it with a comment", async () => {
    let acknowledged: { path: string; body: unknown } | null = null;
    mockApi((url, request) => {
      if (url.pathname.endsWith("/acknowledge")) {
        void request.clone().json().then((body) => (acknowledged = { path: url.pathname, body }));
        return [200, { ...alert, status: "acknowledged" }];
      }
      if (url.pathname === "/api/v1/alerts") return [200, page(url.searchParams.getAll("status").includes("firing") ? [alert] : [])];
      return [200, page([])];
    });
    const user = userEvent.setup();
    render("/alerts/open");
    const open = await screen.findByRole("list", { name: "Firing and acknowledged" });
    expect(open).toHaveTextContent("Low TSR: flaky-bot");
    expect(open).toHaveTextContent("40.0% is below 80.0%");
    expect(screen.getByRole("link", { name: "Alerts (1 firing)" })).toBeInTheDocument();
    await user.click(within(open).getByRole("button", { name: "Evidence of Low TSR: flaky-bot" }));
    const evidence = screen.getByLabelText("Evidence of Low TSR: flaky-bot", { selector: "div" });
    expect(evidence).toHaveTextContent("Threshold0.8");
    expect(within(evidence).getByRole("link", { name: "f".repeat(16) })).toHaveAttribute("href", `/traces/${"f".repeat(32)}`);
    await user.click(within(open).getByRole("button", { name: "Acknowledge Low TSR: flaky-bot" }));
    const dialog = screen.getByRole("dialog", { name: "Acknowledge “Low TSR: flaky-bot”?" });
    await user.type(within(dialog).getByLabelText(/Reason/), "looking");
    await user.click(within(dialog).getByRole("button", { name: "Acknowledge" }));
    await waitFor(() => expect(acknowledged).toEqual({ path: "/api/v1/alerts/alt_1/acknowledge", body: { comment: "looking" } }));
  });

  it("says when nothing is firing", async () => {
    mockApi(() => [200, page([])]);
    render("/alerts/open");
    expect(await screen.findByText("Nothing is firing")).toBeInTheDocument();
  });

  it("edits a rule and shows the API's refusal next to the field", async () => {
    let sent: unknown = null;
    mockApi((url, request) => {
      if (request.method === "PUT") {
        void request.clone().json().then((body) => (sent = body));
        return [422, { title: "Invalid input", status: 422, detail: "window: unknown window", errors: [{ field: "window", message: "unknown window 'forever'" }] }];
      }
      if (url.pathname === "/api/v1/alert-rules") return [200, page([rule])];
      if (url.pathname === "/api/v1/alert-metrics") return [200, [{ name: "tsr", subject: "agent", unit: "fraction", description: "Task success rate", deviation: true }]];
      return [200, page([])];
    });
    const user = userEvent.setup();
    render("/alerts/rules");
    const table = await screen.findByRole("table", { name: "Alert rules" });
    expect(table).toHaveTextContent("tsr below 0.8 over 1h");
    await user.click(within(table).getByRole("button", { name: "Edit Low TSR" }));
    const dialog = screen.getByRole("dialog", { name: "Edit Low TSR" });
    const window = within(dialog).getByLabelText("Window");
    await user.clear(window);
    await user.type(window, "forever");
    await user.click(within(dialog).getByRole("button", { name: "Save rule" }));
    expect(await within(dialog).findByText("unknown window 'forever'")).toBeInTheDocument();
    expect(sent).toMatchObject({ metric: "tsr", window: "forever", condition: "below", threshold: 0.8, scope: { type: "fleet", value: "" } });
  });
});
