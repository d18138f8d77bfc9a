import { Plus } from "lucide-react";
import { type FormEvent, useState } from "react";

import { ApiError } from "@/api/problem";
import { useCan } from "@/app/scope";
import { Badge } from "@/components/Badge";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { type Column, DataTable } from "@/components/DataTable";
import { Dialog } from "@/components/Dialog";
import { SelectField, TextArea, TextField } from "@/components/Field";
import { FormError, QueryView } from "@/components/States";
import { Time } from "@/components/Time";
import { humanize } from "@/lib/format";

import { SeverityBadge } from "./AlertsList";
import { type AlertRule, type RuleBody, useAlertRules, useChannels, useDeleteRule, useEvaluateNow, useMetrics, useSaveRule } from "./queries";

const CONDITIONS = [
  { value: "above", label: "above" },
  { value: "below", label: "below" },
  { value: "change_above", label: "grows by more than (%)" },
  { value: "change_below", label: "falls by more than (%)" },
  { value: "deviation", label: "deviates from baseline (σ)" },
];
const SEVERITIES = ["info", "warning", "high", "critical", "emergency"];
const CATEGORIES = ["performance", "cost", "security", "system", "compliance"];
const SCOPES = ["fleet", "project", "agent", "tag", "provider", "model"];
const options = (values: string[]) => values.map((v) => ({ value: v, label: humanize(v) }));

const plural = (n: number | undefined, word: string) => `${n ?? 0} ${word}${n === 1 ? "" : "s"}`;

export function describeCondition(rule: Pick<AlertRule, "metric" | "condition" | "threshold" | "window">): string {
  const label = CONDITIONS.find((c) => c.value === rule.condition)?.label ?? rule.condition;
  return `${rule.metric} ${label} ${rule.threshold} over ${rule.window}`;
}

export function AlertRules() {
  const can = useCan();
  const rules = useAlertRules();
  const evaluate = useEvaluateNow();
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<AlertRule | "new" | null>(null);
  const [deleting, setDeleting] = useState<AlertRule | null>(null);
  const admin = can("admin");
  const columns: Column<AlertRule>[] = [
    {
      key: "name",
      header: "Rule",
      render: (r) => (
        <div>
          <span className="font-medium">{r.name}</span> {r.builtin && <Badge>built-in</Badge>}
          {r.description && <div className="text-xs text-fg-subtle">{r.description}</div>}
        </div>
      ),
    },
    { key: "when", header: "Fires when", render: (r) => <code className="font-mono text-xs">{describeCondition(r)}</code> },
    { key: "scope", header: "Scope", render: (r) => (r.scope.type === "fleet" ? "Fleet" : `${humanize(r.scope.type ?? "fleet")} ${r.scope.value}`) },
    { key: "severity", header: "Severity", render: (r) => <SeverityBadge severity={r.severity} /> },
    { key: "enabled", header: "State", render: (r) => (r.enabled ? <Badge tone="green" dot>Enabled</Badge> : <Badge>Disabled</Badge>) },
    { key: "evaluated", header: "Last judged", render: (r) => <Time value={r.last_evaluated_at} relative /> },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      render: (r) =>
        admin && (
          <div className="flex justify-end gap-1">
            <Button size="sm" variant="ghost" onClick={() => setEditing(r)} aria-label={`Edit ${r.name}`}>
              Edit
            </Button>
            {!r.builtin && (
              <Button size="sm" variant="ghost" onClick={() => setDeleting(r)} aria-label={`Delete ${r.name}`}>
                Delete
              </Button>
            )}
          </div>
        ),
    },
  ];
  return (
    <Card
      title="Alert rules"
      padded={false}
      actions={
        admin && (
          <>
            <Button size="sm" onClick={() => evaluate.mutate()} busy={evaluate.isPending}>
              Judge now
            </Button>
            <Button size="sm" variant="primary" onClick={() => setEditing("new")}>
              <Plus className="size-3.5" aria-hidden /> New rule
            </Button>
          </>
        )
      }
    >
      {evaluate.data && (
        <p role="status" className="border-b border-line px-4 py-2 text-sm text-fg-muted">
          Judged {plural(evaluate.data.rules, "rule")}: {plural(evaluate.data.opened, "alert")} opened, {evaluate.data.resolved} resolved.
        </p>
      )}
      <QueryView query={rules}>{(page) => <DataTable caption="Alert rules" columns={columns} rows={page.items} rowKey={(r) => r.id} />}</QueryView>
      {editing && <RuleDialog rule={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          message="The rule stops being judged; its past alerts stay."
          confirmLabel="Delete"
          danger
          onConfirm={() => remove.mutateAsync(deleting.id)}
          onClose={() => setDeleting(null)}
        />
      )}
    </Card>
  );
}

interface RuleForm {
  name: string;
  description: string;
  metric: string;
  window: string;
  scopeType: string;
  scopeValue: string;
  condition: string;
  threshold: string;
  min_tasks: string;
  severity: string;
  category: string;
  interval_s: string;
  cooldown_s: string;
  channel_ids: string[];
  enabled: boolean;
}

