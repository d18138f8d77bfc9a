import { ShieldAlert, ShieldCheck } from "lucide-react";
import type { ReactNode } from "react";
import { Link } from "react-router";

import { StatusBadge } from "@/components/Badge";
import { parseReasons, ReasonList } from "@/components/ReasonList";
import { Time } from "@/components/Time";
import { formatCount, formatMs, formatUsd } from "@/lib/format";

import { KindChip } from "./SpanKind";
import { isDenial, type SpanNode } from "./waterfall";

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-[11px] uppercase tracking-wide text-fg-subtle">{label}</dt>
      <dd className="tabular text-sm text-fg">{children}</dd>
    </div>
  );
}

function Payload({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // Not JSON: shown as sent.
  }
  return (
    <section>
      <h4 className="mb-1 text-xs font-semibold text-fg-muted">{label}</h4>
      <pre className="max-h-72 overflow-auto whitespace-pre-wrap break-words rounded-md bg-raised p-2 font-mono text-xs text-fg">{pretty}</pre>
    </section>
  );
}

function showValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

const DECISION_LABELS: Record<string, string> = { deny: "Denied", require_approval: "Needs approval", allow: "Allowed" };

/**
 * A guard span's decision and its "Why?": each reason the governance layer recorded (`ams.guard.reasons`) with
 * the policy and rule that gave it; spans from other instrumentation show their decision attributes as sent.
 */
export function GuardDecision({ span }: { span: SpanNode }) {
  const denied = isDenial(span);
  const decision = String(span.attributes["ams.guard.decision"] ?? (denied ? "deny" : "allow"));
  const reasons = parseReasons(span.attributes["ams.guard.reasons"]);
  const warnings = parseReasons(span.attributes["ams.guard.warnings"]);
  const approval = span.attributes["ams.guard.approval_id"];
  const others = Object.entries(span.attributes).filter(
    ([key]) => /guard|policy|rule|reason|decision/i.test(key) && !["ams.guard.decision", "ams.guard.reasons", "ams.guard.warnings", "ams.guard.action", "ams.guard.approval_id"].includes(key),
  );
  return (
    <section
      aria-label="Guard decision"
      className={`rounded-md border p-3 ${denied ? "border-red-300 bg-red-50 dark:border-red-500/30 dark:bg-red-500/10" : "border-emerald-300 bg-emerald-50 dark:border-emerald-500/30 dark:bg-emerald-500/10"}`}
    >
      <h4 className="flex items-center gap-1.5 text-sm font-semibold">
        {denied ? <ShieldAlert className="size-4 text-red-600" aria-hidden /> : <ShieldCheck className="size-4 text-emerald-600" aria-hidden />}
        {`${DECISION_LABELS[decision] ?? decision}${denied ? " — why?" : ""}`}
        {span.attributes["ams.guard.action"] !== undefined && <code className="ml-auto font-mono text-xs font-normal">{showValue(span.attributes["ams.guard.action"])}</code>}
      </h4>
      {reasons.length > 0 ? (
        <div className="mt-2">
          <ReasonList reasons={reasons} label="Why?" />
        </div>
      ) : (
        span.status_message && <p className="mt-1 text-sm">{span.status_message}</p>
      )}
      {warnings.length > 0 && (
        <div className="mt-2">
          <h5 className="text-xs font-semibold text-fg-muted">Warnings</h5>
          <ReasonList reasons={warnings} label="Warnings" />
        </div>
      )}
      {typeof approval === "string" && (
        <p className="mt-2 text-xs">
          Waiting on approval{" "}
          <Link to="/governance/approvals" className="font-mono text-accent hover:underline">
            {approval}
          </Link>
        </p>
      )}
      {others.length > 0 && (
        <dl className="mt-2 space-y-1 text-xs">
          {others.map(([key, value]) => (
            <div key={key} className="grid grid-cols-[minmax(0,12rem)_1fr] gap-2">
              <dt className="truncate font-mono text-fg-muted" title={key}>
                {key}
              </dt>
              <dd className="break-words font-mono">{showValue(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

export function SpanDetail({ span }: { span: SpanNode }) {
  const attributes = Object.entries(span.attributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="space-y-4 p-4" aria-label={`Span ${span.name}`}>
      <header className="space-y-1">
        <div className="flex items-center gap-2">
          <KindChip kind={span.kind} />
          <StatusBadge status={span.status} />
        </div>
        <h3 className="break-words text-base font-semibold">{span.name}</h3>
        {span.status_message && span.kind !== "guard" && <p className="text-sm text-red-600 dark:text-red-400">{span.status_message}</p>}
      </header>
      {span.kind === "guard" && <GuardDecision span={span} />}
      <dl className="grid grid-cols-2 gap-3">
        <Stat label="Duration">{formatMs(span.duration_ms)}</Stat>
        <Stat label="Started">
          <Time value={span.start_time} />
        </Stat>
        {span.model && <Stat label="Model">{span.provider ? `${span.provider} / ${span.model}` : span.model}</Stat>}
        {span.tool_name && <Stat label="Tool">{span.tool_name}</Stat>}
        {span.input_tokens + span.output_tokens > 0 && (
          <Stat label="Tokens">
            {formatCount(span.input_tokens)} in · {formatCount(span.output_tokens)} out
          </Stat>
        )}
        {(span.cost_usd > 0 || span.kind === "llm") && (
          <Stat label="Cost">
            {formatUsd(span.cost_usd)} <span className="text-xs text-fg-subtle">({span.cost_source})</span>
          </Stat>
        )}
        {span.task_outcome && <Stat label="Outcome">{span.task_outcome}</Stat>}
        {span.agent_version && <Stat label="Agent version">v{span.agent_version}</Stat>}
      </dl>
      <Payload label="Input" text={span.input} />
      <Payload label="Output" text={span.output} />
      {attributes.length > 0 && (
        <section>
          <h4 className="mb-1 text-xs font-semibold text-fg-muted">Attributes</h4>
          <dl className="divide-y divide-line rounded-md border border-line text-xs">
            {attributes.map(([key, value]) => (
              <div key={key} className="grid grid-cols-[minmax(0,40%)_1fr] gap-2 px-2 py-1">
                <dt className="truncate font-mono text-fg-muted" title={key}>
                  {key}
                </dt>
                <dd className="break-words font-mono">{showValue(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {span.events.length > 0 && (
        <section>
          <h4 className="mb-1 text-xs font-semibold text-fg-muted">Events</h4>
          <ul className="space-y-1 text-xs">
            {span.events.map((event, i) => (
              <li key={i} className="rounded bg-raised px-2 py-1 font-mono">
                {showValue(event)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
