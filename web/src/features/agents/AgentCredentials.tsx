import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { type FormEvent, useState } from "react";

import { api, type Schemas, unwrap } from "@/api/client";
import { ApiError } from "@/api/problem";
import { useCan } from "@/app/scope";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { type Column, DataTable } from "@/components/DataTable";
import { Dialog } from "@/components/Dialog";
import { SelectField, TextField } from "@/components/Field";
import { Empty, FormError, QueryView } from "@/components/States";
import { Time } from "@/components/Time";
import { humanize } from "@/lib/format";

import type { Agent } from "./queries";

type Credential = Schemas["CredentialPublic"];
type CredentialType = Schemas["CredentialType"];

// The secret fields each type takes (as the vault's schema says); the values are sent once and never shown again.
const SECRET_FIELDS: Record<CredentialType, { name: string; label: string; secret: boolean }[]> = {
  api_key: [{ name: "key", label: "Key", secret: true }],
  oauth_token: [
    { name: "access_token", label: "Access token", secret: true },
    { name: "refresh_token", label: "Refresh token (optional)", secret: true },
  ],
  webhook_secret: [{ name: "secret", label: "Secret", secret: true }],
  basic_auth: [
    { name: "username", label: "Username", secret: false },
    { name: "password", label: "Password", secret: true },
  ],
};

export function AgentCredentials({ agent }: { agent: Agent }) {
  const can = useCan();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const credentials = useQuery({
    queryKey: ["agents", "credentials", agent.id],
    queryFn: async () => unwrap(await api.GET("/api/v1/agents/{agent}/credentials", { params: { path: { agent: agent.id } } })),
  });

  const columns: Column<Credential>[] = [
    { key: "name", header: "Name", render: (c) => <code className="font-mono text-xs">{c.name}</code> },
    { key: "type", header: "Type", render: (c) => humanize(c.type) },
    { key: "updated", header: "Updated", render: (c) => <Time value={c.updated_at} /> },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      render: (c) =>
        can("edit") && (
          <Button size="sm" variant="ghost" onClick={() => setDeleting(c.name)} aria-label={`Delete credential ${c.name}`}>
            Delete
          </Button>
        ),
    },
  ];

  return (
    <Card
      padded={false}
      title="Credentials"
      actions={
        can("edit") && (
          <Button size="sm" variant="primary" onClick={() => setAdding(true)}>
            Add credential
          </Button>
        )
      }
    >
      <p className="border-b border-line px-4 py-2 text-xs text-fg-subtle">Secrets are encrypted at rest and never shown again, not even to admins. Replace one by saving it under the same name.</p>
      <QueryView query={credentials}>
        {(items) =>
          items.length ? (
            <DataTable caption="Credentials" columns={columns} rows={items} rowKey={(c) => c.name} />
          ) : (
            <Empty title="No credentials" icon={<KeyRound className="size-8" aria-hidden />}>
              Store the provider keys and webhook secrets this agent's configuration names.
            </Empty>
          )
        }
      </QueryView>
      {adding && <CredentialDialog agent={agent} onClose={() => setAdding(false)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting}?`}
          message="The secret is destroyed; anything that uses it stops working."
          confirmLabel="Delete"
          danger
          onConfirm={async () => {
            await api.DELETE("/api/v1/agents/{agent}/credentials/{name}", { params: { path: { agent: agent.id, name: deleting } } });
            await queryClient.invalidateQueries({ queryKey: ["agents", "credentials", agent.id] });
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </Card>
  );
}

function CredentialDialog({ agent, onClose }: { agent: Agent; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [type, setType] = useState<CredentialType>("api_key");
  const [values, setValues] = useState<Record<string, string>>({});
  const put = useMutation({
    mutationFn: async () => {
      const secrets = Object.fromEntries(SECRET_FIELDS[type].map((f) => [f.name, values[f.name] || null]).filter(([, v]) => v));
      return unwrap(
        await api.PUT("/api/v1/agents/{agent}/credentials/{name}", {
          params: { path: { agent: agent.id, name } },
          body: { type, ...secrets } as Schemas["CredentialPut"],
        }),
      );
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["agents", "credentials", agent.id] });
      onClose();
    },
  });
  const fields = put.error instanceof ApiError ? put.error.fieldErrors : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    put.mutate();
  }

  return (
    <Dialog title="Add a credential" onClose={onClose}>
      <form onSubmit={submit} className="space-y-3" autoComplete="off">
        <TextField label="Name" required pattern="[A-Za-z0-9_.\-]{1,100}" hint="Letters, digits, _ . - ; the configuration refers to it by this name." value={name} onChange={(e) => setName(e.target.value)} error={fields.name} data-autofocus />
        <SelectField label="Type" value={type} onChange={(e) => setType(e.target.value as CredentialType)} options={Object.keys(SECRET_FIELDS).map((t) => ({ value: t, label: humanize(t) }))} error={fields.type} />
        {SECRET_FIELDS[type].map((f) => (
          <TextField key={f.name} label={f.label} type={f.secret ? "password" : "text"} autoComplete="new-password" value={values[f.name] ?? ""} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} error={fields[f.name]} />
        ))}
        <FormError error={put.error} shownFields={["name", "type", ...SECRET_FIELDS[type].map((f) => f.name)]} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={put.isPending}>
            Save secret
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
