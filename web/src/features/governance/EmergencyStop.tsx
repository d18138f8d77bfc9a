import { OctagonX } from "lucide-react";
import { useState } from "react";

import { useCan, useScope } from "@/app/scope";
import { Badge } from "@/components/Badge";
import { Button } from "@/components/Button";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { SelectField, TextField } from "@/components/Field";
import { ErrorState, Loading } from "@/components/States";
import { Time } from "@/components/Time";
import { humanize } from "@/lib/format";

import { AgentOptions } from "./AgentOptions";
import { type Stop, useEngageStop, useReleaseStop, useStops } from "./queries";

const SCOPES: { value: Stop["scope"]; label: string }[] = [
  { value: "fleet", label: "The whole fleet" },
  { value: "project", label: "A project" },
  { value: "agent", label: "An agent" },
  { value: "tag", label: "Agents with a tag" },
];

/** Operators and admins may stop; the server checks again. */
function useMayStop() {
  const { role, me } = useScope();
  const can = useCan();
  return can("admin") || me.is_superuser || role === "operator";
}

/** The big red button: stops the fleet, a project, an agent or a tag, after a confirmation with a reason. */
export function EmergencyStopButton() {
  const mayStop = useMayStop();
  const [open, setOpen] = useState(false);
  if (!mayStop) return null;
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        <OctagonX className="size-4" aria-hidden /> Emergency stop
      </Button>
      {open && <EngageDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function EngageDialog({ onClose }: { onClose: () => void }) {
  const { projects } = useScope();
  const engage = useEngageStop();
  const [scope, setScope] = useState<Stop["scope"]>("fleet");
  const [target, setTarget] = useState("");
  const targetField =
    scope === "fleet" ? null : scope === "project" ? (
      <SelectField
        label="Project"
        value={target}
        onChange={(e) => setTarget(e.target.value)}
        options={[{ value: "", label: "Choose a project" }, ...projects.map((p) => ({ value: p.id, label: p.name }))]}
      />
    ) : (
      <TextField
        label={scope === "agent" ? "Agent (id or name)" : "Tag"}
        value={target}
        list={scope === "agent" ? "stop-agents" : undefined}
        onChange={(e) => setTarget(e.target.value)}
        placeholder={scope === "agent" ? "support-triage" : "tier-1"}
      />
    );
  return (
    <ConfirmDialog
      title="Engage the emergency stop?"
      message="Every gateway call and guard check in scope is refused, on every instance, within a second, until the stop is released. The reason is shown to every refused caller."
      confirmLabel="Stop now"
      danger
      askReason
      extra={
        <div className="space-y-3">
          <SelectField
            label="What to stop"
            value={scope}
            onChange={(e) => {
              setScope(e.target.value as Stop["scope"]);
              setTarget("");
            }}
            options={SCOPES}
          />
          {targetField}
          <AgentOptions id="stop-agents" />
        </div>
      }
      onConfirm={(reason) => {
        if (!reason) return Promise.reject(new Error("Say why: the reason is shown to every refused caller."));
        if (scope !== "fleet" && !target.trim()) return Promise.reject(new Error(`Name the ${scope} to stop.`));
        return engage.mutateAsync({ scope, target: target.trim(), reason });
      }}
      onClose={onClose}
    />
  );
}

function describeStop(stop: Stop, projects: { id: string; name: string }[]): string {
  if (stop.scope === "fleet") return "The whole fleet";
  if (stop.scope === "project") return `Project ${projects.find((p) => p.id === stop.target)?.name ?? stop.target}`;
  return `${humanize(stop.scope)} ${stop.target}`;
}

/** The stops in force, each with who, what, when and why, and a release behind a confirmation. */
export function ActiveStops() {
  const stops = useStops(true);
  const { projects } = useScope();
  const mayStop = useMayStop();
  const release = useReleaseStop();
  const [releasing, setReleasing] = useState<Stop | null>(null);
  if (stops.isPending) return <Loading rows={1} label="Loading emergency stops…" />;
  if (stops.error) return <ErrorState error={stops.error} onRetry={() => stops.refetch()} />;
  if (!stops.data.length) return null;
  return (
    <section aria-label="Emergency stops in force" className="mb-5 rounded-lg border-2 border-red-500 bg-red-50 p-4 dark:bg-red-500/10">
      <h2 className="flex items-center gap-2 text-sm font-semibold text-red-800 dark:text-red-200">
        <OctagonX className="size-4" aria-hidden />
        {stops.data.length === 1 ? "An emergency stop is in force" : `${stops.data.length} emergency stops are in force`}
      </h2>
      <ul className="mt-3 space-y-2">
        {stops.data.map((stop) => (
          <li key={stop.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-md bg-surface px-3 py-2 text-sm">
            <Badge tone="red" dot>
              {describeStop(stop, projects)}
            </Badge>
            <span className="min-w-0 flex-1">
              “{stop.reason}” <span className="text-fg-muted">— {stop.stopped_by}, </span>
              <Time value={stop.stopped_at} relative />
            </span>
            {mayStop && (
              <Button size="sm" onClick={() => setReleasing(stop)} aria-label={`Release the stop of ${describeStop(stop, projects).toLowerCase()}`}>
                Release
              </Button>
            )}
          </li>
        ))}
      </ul>
      {releasing && (
        <ConfirmDialog
          title="Release this emergency stop?"
          message={`${describeStop(releasing, projects)} may call the gateway and pass guard checks again (unless another stop covers it).`}
          confirmLabel="Release"
          askReason
          onConfirm={(reason) => release.mutateAsync({ id: releasing.id, reason })}
          onClose={() => setReleasing(null)}
        />
      )}
    </section>
  );
}

/** Every stop, released ones too: the history. */
export function StopHistory() {
  const stops = useStops(false);
  const { projects } = useScope();
  if (stops.isPending) return <Loading rows={2} />;
  if (stops.error) return <ErrorState error={stops.error} onRetry={() => stops.refetch()} />;
  if (!stops.data.length) return <p className="p-4 text-sm text-fg-muted">No emergency stop has been engaged in this organization.</p>;
  return (
    <ul className="divide-y divide-line text-sm">
      {stops.data.map((stop) => (
        <li key={stop.id} className="grid gap-1 px-4 py-2 md:grid-cols-[12rem_1fr_auto]">
          <span className="font-medium">{describeStop(stop, projects)}</span>
          <span className="text-fg-muted">
            “{stop.reason}” — {stop.stopped_by}
            {stop.released_at && ` · released by ${stop.released_by}${stop.release_reason ? `: “${stop.release_reason}”` : ""}`}
          </span>
          <span className="flex items-center gap-2">
            <Time value={stop.stopped_at} />
            {stop.released_at ? <Badge>Released</Badge> : <Badge tone="red">In force</Badge>}
          </span>
        </li>
      ))}
    </ul>
  );
}
