import { useState } from "react";

import { useCan } from "@/app/scope";
import { Button } from "@/components/Button";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { SelectField } from "@/components/Field";

import { type Agent, type LifecycleAction, useLifecycle, useVersions } from "./queries";

const ACTIONS: Record<LifecycleAction, { label: string; danger?: boolean; explain: string }> = {
  provision: { label: "Provision", explain: "The agent starts provisioning; deploy puts it in service." },
  deploy: { label: "Deploy", explain: "The agent goes into service (active) and may call the gateway." },
  pause: { label: "Pause", explain: "The agent stops taking work: its gateway calls and guard checks are refused until it is resumed." },
  resume: { label: "Resume", explain: "The agent returns to service (active)." },
  maintenance: { label: "Maintenance", explain: "The agent leaves service for maintenance; resume brings it back." },
  quarantine: { label: "Quarantine", danger: true, explain: "The agent is isolated: everything it asks is refused until it is reviewed and resumed." },
  retire: { label: "Retire", danger: true, explain: "The agent is decommissioned for good and its API keys are revoked. This cannot be undone." },
};

/** The lifecycle moves the agent's state allows, each behind a confirmation that asks for a reason. */
export function LifecycleActions({ agent }: { agent: Agent }) {
  const can = useCan();
  const [pending, setPending] = useState<LifecycleAction | null>(null);
  const [version, setVersion] = useState("");
  const lifecycle = useLifecycle(agent.id);
  const versions = useVersions(agent.id);
  if (!can("lifecycle") || agent.allowed_actions.length === 0) return null;

  const chosen = pending ? ACTIONS[pending] : null;
  return (
    <>
      <div className="flex flex-wrap gap-2" role="group" aria-label="Lifecycle actions">
        {agent.allowed_actions.map((action) => (
          <Button key={action} size="sm" variant={ACTIONS[action].danger ? "danger" : action === "deploy" || action === "resume" ? "primary" : "secondary"} onClick={() => setPending(action)}>
            {ACTIONS[action].label}
          </Button>
        ))}
      </div>
      {pending && chosen && (
        <ConfirmDialog
          title={`${chosen.label} ${agent.name}?`}
          message={chosen.explain}
          confirmLabel={chosen.label}
          danger={chosen.danger}
          askReason
          extra={
            pending === "deploy" && versions.data?.items.length ? (
              <SelectField
                label="Version to serve"
                value={version}
                onChange={(e) => setVersion(e.target.value)}
                options={[{ value: "", label: `Current (${agent.current_version ?? "none"})` }, ...versions.data.items.map((v) => ({ value: v.id, label: `v${v.version}` }))]}
              />
            ) : undefined
          }
          onConfirm={(reason) => lifecycle.mutateAsync({ action: pending, reason, ...(pending === "deploy" && version ? { version } : {}) })}
          onClose={() => {
            setPending(null);
            setVersion("");
          }}
        />
      )}
    </>
  );
}
