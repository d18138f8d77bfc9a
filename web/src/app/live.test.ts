import { describe, expect, it } from "vitest";

import { queriesFor } from "./live";

const event = (type: string) => ({ type, agent_id: "agt_1", trace_id: "" });

describe("what a live event makes stale at once", () => {
  it("refreshes alerts and the attention list on an alert's change", () => {
    expect(queriesFor(event("alert"))).toEqual(["alerts", "attention"]);
  });
  it("refreshes the approvals queue when an agent asks or someone answers", () => {
    expect(queriesFor(event("approval"))).toEqual(["approvals"]);
  });
  it("refreshes the stops on an emergency stop, and agents on a change of state", () => {
    expect(queriesFor(event("emergency_stop"))).toEqual(["emergency-stop"]);
    expect(queriesFor(event("agent_state"))).toEqual(["agents", "attention"]);
  });
  it("leaves traces to the throttled telemetry refresh", () => {
    expect(queriesFor(event("trace"))).toEqual([]);
  });
});
