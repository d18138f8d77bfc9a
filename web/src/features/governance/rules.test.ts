import { describe, expect, it } from "vitest";

import { describeRule, emptyRule, fromRule, parseArguments, ruleError, toPolicy, toRule } from "./rules";

describe("policy rules", () => {
  it("sends only the fields of the rule's type, numbers as numbers, empty options left out", () => {
    const cap = { ...emptyRule("spend_cap"), amount_usd: "25", period: "month" as const, on_breach: "pause" as const, actions: "ignored" };
    expect(toRule(cap)).toEqual({ type: "spend_cap", amount_usd: 25, period: "month", on_breach: "pause" });
    const deny = { ...emptyRule("tool_deny"), id: "no-shell", actions: "shell.*, db.drop_*\nfs.rm", arguments: "path=/etc/*\nbad line" };
    expect(toRule(deny)).toEqual({ type: "tool_deny", id: "no-shell", actions: ["shell.*", "db.drop_*", "fs.rm"], arguments: { path: "/etc/*" } });
  });

  it("reads a stored rule back into the editor unchanged", () => {
    const stored = { id: "gate", type: "approval", actions: ["payments.refund"], arguments: { amount: "1??" }, expires_in_s: 600 };
    expect(toRule(fromRule(stored))).toEqual(stored);
  });

  it("leaves the scope's value out for the organization", () => {
    const policy = toPolicy({ name: " Caps ", description: "", scopeType: "organization", scopeValue: "stale", enabled: true, rules: [emptyRule("model_allow")] });
    expect(policy.name).toBe("Caps");
    expect(policy.scope).toEqual({ type: "organization", value: "" });
  });

  it("finds the API's error for a field of one rule, whatever the union member in its path", () => {
    const fields = { "rules.1.spend_cap.amount_usd": "Input should be greater than 0", "rules.0.rate_limit": "give requests_per_minute, tokens_per_minute or both" };
    expect(ruleError(fields, 1, "amount_usd")).toBe("Input should be greater than 0");
    expect(ruleError(fields, 0, "amount_usd")).toBeUndefined();
    expect(ruleError(fields, 0)).toMatch(/give requests_per_minute/);
  });

  it("parses argument patterns and describes rules in a line", () => {
    expect(parseArguments("repo = acme/*\n=x\nbranch=main")).toEqual({ repo: "acme/*", branch: "main" });
    expect(describeRule({ type: "spend_cap", amount_usd: 10, period: "day", on_breach: "block", soft_limit_pct: 80 })).toBe("$10 per day, then block (warn at 80%)");
    expect(describeRule({ type: "tool_deny", actions: ["db.drop_*"], arguments: {} })).toBe("deny db.drop_*");
  });
});
