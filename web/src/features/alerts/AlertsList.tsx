import { BellOff, ChevronDown, ChevronRight } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";

import { useCan } from "@/app/scope";
import { Badge } from "@/components/Badge";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { Empty, QueryView } from "@/components/States";
import { Time } from "@/components/Time";
import { formatMs, humanize } from "@/lib/format";

import { type Alert, useAlerts, useRespond } from "./queries";

const SEVERITY_TONES = { info: "blue", warning: "amber", high: "red", critical: "red", emergency: "violet" } as const;
const STATUS_TONES = { firing: "red", acknowledged: "amber", resolved: "green" } as const;

export function SeverityBadge({ severity }: { severity: Alert["severity"] }) {
  return (
    <Badge tone={SEVERITY_TONES[severity]} dot>
      {humanize(severity)}
    </Badge>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toPrecision(4).replace(/\.?0+$/, "");
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

interface ExampleTrace {
  trace_id: string;
  name?: string;
  status?: string;
  duration_ms?: number;
  cost_usd?: number;
  started?: string;
}

/** What the alert saw: the metric against its threshold, and tasks that show the problem, to open as traces. */
export function Evidence({ alert }: { alert: Alert }) {
  const { example_traces: examples, subject_label: _label, ...rest } = alert.evidence as { example_traces?: ExampleTrace[]; subject_label?: unknown } & Record<string, unknown>;
  // The value and threshold are the alert's own fields, shown first; the evidence repeats them.
  const facts = Object.entries(rest).filter(([k, v]) => v !== null && v !== undefined && v !== "" && !(k === "value" || k === "threshold"));
  return (
    <div className="space-y-3 border-t border-line bg-raised/40 px-4 py-3 text-sm" aria-label={`Evidence of ${alert.title}`}>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4">
        {alert.value !== null && (
          <div>
            <dt className="text-xs text-fg-subtle">Value</dt>
            <dd className="tabular">{show(alert.value)}</dd>
          </div>
        )}
        {alert.threshold !== null && (
          <div>
            <dt className="text-xs text-fg-subtle">Threshold</dt>
            <dd className="tabular">{show(alert.threshold)}</dd>
          </div>
        )}
        {facts.map(([key, value]) => (
          <div key={key} className="min-w-0">
            <dt className="text-xs text-fg-subtle">{humanize(key)}</dt>
            <dd className="truncate" title={show(value)}>
              {show(value)}
            </dd>
          </div>
        ))}
      </dl>
      {examples && examples.length > 0 && (
        <div>
          <h4 className="pb-1 text-xs font-semibold text-fg-muted">Example tasks</h4>
          <ul className="space-y-1">
            {examples.map((e) => (
              <li key={e.trace_id} className="flex flex-wrap items-center gap-2 text-xs">
                <Link to={`/traces/${e.trace_id}`} className="font-mono text-accent hover:underline">
                  {e.trace_id.slice(0, 16)}
                </Link>
                <span>{e.name}</span>
                {e.status === "error" && <Badge tone="red">error</Badge>}
                {e.duration_ms !== undefined && <span className="text-fg-muted">{formatMs(e.duration_ms)}</span>}
                {e.started && <Time value={e.started} relative />}
              </li>
            ))}
          </ul>
        </div>
      )}
      {alert.comment && <p className="text-xs text-fg-muted">Comment: “{alert.comment}”</p>}
    </div>
  );
}

function AlertRow({ alert, onRespond }: { alert: Alert; onRespond: (action: "acknowledge" | "resolve") => void }) {
  const can = useCan();
  const [open, setOpen] = useState(false);
  const mayRespond = can("lifecycle") && alert.status !== "resolved";
  return (
    <li>
      <div className="flex flex-wrap items-start gap-3 px-4 py-3">
        <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} aria-label={`Evidence of ${alert.title}`} className="mt-0.5 rounded p-0.5 text-fg-subtle hover:bg-raised hover:text-fg">
          {open ? <ChevronDown className="size-4" aria-hidden /> : <ChevronRight className="size-4" aria-hidden />}
        </button>
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={alert.severity} />
            <Badge tone={STATUS_TONES[alert.status]}>{humanize(alert.status)}</Badge>
            <span className="font-medium">{alert.title}</span>
          </div>
          <p className="text-sm text-fg-muted">{alert.summary}</p>
          <p className="text-xs text-fg-subtle">
            {humanize(alert.category)} · fired <Time value={alert.first_fired_at} relative />
            {alert.fire_count > 1 && ` · ${alert.fire_count} times, last `}
            {alert.fire_count > 1 && <Time value={alert.last_fired_at} relative />}
            {alert.acknowledged_by && ` · acknowledged by ${alert.acknowledged_by}`}
            {alert.resolved_by && ` · resolved by ${alert.resolved_by}`}
            {alert.agent_id && (
              <>
                {" · "}
                <Link to={`/agents/${alert.agent_id}`} className="text-accent hover:underline">
                  agent
                </Link>
              </>
            )}
          </p>
        </div>
        {mayRespond && (
          <div className="flex gap-2">
            {alert.status === "firing" && (
              <Button size="sm" variant="primary" onClick={() => onRespond("acknowledge")} aria-label={`Acknowledge ${alert.title}`}>
                Acknowledge
              </Button>
            )}
            <Button size="sm" onClick={() => onRespond("resolve")} aria-label={`Resolve ${alert.title}`}>
              Resolve
            </Button>
          </div>
        )}
      </div>
      {open && <Evidence alert={alert} />}
    </li>
  );
}

function AlertGroup({ title, open }: { title: string; open: boolean }) {
  const alerts = useAlerts(open);
  const respond = useRespond();
  const [pending, setPending] = useState<{ alert: Alert; action: "acknowledge" | "resolve" } | null>(null);
  return (
    <Card title={title} padded={false}>
      <QueryView query={alerts}>
        {(page) =>
          page.items.length === 0 ? (
            open ? (
              <Empty title="Nothing is firing" icon={<BellOff aria-hidden className="size-8" />}>
                Alerts appear here when a rule's condition holds; rules are judged every minute.
              </Empty>
            ) : (
              <p className="p-4 text-sm text-fg-muted">No alert has been resolved yet.</p>
            )
          ) : (
            <ul aria-label={title} className="divide-y divide-line">
              {page.items.map((a) => (
                <AlertRow key={a.id} alert={a} onRespond={(action) => setPending({ alert: a, action })} />
              ))}
            </ul>
          )
        }
      </QueryView>
      {pending && (
        <ConfirmDialog
          title={`${pending.action === "acknowledge" ? "Acknowledge" : "Resolve"} “${pending.alert.title}”?`}
          message={pending.action === "acknowledge" ? "Others see that someone is on it." : "The alert closes; if its condition still holds it fires again after its cooldown."}
          confirmLabel={pending.action === "acknowledge" ? "Acknowledge" : "Resolve"}
          askReason
          onConfirm={(comment) => respond.mutateAsync({ id: pending.alert.id, action: pending.action, comment })}
          onClose={() => setPending(null)}
        />
      )}
    </Card>
  );
}

export function AlertsList() {
  return (
    <div className="space-y-4">
      <AlertGroup title="Firing and acknowledged" open />
      <AlertGroup title="Recently resolved" open={false} />
    </div>
  );
}
