import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { api, type Schemas, unwrap } from "@/api/client";
import { ApiError } from "@/api/problem";
import { useCan, useScope } from "@/app/scope";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { type Column, DataTable } from "@/components/DataTable";
import { Dialog } from "@/components/Dialog";
import { TextArea, TextField } from "@/components/Field";
import { FormError } from "@/components/States";
import { Time } from "@/components/Time";

type Project = Schemas["ProjectPublic"];

export function ProjectsSettings() {
  const { projects, organizationId } = useScope();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const columns: Column<Project>[] = [
    { key: "name", header: "Project", render: (p) => <span className="font-medium">{p.name}</span> },
    { key: "slug", header: "Slug", render: (p) => <code className="font-mono text-xs">{p.slug}</code> },
    { key: "description", header: "Description", render: (p) => <span className="text-fg-muted">{p.description}</span> },
    { key: "id", header: "Id", render: (p) => <code className="font-mono text-xs text-fg-subtle">{p.id}</code> },
    { key: "created", header: "Created", render: (p) => <Time value={p.created_at} /> },
  ];
  return (
    <Card
      padded={false}
      title="Projects"
      actions={
        can("admin") && (
          <Button size="sm" variant="primary" onClick={() => setCreating(true)}>
            New project
          </Button>
        )
      }
    >
      <DataTable caption="Projects of this organization" columns={columns} rows={projects} rowKey={(p) => p.id} />
      {creating && <NewProjectDialog organizationId={organizationId} onClose={() => setCreating(false)} />}
    </Card>
  );
}

function NewProjectDialog({ organizationId, onClose }: { organizationId: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: "", description: "" });
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST("/api/v1/projects", { body: { organization_id: organizationId, ...form } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["projects"] });
      onClose();
    },
  });
  const fields = create.error instanceof ApiError ? create.error.fieldErrors : {};
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <Dialog title="New project" onClose={onClose}>
      <form onSubmit={submit} className="space-y-3">
        <TextField label="Name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={fields.name} data-autofocus />
        <TextArea label="Description" rows={2} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} error={fields.description} />
        <FormError error={create.error} shownFields={["name", "description"]} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create project
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
