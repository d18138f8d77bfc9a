import { Plus } from "lucide-react";
import { type FormEvent, useState } from "react";

import { type Schemas } from "@/api/client";
import { ApiError } from "@/api/problem";
import { useCan } from "@/app/scope";
import { Badge } from "@/components/Badge";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { type Column, DataTable } from "@/components/DataTable";
import { Dialog } from "@/components/Dialog";
import { SelectField, TextArea, TextField } from "@/components/Field";
import { Empty, FormError, InlineError, QueryView } from "@/components/States";
import { humanize } from "@/lib/format";

import { type AlertChannel, useChannels, useDeleteChannel, useSaveChannel, useTestChannel } from "./queries";

const SEVERITIES = ["info", "warning", "high", "critical", "emergency"];
const CATEGORIES = ["performance", "cost", "security", "system", "compliance"] as const;

export function AlertChannels() {
  const can = useCan();
  const admin = can("admin");
  const channels = useChannels();
  const remove = useDeleteChannel();
  const test = useTestChannel();
  const [editing, setEditing] = useState<AlertChannel | "new" | null>(null);
  const [deleting, setDeleting] = useState<AlertChannel | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const columns: Column<AlertChannel>[] = [
    { key: "name", header: "Channel", render: (c) => <span className="font-medium">{c.name}</span> },
    { key: "kind", header: "Kind", render: (c) => humanize(c.kind) },
    { key: "target", header: "Sends to", render: (c) => <span className="text-fg-muted">{c.kind === "email" ? c.recipients.join(", ") : c.target_hint}</span> },
    { key: "filter", header: "Alerts", render: (c) => `${humanize(c.min_severity)} and above${c.categories.length ? `, ${c.categories.join(", ")}` : ""}` },
    { key: "enabled", header: "State", render: (c) => (c.enabled ? <Badge tone="green" dot>Enabled</Badge> : <Badge>Disabled</Badge>) },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      render: (c) =>
        admin && (
          <div className="flex justify-end gap-1">
            <Button size="sm" variant="ghost" onClick={() => test.mutate(c.id)} aria-label={`Send a test to ${c.name}`} busy={test.isPending && test.variables === c.id}>
              Test
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
              Edit
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setDeleting(c)} aria-label={`Delete ${c.name}`}>
              Delete
            </Button>
          </div>
        ),
    },
  ];
  return (
    <Card
      title="Channels"
      padded={false}
      actions={
        admin && (
          <Button size="sm" variant="primary" onClick={() => setEditing("new")}>
            <Plus className="size-3.5" aria-hidden /> New channel
          </Button>
        )
      }
    >
      {test.data && (
        <p role="status" className="border-b border-line px-4 py-2 text-sm text-fg-muted">
          Test {test.data.status}
          {test.data.last_status_code ? `: the other end answered ${test.data.last_status_code}` : ""}
          {test.data.last_error ? `: ${test.data.last_error}` : ""}.
        </p>
      )}
      {test.error && (
        <div className="px-4 pt-3">
          <InlineError error={test.error} />
        </div>
      )}
      {secret && (
        <div role="status" className="border-b border-line bg-amber-50 px-4 py-2 text-sm dark:bg-amber-500/10">
          The webhook signing secret, shown only this once: <code className="font-mono" data-testid="signing-secret">{secret}</code>{" "}
          <Button size="sm" variant="ghost" onClick={() => setSecret(null)}>
            Hide
          </Button>
        </div>
      )}
      <QueryView query={channels}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No channels">Alerts show here either way; add a webhook, Slack or email channel to be told.</Empty>
          ) : (
            <DataTable caption="Alert channels" columns={columns} rows={page.items} rowKey={(c) => c.id} />
          )
        }
      </QueryView>
      {editing && (
        <ChannelDialog
          channel={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={(created) => created.signing_secret && setSecret(created.signing_secret)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          message="The channel and its delivery log are removed."
          confirmLabel="Delete"
          danger
          onConfirm={() => remove.mutateAsync(deleting.id)}
          onClose={() => setDeleting(null)}
        />
      )}
    </Card>
  );
}

function ChannelDialog({ channel, onClose, onCreated }: { channel: AlertChannel | null; onClose: () => void; onCreated: (c: Schemas["AlertChannelCreated"]) => void }) {
  const save = useSaveChannel();
  const [name, setName] = useState(channel?.name ?? "");
  const [kind, setKind] = useState<AlertChannel["kind"]>(channel?.kind ?? "webhook");
  const [url, setUrl] = useState("");
  const [recipients, setRecipients] = useState(channel?.recipients.join("\n") ?? "");
  const [minSeverity, setMinSeverity] = useState<string>(channel?.min_severity ?? "warning");
  const [categories, setCategories] = useState<string[]>(channel?.categories ?? []);
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      name: name.trim(),
      kind,
      url: kind === "email" || !url.trim() ? null : url.trim(),
      recipients: kind === "email" ? recipients.split(/[\s,]+/).filter(Boolean) : [],
      min_severity: minSeverity as AlertChannel["min_severity"],
      categories: categories as AlertChannel["categories"],
      enabled,
    };
    save.mutate(
      { id: channel?.id ?? null, body },
      {
        onSuccess: (saved) => {
          if (!channel) onCreated(saved as Schemas["AlertChannelCreated"]);
          onClose();
        },
      },
    );
  }

  return (
    <Dialog title={channel ? `Edit ${channel.name}` : "New alert channel"} onClose={onClose}>
      <form onSubmit={submit} className="space-y-3">
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={fields.name} required data-autofocus />
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as AlertChannel["kind"])}
          disabled={Boolean(channel)}
          options={[
            { value: "webhook", label: "Webhook (signed)" },
            { value: "slack", label: "Slack incoming webhook" },
            { value: "email", label: "Email" },
          ]}
        />
        {kind === "email" ? (
          <TextArea label="Recipients" rows={2} value={recipients} onChange={(e) => setRecipients(e.target.value)} error={fields.recipients} hint="One address a line." />
        ) : (
          <TextField
            label="URL"
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={fields.url}
            placeholder="https://hooks.example.com/ams"
            hint={channel ? `Kept sealed (${channel.target_hint}); leave empty to keep it.` : "Kept sealed; never shown again."}
          />
        )}
        <SelectField label="Lowest severity sent" value={minSeverity} onChange={(e) => setMinSeverity(e.target.value)} options={SEVERITIES.map((s) => ({ value: s, label: humanize(s) }))} />
        <fieldset className="space-y-1">
          <legend className="text-xs font-medium text-fg-muted">Categories (none ticked: all)</legend>
          <div className="flex flex-wrap gap-3">
            {CATEGORIES.map((c) => (
              <label key={c} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" className="size-4 accent-accent" checked={categories.includes(c)} onChange={(e) => setCategories(e.target.checked ? [...categories, c] : categories.filter((x) => x !== c))} />
                {humanize(c)}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-accent" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled
        </label>
        <FormError error={save.error} shownFields={["name", "url", "recipients"]} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {channel ? "Save channel" : "Create channel"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