function toForm(rule: AlertRule | null): RuleForm {
  return {
    name: rule?.name ?? "",
    description: rule?.description ?? "",
    metric: rule?.metric ?? "error_rate",
    window: rule?.window ?? "15m",
    scopeType: rule?.scope.type ?? "fleet",
    scopeValue: rule?.scope.value ?? "",
    condition: rule?.condition ?? "above",
    threshold: rule ? String(rule.threshold) : "",
    min_tasks: String(rule?.min_tasks ?? 0),
    severity: rule?.severity ?? "warning",
    category: rule?.category ?? "performance",
    interval_s: String(rule?.interval_s ?? 60),
    cooldown_s: String(rule?.cooldown_s ?? 900),
    channel_ids: rule?.channel_ids ?? [],
    enabled: rule?.enabled ?? true,
  };
}

export function toRuleBody(form: RuleForm): RuleBody {
  return {
    name: form.name.trim(),
    description: form.description,
    metric: form.metric,
    window: form.window.trim(),
    scope: { type: form.scopeType as never, value: form.scopeType === "fleet" ? "" : form.scopeValue.trim() },
    condition: form.condition as RuleBody["condition"],
    threshold: Number(form.threshold),
    min_tasks: Number(form.min_tasks || 0),
    severity: form.severity as RuleBody["severity"],
    category: form.category as RuleBody["category"],
    interval_s: Number(form.interval_s),
    cooldown_s: Number(form.cooldown_s),
    channel_ids: form.channel_ids,
    enabled: form.enabled,
  };
}

function RuleDialog({ rule, onClose }: { rule: AlertRule | null; onClose: () => void }) {
  const metrics = useMetrics();
  const channels = useChannels();
  const save = useSaveRule();
  const [form, setForm] = useState(() => toForm(rule));
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const set = (patch: Partial<RuleForm>) => setForm((f) => ({ ...f, ...patch }));
  const metric = metrics.data?.find((m) => m.name === form.metric);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ id: rule?.id ?? null, body: toRuleBody(form) }, { onSuccess: onClose });
  }

  return (
    <Dialog title={rule ? `Edit ${rule.name}` : "New alert rule"} onClose={onClose} wide>
      <form onSubmit={submit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Name" value={form.name} onChange={(e) => set({ name: e.target.value })} error={fields.name} required data-autofocus />
          <SelectField
            label="Metric"
            value={form.metric}
            onChange={(e) => set({ metric: e.target.value })}
            error={fields.metric}
            hint={metric ? `${metric.description} (${metric.unit})` : undefined}
            options={(metrics.data ?? [{ name: form.metric }]).map((m) => ({ value: m.name, label: m.name }))}
          />
          <SelectField label="Condition" value={form.condition} onChange={(e) => set({ condition: e.target.value })} error={fields.condition} options={CONDITIONS} />
          <TextField label="Threshold" type="number" step="any" value={form.threshold} onChange={(e) => set({ threshold: e.target.value })} error={fields.threshold} required />
          <TextField label="Window" value={form.window} onChange={(e) => set({ window: e.target.value })} error={fields.window} hint="5m, 15m, 1h, 24h, 7d…" />
          <TextField label="Minimum tasks" type="number" min={0} value={form.min_tasks} onChange={(e) => set({ min_tasks: e.target.value })} error={fields.min_tasks} />
          <SelectField label="Scope" value={form.scopeType} onChange={(e) => set({ scopeType: e.target.value })} error={fields["scope.type"]} options={options(SCOPES)} />
          {form.scopeType !== "fleet" && <TextField label={`${humanize(form.scopeType)} (id or name)`} value={form.scopeValue} onChange={(e) => set({ scopeValue: e.target.value })} error={fields["scope.value"] ?? fields.scope} />}
          <SelectField label="Severity" value={form.severity} onChange={(e) => set({ severity: e.target.value })} error={fields.severity} options={options(SEVERITIES)} />
          <SelectField label="Category" value={form.category} onChange={(e) => set({ category: e.target.value })} error={fields.category} options={options(CATEGORIES)} />
          <TextField label="Judge every (seconds)" type="number" min={10} value={form.interval_s} onChange={(e) => set({ interval_s: e.target.value })} error={fields.interval_s} />
          <TextField label="Cooldown (seconds)" type="number" min={0} value={form.cooldown_s} onChange={(e) => set({ cooldown_s: e.target.value })} error={fields.cooldown_s} />
        </div>
        <TextArea label="Description" rows={2} value={form.description} onChange={(e) => set({ description: e.target.value })} error={fields.description} />
        {(channels.data?.items.length ?? 0) > 0 && (
          <fieldset className="space-y-1">
            <legend className="text-xs font-medium text-fg-muted">Notify (none ticked: every channel whose filters match)</legend>
            {channels.data?.items.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-accent"
                  checked={form.channel_ids.includes(c.id)}
                  onChange={(e) => set({ channel_ids: e.target.checked ? [...form.channel_ids, c.id] : form.channel_ids.filter((id) => id !== c.id) })}
                />
                {c.name} <span className="text-xs text-fg-subtle">{c.kind}</span>
              </label>
            ))}
            {fields.channel_ids && <p className="text-xs text-red-600 dark:text-red-400">{fields.channel_ids}</p>}
          </fieldset>
        )}
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-accent" checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          Enabled
        </label>
        <FormError error={save.error} shownFields={["name", "metric", "condition", "threshold", "window", "min_tasks", "scope", "severity", "category", "interval_s", "cooldown_s", "description", "channel_ids"]} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {rule ? "Save rule" : "Create rule"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
