// A policy's rules as the editor holds them (every input a string) and as the API takes them. Pure: no React.
import type { Schemas } from "@/api/client";

export type Policy = Schemas["PolicyPublic"];
export type ScopeType = NonNullable<Schemas["PolicyScope"]["type"]>;

export const RULE_TYPES = ["spend_cap", "tool_deny", "tool_allow", "model_allow", "rate_limit", "approval", "payload_limit"] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export const RULE_LABELS: Record<RuleType, string> = {
  spend_cap: "Spend cap",
  tool_deny: "Tool deny-list",
  tool_allow: "Tool allow-list",
  model_allow: "Model allow-list",
  rate_limit: "Rate limit",
  approval: "Approval gate",
  payload_limit: "Payload limit",
};

export const PERIODS = ["hour", "day", "month", "total"] as const;
export const ON_BREACH = ["block", "alert", "pause"] as const;

export interface RuleDraft {
  id: string;
  type: RuleType;
  amount_usd: string;
  period: (typeof PERIODS)[number];
  on_breach: (typeof ON_BREACH)[number];
  soft_limit_pct: string;
  /** Globs, one per line (or comma-separated). */
  actions: string;
  /** `name=glob`, one per line. */
  arguments: string;
  models: string;
  requests_per_minute: string;
  tokens_per_minute: string;
  expires_in_s: string;
  max_arguments_bytes: string;
  max_input_chars: string;
}

export interface PolicyDraft {
  name: string;
  description: string;
  scopeType: ScopeType;
  scopeValue: string;
  enabled: boolean;
  rules: RuleDraft[];
}

export function emptyRule(type: RuleType = "tool_deny"): RuleDraft {
  return {
    id: "", type, amount_usd: "", period: "day", on_breach: "block", soft_limit_pct: "", actions: "", arguments: "", models: "",
    requests_per_minute: "", tokens_per_minute: "", expires_in_s: "3600", max_arguments_bytes: "", max_input_chars: "",
  };
}

export function emptyPolicy(): PolicyDraft {
  return { name: "", description: "", scopeType: "organization", scopeValue: "", enabled: true, rules: [emptyRule()] };
}

const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));

export function splitList(value: string): string[] {
  return value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
}

export function parseArguments(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of value.split("\n")) {
    const at = line.indexOf("=");
    if (at <= 0) continue;
    const name = line.slice(0, at).trim();
    const glob = line.slice(at + 1).trim();
    if (name && glob) out[name] = glob;
  }
  return out;
}

export function fromRule(doc: Record<string, unknown>): RuleDraft {
  const type = (RULE_TYPES as readonly string[]).includes(String(doc.type)) ? (doc.type as RuleType) : "tool_deny";
  const list = (v: unknown) => (Array.isArray(v) ? v.join("\n") : "");
  const args = doc.arguments && typeof doc.arguments === "object" ? Object.entries(doc.arguments as Record<string, string>).map(([k, v]) => `${k}=${v}`).join("\n") : "";
  return {
    ...emptyRule(type),
    id: text(doc.id),
    amount_usd: text(doc.amount_usd),
    period: (doc.period as RuleDraft["period"]) ?? "day",
    on_breach: (doc.on_breach as RuleDraft["on_breach"]) ?? "block",
    soft_limit_pct: text(doc.soft_limit_pct),
    actions: list(doc.actions),
    arguments: args,
    models: list(doc.models),
    requests_per_minute: text(doc.requests_per_minute),
    tokens_per_minute: text(doc.tokens_per_minute),
    expires_in_s: text(doc.expires_in_s ?? 3600),
    max_arguments_bytes: text(doc.max_arguments_bytes),
    max_input_chars: text(doc.max_input_chars),
  };
}

export function fromPolicy(policy: Policy): PolicyDraft {
  return {
    name: policy.name,
    description: policy.description,
    scopeType: policy.scope.type ?? "organization",
    scopeValue: policy.scope.value ?? "",
    enabled: policy.enabled,
    rules: policy.rules.map(fromRule),
  };
}

