import { Badge } from "./Badge";

/** A guard reason: which rule of which policy decided, and what it says. */
export interface Reason {
  message: string;
  policy_name?: string;
  policy_id?: string;
  policy_version?: number;
  rule_id?: string;
  rule_type?: string;
  effect?: string;
}

const EFFECT_TONES: Record<string, "red" | "amber" | "blue" | "gray"> = { deny: "red", require_approval: "amber", warn: "blue" };

/** The "Why?" of a guard decision: each reason's message, with the policy and rule that gave it. */
export function ReasonList({ reasons, label = "Reasons" }: { reasons: Reason[]; label?: string }) {
  if (!reasons.length) return null;
  return (
    <ul aria-label={label} className="space-y-1.5">
      {reasons.map((r, i) => (
        <li key={i} className="text-sm">
          <div className="flex flex-wrap items-center gap-1.5">
            {r.effect && <Badge tone={EFFECT_TONES[r.effect] ?? "gray"}>{r.effect.replace("_", " ")}</Badge>}
            <span className="text-fg">{r.message}</span>
          </div>
          {(r.policy_name || r.rule_id) && (
            <div className="mt-0.5 text-xs text-fg-muted">
              Policy <span className="font-medium text-fg">{r.policy_name ?? r.policy_id}</span>
              {r.policy_version ? ` v${r.policy_version}` : ""}
              {r.rule_id && (
                <>
                  {" "}· rule <code className="font-mono">{r.rule_id}</code>
                </>
              )}
              {r.rule_type && ` (${r.rule_type.replace("_", " ")})`}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Reasons from a span attribute: a list, or the JSON text of one (OTLP keeps complex values as strings). */
export function parseReasons(value: unknown): Reason[] {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return value ? [{ message: value }] : [];
    }
  }
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((r): r is Record<string, unknown> => Boolean(r) && typeof r === "object")
    .map((r) => ({ ...(r as object), message: String(r.message ?? "") }) as Reason);
}
