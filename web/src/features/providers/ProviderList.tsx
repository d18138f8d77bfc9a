import { ChevronDown, ChevronRight, Plus, Server } from "lucide-react";
import { Fragment, useState } from "react";

import { useCan } from "@/app/scope";
import { Badge } from "@/components/Badge";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { Empty, QueryView } from "@/components/States";
import { Time } from "@/components/Time";
import { formatMs, formatPercent, humanize } from "@/lib/format";

import { ProviderEditor } from "./ProviderEditor";
import { type Provider, type ProviderHealth, useDeleteProvider, useProviderHealth, useProviders } from "./queries";

const KINDS: Record<string, string> = { openai: "OpenAI", anthropic: "Anthropic", gemini: "Gemini", openai_compatible: "OpenAI-compatible" };

const HEALTH_TONES: Record<string, "green" | "amber" | "red" | "gray"> = { healthy: "green", degraded: "amber", unhealthy: "red", unknown: "gray" };

export function ProviderHealthBadge({ health }: { health: ProviderHealth | undefined }) {
  const status = health?.status ?? "unknown";
  return (
    <Badge tone={HEALTH_TONES[status] ?? "gray"} dot title={health?.probe.error ?? undefined}>
      {humanize(status)}
    </Badge>
  );
}

function HealthDetail({ health }: { health: ProviderHealth | undefined }) {
  if (!health) return <p className="px-4 py-3 text-sm text-fg-muted">Health is loading…</p>;
  return (
    <div className="space-y-2 bg-raised/40 px-4 py-3 text-sm">
      <p className="text-fg-muted">
        Last probe:{" "}
        {health.probe.at ? (
          <>
            {health.probe.ok ? "answered" : `failed${health.probe.error ? ` (${health.probe.error})` : ""}`} <Time value={health.probe.at} relative />
            {health.probe.latency_ms !== null && ` in ${formatMs(health.probe.latency_ms)}`}
          </>
        ) : (
          "none yet"
        )}
        . Calls of the last {Math.round(health.window_s / 60)} minutes through this instance:
      </p>
      {health.targets.length ? (
        <table className="w-full text-xs">
          <caption className="sr-only">Health of {health.name}'s models</caption>
          <thead>
            <tr className="text-left text-fg-subtle">
              <th className="py-1 font-medium">Model</th>
              <th className="py-1 text-right font-medium">Calls</th>
              <th className="py-1 text-right font-medium">Error rate</th>
              <th className="py-1 text-right font-medium">Latency p50</th>
              <th className="py-1 pl-3 font-medium">Breaker</th>
            </tr>
          </thead>
          <tbody>
            {health.targets.map((t) => (
              <tr key={t.model} className="border-t border-line">
                <td className="py-1 font-mono">{t.model}</td>
                <td className="tabular py-1 text-right">{t.calls}</td>
                <td className="tabular py-1 text-right">{formatPercent(t.error_rate)}</td>
                <td className="tabular py-1 text-right">{formatMs(t.latency_ms_p50)}</td>
                <td className="py-1 pl-3">
                  <Badge tone={t.breaker === "closed" ? "green" : t.breaker === "open" ? "red" : "amber"}>{t.breaker}</Badge>
                  {t.breaker_reopens_in_s ? <span className="ml-1 text-fg-muted">retries in {Math.ceil(t.breaker_reopens_in_s)} s</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-xs text-fg-subtle">No calls recently.</p>
      )}
    </div>
  );
}

interface RowActions {
  onEdit: (p: Provider) => void;
  onDelete: (p: Provider) => void;
}

function ProviderRows({ providers, actions }: { providers: Provider[]; actions: RowActions | null }) {
  const health = useProviderHealth(providers.map((p) => p.id));
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Providers</caption>
        <thead>
          <tr className="border-b border-line text-left text-xs font-medium uppercase tracking-wide text-fg-subtle">
            <th className="w-8 px-3 py-2" />
            <th className="px-3 py-2 font-medium">Provider</th>
            <th className="px-3 py-2 font-medium">Kind</th>
            <th className="px-3 py-2 font-medium">Models</th>
            <th className="px-3 py-2 font-medium">Health</th>
            <th className="px-3 py-2 font-medium">Serving</th>
            {actions && (
              <th className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {providers.map((p) => (
            <Fragment key={p.id}>
              <tr className="border-b border-line">
                <td className="px-3 py-2">
                  <button
                    type="button"
                    onClick={() => setOpen(open === p.id ? null : p.id)}
                    aria-expanded={open === p.id}
                    aria-label={`Health of ${p.name}`}
                    className="rounded p-0.5 text-fg-subtle hover:bg-raised hover:text-fg"
                  >
                    {open === p.id ? <ChevronDown className="size-4" aria-hidden /> : <ChevronRight className="size-4" aria-hidden />}
                  </button>
                </td>
                <td className="px-3 py-2">
                  <div className="font-medium">{p.name}</div>
                  <div className="truncate text-xs text-fg-subtle">{p.base_url}</div>
                </td>
                <td className="px-3 py-2">{KINDS[p.kind] ?? humanize(p.kind)}</td>
                <td className="px-3 py-2 text-xs">
                  {p.models.length ? p.models.map((m) => m.name).join(", ") : <span className="text-fg-subtle">any</span>}
                </td>
                <td className="px-3 py-2">
                  <ProviderHealthBadge health={health.get(p.id)?.data} />
                </td>
                <td className="px-3 py-2">
                  {p.enabled ? <Badge tone="green">Enabled</Badge> : <Badge>Disabled</Badge>}
                  {!p.has_api_key && p.kind !== "openai_compatible" && <Badge tone="amber">No key</Badge>}
                </td>
                {actions && (
                  <td className="px-3 py-2">
                    <div className="flex justify-end gap-1">
                      <Button size="sm" variant="ghost" onClick={() => actions.onEdit(p)} aria-label={`Edit provider ${p.name}`}>
                        Edit
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => actions.onDelete(p)} aria-label={`Delete provider ${p.name}`}>
                        Delete
                      </Button>
                    </div>
                  </td>
                )}
              </tr>
              {open === p.id && (
                <tr className="border-b border-line">
                  <td colSpan={actions ? 7 : 6} className="p-0">
                    <HealthDetail health={health.get(p.id)?.data} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProviderList() {
  const providers = useProviders();
  const can = useCan();
  // Registering and changing providers takes gateway.manage, which only Admins hold; the server checks again.
  const admin = can("admin");
  const remove = useDeleteProvider();
  const [editing, setEditing] = useState<Provider | "new" | null>(null);
  const [deleting, setDeleting] = useState<Provider | null>(null);
  return (
    <Card
      title="Providers"
      padded={false}
      actions={
        admin && (
          <Button size="sm" variant="primary" onClick={() => setEditing("new")}>
            <Plus className="size-3.5" aria-hidden /> New provider
          </Button>
        )
      }
    >
      <QueryView query={providers}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No providers registered" icon={<Server aria-hidden className="size-8" />}>
              {admin ? "Register one with New provider" : "An Admin registers them"} (kind, base URL, key); the gateway then routes agents' calls to it.
            </Empty>
          ) : (
            <ProviderRows providers={page.items} actions={admin ? { onEdit: setEditing, onDelete: setDeleting } : null} />
          )
        }
      </QueryView>
      {editing && <ProviderEditor provider={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete provider ${deleting.name}?`}
          message="Its sealed key goes with it, and calls naming its models are refused from now on. A provider a route still sends calls to cannot be deleted."
          confirmLabel="Delete"
          danger
          onConfirm={() => remove.mutateAsync(deleting.id)}
          onClose={() => setDeleting(null)}
        />
      )}
    </Card>
  );
}