/** A rule as the API takes it: only its type's fields, numbers as numbers, empty optional fields left out. */
export function toRule(draft: RuleDraft): Record<string, unknown> {
  const rule: Record<string, unknown> = { type: draft.type };
  if (draft.id.trim()) rule.id = draft.id.trim();
  const number = (name: keyof RuleDraft) => {
    if (draft[name] !== "") rule[name] = Number(draft[name]);
  };
  switch (draft.type) {
    case "spend_cap":
      number("amount_usd");
      rule.period = draft.period;
      rule.on_breach = draft.on_breach;
      number("soft_limit_pct");
      break;
    case "tool_allow":
    case "tool_deny":
    case "approval": {
      rule.actions = splitList(draft.actions);
      const args = parseArguments(draft.arguments);
      if (Object.keys(args).length) rule.arguments = args;
      if (draft.type === "approval") number("expires_in_s");
      break;
    }
    case "model_allow":
      rule.models = splitList(draft.models);
      break;
    case "rate_limit":
      number("requests_per_minute");
      number("tokens_per_minute");
      break;
    case "payload_limit":
      number("max_arguments_bytes");
      number("max_input_chars");
      break;
  }
  return rule;
}

export function toPolicy(draft: PolicyDraft): { name: string; description: string; scope: { type: ScopeType; value: string }; rules: Record<string, unknown>[]; enabled: boolean } {
  return {
    name: draft.name.trim(),
    description: draft.description,
    scope: { type: draft.scopeType, value: draft.scopeType === "organization" ? "" : draft.scopeValue.trim() },
    rules: draft.rules.map(toRule),
    enabled: draft.enabled,
  };
}

/**
 * The API's error for one field of rule `index`: FastAPI names it `rules.0.spend_cap.amount_usd` (the union's
 * member in the middle), or `rules.0.rate_limit` for a rule-wide check.
 */
export function ruleError(fields: Record<string, string>, index: number, name?: string): string | undefined {
  const prefix = `rules.${index}.`;
  for (const [field, message] of Object.entries(fields)) {
    if (!field.startsWith(prefix)) continue;
    const rest = field.slice(prefix.length).split(".");
    if (name ? rest[rest.length - 1] === name : rest.length === 1) return message;
  }
  return undefined;
}

/** One line a person reads for a rule: "deny tools delete_*, drop_*". */
export function describeRule(doc: Record<string, unknown>): string {
  const list = (v: unknown) => (Array.isArray(v) ? v.join(", ") : "");
  const args = doc.arguments && typeof doc.arguments === "object" && Object.keys(doc.arguments).length
    ? ` where ${Object.entries(doc.arguments as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(", ")}`
    : "";
  switch (doc.type) {
    case "spend_cap":
      return `$${doc.amount_usd} per ${doc.period === "total" ? "all time" : doc.period}, then ${doc.on_breach}${doc.soft_limit_pct ? ` (warn at ${doc.soft_limit_pct}%)` : ""}`;
    case "tool_deny":
      return `deny ${list(doc.actions)}${args}`;
    case "tool_allow":
      return `only ${list(doc.actions)}${args}`;
    case "model_allow":
      return `models ${list(doc.models)}`;
    case "rate_limit":
      return [doc.requests_per_minute && `${doc.requests_per_minute} req/min`, doc.tokens_per_minute && `${doc.tokens_per_minute} tok/min`].filter(Boolean).join(", ");
    case "approval":
      return `approve ${list(doc.actions)}${args}`;
    case "payload_limit":
      return [doc.max_arguments_bytes && `arguments ≤ ${doc.max_arguments_bytes} B`, doc.max_input_chars && `prompt ≤ ${doc.max_input_chars} chars`].filter(Boolean).join(", ");
    default:
      return String(doc.type);
  }
}

export function describeScope(scope: { type?: string; value?: string }): string {
  if (!scope.type || scope.type === "organization") return "Organization";
  return `${scope.type === "tag" ? "Tag" : scope.type === "agent" ? "Agent" : "Project"} ${scope.value}`;
}
