import { describe, expect, it } from "vitest";

import { target } from "./AttentionPanel";

const item = (over: Record<string, unknown>) => ({ kind: "alert", severity: "high", title: "t", why: "w", since: null, links: {}, ...over }) as Parameters<typeof target>[0];

describe("where an attention item leads", () => {
  it("opens the agent it names", () => {
    expect(target(item({ agent_id: "agt_1", links: { policy: "/api/v1/policies/pol_9" } }))).toBe("/agents/agt_1");
  });
  it("opens the policy of a spend cap that names no agent", () => {
    expect(target(item({ kind: "spend_cap", links: { policy: "/api/v1/policies/pol_9" } }))).toBe("/governance/policies/pol_9");
  });
  it("leads nowhere when it names neither", () => {
    expect(target(item({}))).toBeNull();
  });
});
