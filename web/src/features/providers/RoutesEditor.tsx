import { Plus, Trash2 } from "lucide-react";
import { type FormEvent, useState } from "react";

import { ApiError } from "@/api/problem";
import { useCan } from "@/app/scope";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { type Column, DataTable } from "@/components/DataTable";
import { Dialog } from "@/components/Dialog";
import { filterControl, SelectField, TextField } from "@/components/Field";
import { Empty, FormError, QueryView } from "@/components/States";
import { humanize } from "@/lib/format";

import { type Provider, type Route, type RouteBody, useDeleteRoute, useProviders, useRoutes, useSaveRoute } from "./queries";

const STRATEGIES = [
  { value: "ordered", label: "Ordered fallback (the first healthy target serves)" },
  { value: "weighted", label: "Weighted split" },
  { value: "lowest_latency", label: "Lowest latency" },
  { value: "lowest_cost", label: "Lowest cost" },
];

export function RoutesEditor() {
  const can = useCan();
  const admin = can("admin");
  const routes = useRoutes();
  const providers = useProviders();
  const remove = useDeleteRoute();
  const [editing, setEditing] = useState<Route | "new" | null>(null);
  const [deleting, setDeleting] = useState<Route | null>(null);
  const names = new Map((providers.data?.items ?? []).map((p) => [p.id, p.name]));
  const columns: Column<Route>[] = [
    { key: "alias", header: "Model alias", render: (r) => <code className="font-mono font-medium">{r.alias}</code> },
    { key: "strategy", header: "Strategy", render: (r) => humanize(r.strategy) },
    {
      key: "targets",
      header: "Targets",
      render: (r) => (
        <ol className="space-y-0.5 text-xs">
          {r.targets.map((t, i) => (
            <li key={i}>
              {names.get(t.provider_id) ?? t.provider_id} / <code className="font-mono">{t.model}</code>
              {r.strategy === "weighted" && <span className="text-fg-subtle"> · weight {t.weight}</span>}
            </li>
          ))}
        </ol>
      ),
    },
    { key: "policy", header: "Retries", render: (r) => <span className="text-xs text-fg-muted">{r.policy.retries} retries, breaker after {r.policy.failure_threshold} failures</span> },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      render: (r) =>
        admin && (
          <div className="flex justify-end gap-1">
            <Button size="sm" variant="ghost" onClick={() => setEditing(r)} aria-label={`Edit route ${r.alias}`}>
              Edit
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setDeleting(r)} aria-label={`Delete route ${r.alias}`}>
              Delete
            </Button>
          </div>
        ),
    },
  ];
  return (
    <Card
      title="Model routes"
      padded={false}
      actions={
        admin && (
          <Button size="sm" variant="primary" onClick={() => setEditing("new")} disabled={!providers.data?.items.length}>
            <Plus className="size-3.5" aria-hidden /> New route
          </Button>
        )
      }
    >
      <QueryView query={routes}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No routes">Without a route, agents name a provider's model directly (provider/model). A route gives a model alias targets to fail over between.</Empty>
          ) : (
            <DataTable caption="Model routes" columns={columns} rows={page.items} rowKey={(r) => r.id} />
          )
        }
      </QueryView>
      {editing && <RouteDialog route={editing === "new" ? null : editing} providers={providers.data?.items ?? []} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete route ${deleting.alias}?`}
          message="Calls to this alias are refused from now on unless a provider serves a model of that name."
          confirmLabel="Delete"
          danger
          onConfirm={() => remove.mutateAsync(deleting.id)}
          onClose={() => setDeleting(null)}
        />
      )}
    </Card>
  );
}

type Target = { provider_id: string; model: string; weight: string };

function RouteDialog({ route, providers, onClose }: { route: Route | null; providers: Provider[]; onClose: () => void }) {
  const save = useSaveRoute();
  const first = providers[0];
  const [alias, setAlias] = useState(route?.alias ?? "");
  const [strategy, setStrategy] = useState<string>(route?.strategy ?? "ordered");
  const [targets, setTargets] = useState<Target[]>(
    route?.targets.map((t) => ({ provider_id: t.provider_id, model: t.model, weight: String(t.weight) })) ?? [{ provider_id: first?.id ?? "", model: first?.models[0]?.name ?? "", weight: "1" }],
  );
  const [retries, setRetries] = useState(String(route?.policy.retries ?? 2));
  const [threshold, setThreshold] = useState(String(route?.policy.failure_threshold ?? 5));
  const [cooldown, setCooldown] = useState(String(route?.policy.cooldown_s ?? 30));
  const [timeout, setTimeout_] = useState(route?.policy.timeout_s ? String(route.policy.timeout_s) : "");
  const [contextFallback, setContextFallback] = useState(route?.policy.context_fallback ?? true);
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const setTarget = (i: number, patch: Partial<Target>) => setTargets(targets.map((t, j) => (j === i ? { ...t, ...patch } : t)));

  function submit(event: FormEvent) {
    event.preventDefault();
    const body: RouteBody = {
      alias: alias.trim(),
      strategy: strategy as RouteBody["strategy"],
      targets: targets.map((t) => ({ provider_id: t.provider_id, model: t.model.trim(), weight: Number(t.weight || 1) })),
      policy: {
        ...(route?.policy ?? {}),
        retries: Number(retries),
        failure_threshold: Number(threshold),
        cooldown_s: Number(cooldown),
        timeout_s: timeout ? Number(timeout) : null,
        context_fallback: contextFallback,
      },
    };
    save.mutate({ id: route?.id ?? null, body }, { onSuccess: onClose });
  }

  return (
    <Dialog title={route ? `Edit route ${route.alias}` : "New model route"} onClose={onClose} wide>
      <form onSubmit={submit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Model alias" value={alias} onChange={(e) => setAlias(e.target.value)} error={fields.alias} readOnly={Boolean(route)} required placeholder="chat-default" data-autofocus />
          <SelectField label="Strategy" value={strategy} onChange={(e) => setStrategy(e.target.value)} error={fields.strategy} options={STRATEGIES} />
        </div>
        <fieldset className="space-y-2">
          <legend className="text-xs font-medium text-fg-muted">Targets, in order</legend>
          {targets.map((t, i) => {
            const provider = providers.find((p) => p.id === t.provider_id);
            const listId = `models-${i}`;
            const error = Object.entries(fields).find(([f]) => f.startsWith(`targets.${i}.`))?.[1];
            return (
              <div key={i} className="space-y-1">
                <div className="grid grid-cols-[1fr_1fr_5rem_auto] gap-2">
                  <select aria-label={`Provider of target ${i + 1}`} value={t.provider_id} onChange={(e) => setTarget(i, { provider_id: e.target.value })} className={filterControl}>
                    {providers.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                  <input aria-label={`Model of target ${i + 1}`} list={listId} value={t.model} onChange={(e) => setTarget(i, { model: e.target.value })} className={filterControl} required />
                  <datalist id={listId}>
                    {provider?.models.map((m) => (
                      <option key={m.name} value={m.name} />
                    ))}
                  </datalist>
                  <input aria-label={`Weight of target ${i + 1}`} type="number" min={0} step="any" value={t.weight} onChange={(e) => setTarget(i, { weight: e.target.value })} disabled={strategy !== "weighted"} className={filterControl} />
                  <Button variant="ghost" size="sm" onClick={() => setTargets(targets.filter((_, j) => j !== i))} disabled={targets.length === 1} aria-label={`Remove target ${i + 1}`}>
                    <Trash2 className="size-3.5" aria-hidden />
                  </Button>
                </div>
                {error && <p className="text-xs text-red-600 dark:text-red-400">{error}</p>}
              </div>
            );
          })}
          <Button size="sm" onClick={() => setTargets([...targets, { provider_id: first?.id ?? "", model: "", weight: "1" }])}>
            <Plus className="size-3.5" aria-hidden /> Add a target
          </Button>
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-4">
          <TextField label="Retries" type="number" min={0} max={10} value={retries} onChange={(e) => setRetries(e.target.value)} error={fields["policy.retries"]} />
          <TextField label="Timeout (s)" type="number" min={0} step="any" value={timeout} onChange={(e) => setTimeout_(e.target.value)} error={fields["policy.timeout_s"]} placeholder="provider's" />
          <TextField label="Breaker after (failures)" type="number" min={1} value={threshold} onChange={(e) => setThreshold(e.target.value)} error={fields["policy.failure_threshold"]} />
          <TextField label="Breaker cooldown (s)" type="number" min={1} step="any" value={cooldown} onChange={(e) => setCooldown(e.target.value)} error={fields["policy.cooldown_s"]} />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-accent" checked={contextFallback} onChange={(e) => setContextFallback(e.target.checked)} />
          Send prompts too long for a target to one with a larger context window
        </label>
        <FormError error={save.error} shownFields={["alias", "strategy", "targets", "policy"]} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {route ? "Save route" : "Create route"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
