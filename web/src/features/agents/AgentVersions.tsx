import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { api, type Schemas, unwrap } from "@/api/client";
import { ApiError } from "@/api/problem";
import { useCan } from "@/app/scope";
import { Badge } from "@/components/Badge";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { type Column, DataTable } from "@/components/DataTable";
import { Dialog } from "@/components/Dialog";
import { TextArea, TextField } from "@/components/Field";
import { Empty, FormError, QueryView } from "@/components/States";
import { Time } from "@/components/Time";
import { useWindowParam, WindowSelect } from "@/components/WindowSelect";
import { formatCount, formatMs, formatPercent, formatUsd } from "@/lib/format";

import { type Agent, useAgentKpis, useVersions } from "./queries";

type Version = Schemas["VersionPublic"];

export function AgentVersions({ agent }: { agent: Agent }) {
  const [window, setWindow] = useWindowParam("7d");
  const versions = useVersions(agent.id);
  const kpis = useAgentKpis(agent.id, window);
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const byVersion = new Map((kpis.data?.by_version ?? []).map((v) => [v.version, v.kpis]));

  const columns: Column<Version>[] = [
    {
      key: "version",
      header: "Version",
      render: (v) => (
        <span className="flex items-center gap-2 font-medium">
          v{v.version} {v.is_current && <Badge tone="green">current</Badge>}
        </span>
      ),
    },
    { key: "model", header: "Model", render: (v) => v.model ?? <span className="text-fg-subtle">–</span> },
    { key: "tasks", header: "Tasks", align: "right", render: (v) => formatCount(byVersion.get(v.version)?.tasks ?? 0) },
    { key: "tsr", header: "TSR", align: "right", render: (v) => formatPercent(byVersion.get(v.version)?.tsr) },
    { key: "errors", header: "Error rate", align: "right", render: (v) => formatPercent(byVersion.get(v.version)?.error_rate) },
    { key: "p95", header: "p95", align: "right", render: (v) => formatMs(byVersion.get(v.version)?.latency_ms.p95) },
    { key: "cost", header: "Cost/task", align: "right", render: (v) => formatUsd(byVersion.get(v.version)?.cost_per_task) },
    { key: "notes", header: "Notes", render: (v) => <span className="line-clamp-1 text-fg-muted">{v.notes}</span> },
    { key: "created", header: "Created", render: (v) => <Time value={v.created_at} /> },
  ];

  return (
    <Card
      padded={false}
      title="Versions"
      actions={
        <>
          <WindowSelect value={window} onChange={setWindow} />
          {can("edit") && (
            <Button size="sm" variant="primary" onClick={() => setCreating(true)}>
              New version
            </Button>
          )}
        </>
      }
    >
      <QueryView query={versions}>
        {(page) =>
          page.items.length ? (
            <DataTable caption="Versions with their KPIs" columns={columns} rows={page.items} rowKey={(v) => v.id} />
          ) : (
            <Empty title="No versions yet">A version is an immutable snapshot of the agent's configuration, model and prompts.</Empty>
          )
        }
      </QueryView>
      {creating && <NewVersionDialog agent={agent} onClose={() => setCreating(false)} />}
    </Card>
  );
}

function NewVersionDialog({ agent, onClose }: { agent: Agent; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ version: "", model: String(agent.configuration.model ?? ""), notes: "" });
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/api/v1/agents/{agent}/versions", {
          params: { path: { agent: agent.id } },
          body: { version: form.version, model: form.model || null, notes: form.notes, make_current: true },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["agents"] });
      onClose();
    },
  });
  const fields = create.error instanceof ApiError ? create.error.fieldErrors : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <Dialog title={`New version of ${agent.name}`} onClose={onClose}>
      <form onSubmit={submit} className="space-y-3">
        <TextField label="Version (semver)" placeholder="1.3.0" required value={form.version} onChange={(e) => setForm({ ...form, version: e.target.value })} error={fields.version} data-autofocus />
        <TextField label="Model" value={form.model} onChange={(e) => setForm({ ...form, model: e.target.value })} error={fields.model} />
        <TextArea label="Notes" rows={3} value={form.notes} onChange={(e) => setForm({ ...form, notes: e.target.value })} error={fields.notes} />
        <p className="text-xs text-fg-subtle">The agent's current configuration is snapshotted, and the agent points at the new version.</p>
        <FormError error={create.error} shownFields={["version", "model", "notes"]} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create version
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
