import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, Copy, TriangleAlert } from "lucide-react";
import { type FormEvent, useState } from "react";

import { api, type Schemas, unwrap } from "@/api/client";
import { ApiError } from "@/api/problem";
import { useCan, useScope } from "@/app/scope";
import { Badge } from "@/components/Badge";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { CursorPager, useCursorPages } from "@/components/CursorPager";
import { type Column, DataTable } from "@/components/DataTable";
import { Dialog } from "@/components/Dialog";
import { SelectField, TextField } from "@/components/Field";
import { Empty, FormError, QueryView } from "@/components/States";
import { Time } from "@/components/Time";
import { useAgentNames } from "@/features/traces/queries";

import { roleLabel, roleOptions } from "./roles";

type ApiKey = Schemas["ApiKeyPublic"];

export function ApiKeysSettings() {
  const { params, projects } = useScope();
  const can = useCan();
  const queryClient = useQueryClient();
  const names = useAgentNames();
  const [showRevoked, setShowRevoked] = useState(false);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const pages = useCursorPages(`${params.project_id}-${showRevoked}`);
  const keys = useQuery({
    queryKey: ["api-keys", params.project_id, showRevoked, pages.cursor],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/api-keys", { params: { query: { project_id: params.project_id, include_revoked: showRevoked, cursor: pages.cursor, limit: 50 } } })),
  });
  const projectName = (id: string) => projects.find((p) => p.id === id)?.name ?? id;

  const columns: Column<ApiKey>[] = [
    {
      key: "key",
      header: "Key",
      render: (k) => (
        <div>
          <div className="font-medium">{k.name || <span className="text-fg-subtle">unnamed</span>}</div>
          <code className="font-mono text-xs text-fg-subtle">{k.prefix}…</code>
        </div>
      ),
    },
    {
      key: "scope",
      header: "Acts as",
      render: (k) => (k.agent_id ? <span>agent {names.data?.get(k.agent_id) ?? k.agent_id}</span> : <span>{roleLabel(k.role)} in {projectName(k.project_id)}</span>),
    },
    { key: "created", header: "Created", render: (k) => <Time value={k.created_at} /> },
    { key: "used", header: "Last used", render: (k) => <Time value={k.last_used_at} relative /> },
    { key: "expires", header: "Expires", render: (k) => (k.expires_at ? <Time value={k.expires_at} /> : <span className="text-fg-subtle">never</span>) },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      render: (k) =>
        k.revoked_at ? (
          <Badge>Revoked</Badge>
        ) : (
          can("admin") && (
            <Button size="sm" variant="ghost" onClick={() => setRevoking(k)}>
              Revoke
            </Button>
          )
        ),
    },
  ];

  return (
    <Card
      padded={false}
      title="API keys"
      actions={
        <>
          <label className="flex items-center gap-1.5 text-xs text-fg-muted">
            <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} /> Show revoked
          </label>
          {(can("admin") || can("edit")) && (
            <Button size="sm" variant="primary" onClick={() => setCreating(true)}>
              Create key
            </Button>
          )}
        </>
      }
    >
      <QueryView query={keys}>
        {(page) =>
          page.items.length ? (
            <>
              <DataTable caption="API keys" columns={columns} rows={page.items} rowKey={(k) => k.id} />
              <CursorPager pages={pages} nextCursor={page.next_cursor} count={page.items.length} />
            </>
          ) : (
            <Empty title="No API keys">Agents and exporters authenticate with a project key (a role within a project) or an agent key (acts as one agent).</Empty>
          )
        }
      </QueryView>
      {creating && <CreateKeyDialog onClose={() => setCreating(false)} />}
      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.name || revoking.prefix}?`}
          message="The key stops working at once; whatever uses it is refused."
          confirmLabel="Revoke"
          danger
          onConfirm={async () => {
            unwrap(await api.DELETE("/api/v1/api-keys/{key_id}", { params: { path: { key_id: revoking.id } } }));
            await queryClient.invalidateQueries({ queryKey: ["api-keys"] });
          }}
          onClose={() => setRevoking(null)}
        />
      )}
    </Card>
  );
}

function CreateKeyDialog({ onClose }: { onClose: () => void }) {
  const { projects, projectId } = useScope();
  const names = useAgentNames();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ kind: "project", project_id: projectId ?? projects[0]?.id ?? "", role: "agent_owner", agent_id: "", name: "", expires_in_days: "" });
  const create = useMutation({
    mutationFn: async () => {
      const common = { name: form.name, expires_in_days: form.expires_in_days ? Number(form.expires_in_days) : null };
      const body = form.kind === "agent" ? { ...common, agent_id: form.agent_id } : { ...common, project_id: form.project_id, role: form.role as Schemas["Role"] };
      return unwrap(await api.POST("/api/v1/api-keys", { body }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["api-keys"] }),
  });
  const fields = create.error instanceof ApiError ? create.error.fieldErrors : {};

  if (create.data) return <NewKeyDialog created={create.data} onClose={onClose} />;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  const agents = [...(names.data ?? new Map<string, string>())];
  return (
    <Dialog title="Create an API key" onClose={onClose}>
      <form onSubmit={submit} className="space-y-3">
        <TextField label="Name" placeholder="e.g. support-triage exporter" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={fields.name} data-autofocus />
        <SelectField
          label="Kind"
          value={form.kind}
          onChange={(e) => setForm({ ...form, kind: e.target.value })}
          options={[
            { value: "project", label: "Project key: a role within a project" },
            { value: "agent", label: "Agent key: acts as one agent" },
          ]}
        />
        {form.kind === "project" ? (
          <>
            <SelectField label="Project" value={form.project_id} onChange={(e) => setForm({ ...form, project_id: e.target.value })} options={projects.map((p) => ({ value: p.id, label: p.name }))} error={fields.project_id} />
            <SelectField label="Role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })} options={roleOptions} error={fields.role} hint="Exporters sending telemetry need Agent owner or Admin." />
          </>
        ) : (
          <SelectField label="Agent" value={form.agent_id} onChange={(e) => setForm({ ...form, agent_id: e.target.value })} options={[{ value: "", label: "Choose an agent" }, ...agents.map(([id, name]) => ({ value: id, label: name }))]} error={fields.agent_id} />
        )}
        <TextField label="Expires after (days, optional)" type="number" min={1} max={3650} value={form.expires_in_days} onChange={(e) => setForm({ ...form, expires_in_days: e.target.value })} error={fields.expires_in_days} />
        <FormError error={create.error} shownFields={["name", "project_id", "role", "agent_id", "expires_in_days"]} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create key
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** The new key, shown this once: AMS keeps only its hash. */
export function NewKeyDialog({ created, onClose }: { created: Schemas["ApiKeyCreated"]; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    // The clipboard API exists only on secure origins (https, localhost); elsewhere the key is selected instead.
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
      return;
    }
    const node = document.querySelector('[data-testid="new-api-key"]');
    if (node) window.getSelection()?.selectAllChildren(node);
  }
  return (
    <Dialog title="Your new API key" onClose={onClose} footer={<Button variant="primary" onClick={onClose}>I have saved it</Button>}>
      <p className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        Copy it now. It is shown only this once: AMS keeps just a hash of it.
      </p>
      <div className="flex items-center gap-2">
        <code data-testid="new-api-key" className="min-w-0 flex-1 break-all rounded-md bg-raised p-2 font-mono text-xs">
          {created.key}
        </code>
        <Button size="sm" onClick={copy} aria-label="Copy the key">
          {copied ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="text-xs text-fg-muted">
        Use it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>, e.g. in <code className="font-mono">OTEL_EXPORTER_OTLP_HEADERS</code> or as an OpenAI client's API key.
      </p>
    </Dialog>
  );
}
