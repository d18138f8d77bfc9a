import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { api, type Schemas, unwrap } from "@/api/client";
import { ApiError } from "@/api/problem";
import { useCan, useScope } from "@/app/scope";
import { Badge } from "@/components/Badge";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { type Column, DataTable } from "@/components/DataTable";
import { Dialog } from "@/components/Dialog";
import { filterControl, SelectField, TextField } from "@/components/Field";
import { Empty, FormError, InlineError, QueryView } from "@/components/States";
import { Time } from "@/components/Time";

import { roleOptions, ROLES } from "./roles";

type Member = Schemas["MemberPublic"];

export function UsersSettings() {
  const { organizationId, me } = useScope();
  const can = useCan();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const members = useQuery({
    queryKey: ["users", organizationId],
    queryFn: async () => unwrap(await api.GET("/api/v1/users", { params: { query: { organization_id: organizationId } } })),
  });
  const changeRole = useMutation({
    mutationFn: async ({ id, role }: { id: string; role: Schemas["Role"] }) =>
      unwrap(await api.PATCH("/api/v1/users/{user_id}", { params: { path: { user_id: id } }, body: { organization_id: organizationId, role } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["users", organizationId] }),
  });
  const admin = can("admin");

  const columns: Column<Member>[] = [
    {
      key: "user",
      header: "User",
      render: (m) => (
        <div>
          <div className="font-medium">{m.name || m.email}</div>
          {m.name && <div className="text-xs text-fg-subtle">{m.email}</div>}
        </div>
      ),
    },
    {
      key: "role",
      header: "Role",
      render: (m) =>
        admin && m.id !== me.id ? (
          <label>
            <span className="sr-only">Role of {m.email}</span>
            <select value={m.role} onChange={(e) => changeRole.mutate({ id: m.id, role: e.target.value as Schemas["Role"] })} className={filterControl}>
              {roleOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          ROLES.find((r) => r.value === m.role)?.label
        ),
    },
    { key: "status", header: "Status", render: (m) => (m.invitation_pending ? <Badge tone="amber">Invited</Badge> : m.is_active ? <Badge tone="green">Active</Badge> : <Badge>Disabled</Badge>) },
    { key: "since", header: "Since", render: (m) => <Time value={m.created_at} /> },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      render: (m) =>
        admin && m.id !== me.id && (
          <Button size="sm" variant="ghost" onClick={() => setRemoving(m)}>
            Remove
          </Button>
        ),
    },
  ];

  return (
    <Card
      padded={false}
      title="Members"
      actions={
        admin && (
          <Button size="sm" variant="primary" onClick={() => setAdding(true)}>
            Add user
          </Button>
        )
      }
    >
      <ul className="grid gap-x-6 gap-y-1 border-b border-line px-4 py-3 text-xs text-fg-muted sm:grid-cols-2">
        {ROLES.map((r) => (
          <li key={r.value}>
            <strong className="text-fg">{r.label}</strong> {r.explain}
          </li>
        ))}
      </ul>
      {changeRole.error && (
        <div className="p-3">
          <InlineError error={changeRole.error} />
        </div>
      )}
      <QueryView query={members}>
        {(items) => (items.length ? <DataTable caption="Members and their roles" columns={columns} rows={items} rowKey={(m) => m.id} /> : <Empty title="No members" />)}
      </QueryView>
      {adding && <AddUserDialog organizationId={organizationId} onClose={() => setAdding(false)} />}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.email}?`}
          message="They lose access to this organization at once. Their audit entries stay."
          confirmLabel="Remove"
          danger
          onConfirm={async () => {
            await api.DELETE("/api/v1/users/{user_id}", { params: { path: { user_id: removing.id }, query: { organization_id: organizationId } } });
            await queryClient.invalidateQueries({ queryKey: ["users", organizationId] });
          }}
          onClose={() => setRemoving(null)}
        />
      )}
    </Card>
  );
}

function AddUserDialog({ organizationId, onClose }: { organizationId: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ email: "", name: "", role: "viewer", password: "", invite: true });
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/api/v1/users", {
          body: {
            email: form.email,
            name: form.name,
            organization_id: organizationId,
            role: form.role as Schemas["Role"],
            password: form.invite ? null : form.password,
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["users", organizationId] }),
  });
  const fields = create.error instanceof ApiError ? create.error.fieldErrors : {};

  if (create.data) {
    return (
      <Dialog title="User added" onClose={onClose} footer={<Button variant="primary" onClick={onClose}>Done</Button>}>
        <p className="text-sm">{create.data.email} was added as {ROLES.find((r) => r.value === create.data.role)?.label}.</p>
        {create.data.invitation_token && (
          <>
            <p className="text-sm text-fg-muted">Send them this invitation token; they set their password with it. It is shown only now.</p>
            <code className="block break-all rounded-md bg-raised p-2 font-mono text-xs">{create.data.invitation_token}</code>
          </>
        )}
      </Dialog>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <Dialog title="Add a user" onClose={onClose}>
      <form onSubmit={submit} className="space-y-3">
        <TextField label="Email" type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} error={fields.email} data-autofocus />
        <TextField label="Name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={fields.name} />
        <SelectField label="Role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })} options={roleOptions} error={fields.role} />
        <fieldset className="space-y-1 text-sm">
          <legend className="text-xs font-medium text-fg-muted">Password</legend>
          <label className="flex items-center gap-2">
            <input type="radio" checked={form.invite} onChange={() => setForm({ ...form, invite: true })} /> Invite: they set it with a one-time token
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" checked={!form.invite} onChange={() => setForm({ ...form, invite: false })} /> Set it now
          </label>
        </fieldset>
        {!form.invite && <TextField label="Password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} error={fields.password} />}
        <FormError error={create.error} shownFields={["email", "name", "role", "password"]} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Add user
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
