import { FlaskConical } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";

import { useScope } from "@/app/scope";
import { Badge } from "@/components/Badge";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { filterControl } from "@/components/Field";
import { ReasonList } from "@/components/ReasonList";
import { InlineError } from "@/components/States";
import { Time } from "@/components/Time";
import { formatCount } from "@/lib/format";

import { type Simulation, simulatePolicy } from "./queries";
import { type PolicyDraft, toPolicy } from "./rules";

const DECISIONS = [
  { key: "deny", label: "Denied", tone: "red" },
  { key: "require_approval", label: "Need approval", tone: "amber" },
  { key: "warn", label: "Warned", tone: "blue" },
  { key: "allow", label: "Allowed", tone: "green" },
] as const;

/** Replays recent traffic against the policy as drafted, before it is saved: what it would have refused. */
export function SimulatePanel({ draft }: { draft: PolicyDraft }) {
  const { organizationId } = useScope();
  const [days, setDays] = useState(7);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Simulation | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const { name, scope, rules } = toPolicy(draft);
      setResult(await simulatePolicy(organizationId, { name: name || "draft", scope, rules }, days));
    } catch (caught) {
      setError(caught);
      setResult(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Simulate" actions={<span className="text-xs text-fg-subtle">Against real traffic; nothing is enforced</span>}>
      <div className="space-y-3">
        <div className="flex items-end gap-2">
          <label className="text-xs text-fg-muted">
            <span className="block pb-1">Replay the last</span>
            <select value={days} onChange={(e) => setDays(Number(e.target.value))} className={filterControl}>
              {[1, 7, 14, 30].map((d) => (
                <option key={d} value={d}>
                  {d === 1 ? "day" : `${d} days`}
                </option>
              ))}
            </select>
          </label>
          <Button onClick={run} busy={busy}>
            <FlaskConical className="size-4" aria-hidden /> Simulate
          </Button>
        </div>
        {error !== null && <InlineError error={error} />}
        {result && <SimulationResult result={result} />}
      </div>
    </Card>
  );
}

export function SimulationResult({ result }: { result: Simulation }) {
  const total = result.evaluated.actions + result.evaluated.llm_calls;
  return (
    <section aria-label="Simulation result" className="space-y-3 text-sm">
      <p className="text-fg-muted">
        {formatCount(result.evaluated.actions)} {result.evaluated.actions === 1 ? "action" : "actions"} and {formatCount(result.evaluated.llm_calls)} LLM{" "}
        {result.evaluated.llm_calls === 1 ? "call" : "calls"} from <Time value={result.from} /> to{" "}
        <Time value={result.until} />
        {result.evaluated.out_of_scope > 0 && <> ({formatCount(result.evaluated.out_of_scope)} more out of the draft's scope)</>}
        {result.truncated && <> — the oldest only: the window holds more than the replay reads</>}.
      </p>
      <dl className="grid grid-cols-2 gap-2">
        {DECISIONS.map((d) => (
          <div key={d.key} className="rounded-md border border-line px-3 py-2">
            <dt className="text-xs text-fg-subtle">{d.label}</dt>
            <dd className="tabular text-lg font-semibold">
              {formatCount(result.decisions[d.key])}
              {total > 0 && <span className="ml-1 text-xs font-normal text-fg-muted">{Math.round((100 * result.decisions[d.key]) / total)}%</span>}
            </dd>
          </div>
        ))}
      </dl>
      {result.by_rule.length > 0 && (
        <table className="w-full text-xs">
          <caption className="pb-1 text-left font-semibold text-fg-muted">By rule</caption>
          <tbody>
            {result.by_rule.map((r) => (
              <tr key={`${r.rule_id}/${r.effect}`} className="border-t border-line">
                <td className="py-1 font-mono">{r.rule_id}</td>
                <td className="py-1 text-fg-muted">{r.rule_type.replace("_", " ")}</td>
                <td className="py-1">
                  <Badge tone={r.effect === "deny" ? "red" : r.effect === "require_approval" ? "amber" : "blue"}>{r.effect.replace("_", " ")}</Badge>
                </td>
                <td className="tabular py-1 text-right">{formatCount(r.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.examples.length > 0 ? (
        <div>
          <h3 className="pb-1 text-xs font-semibold text-fg-muted">Examples</h3>
          <ul className="space-y-2">
            {result.examples.map((e, i) => (
              <li key={i} className="rounded-md border border-line p-2">
                <div className="flex flex-wrap items-center gap-1.5 text-xs">
                  <code className="font-mono font-semibold">{e.subject}</code>
                  <span className="text-fg-muted">
                    {e.kind === "llm_call" ? "LLM call" : "action"} of {e.agent_name || e.agent_id} · <Time value={e.at} relative />
                  </span>
                  {e.trace_id && (
                    <Link to={`/traces/${e.trace_id}`} className="text-accent hover:underline">
                      Trace
                    </Link>
                  )}
                </div>
                <div className="mt-1">
                  <ReasonList reasons={e.reasons} />
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-fg-muted">Nothing in that period would have been refused, held or warned.</p>
      )}
    </section>
  );
}
