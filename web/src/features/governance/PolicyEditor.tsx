import { Plus } from "lucide-react";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";

import { ApiError } from "@/api/problem";
import { useCan, useScope } from "@/app/scope";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { SelectField, TextArea, TextField } from "@/components/Field";
import { FormError, QueryView } from "@/components/States";

import { AgentOptions } from "./AgentOptions";
import { PolicyVersions } from "./PolicyVersions";
import { useDeletePolicy, usePolicies, useSavePolicy } from "./queries";
import { RuleEditor } from "./RuleEditor";
import { emptyPolicy, emptyRule, fromPolicy, type Policy, type PolicyDraft, type RuleDraft, type ScopeType, toPolicy } from "./rules";
import { SimulatePanel } from "./SimulatePanel";

const SCOPES: { value: ScopeType; label: string }[] = [
  { value: "organization", label: "Organization (every agent)" },
  { value: "project", label: "A project" },
  { value: "agent", label: "An agent" },
  { value: "tag", label: "Agents with a tag" },
];

/** /governance/policies/new and /governance/policies/:policyId: the editor of one policy. */
export function PolicyEditorPage() {
  const { policyId } = useParams();
  const policies = usePolicies();
  if (!policyId || policyId === "new") return <PolicyForm key="new" policy={null} />;
  return (
    <QueryView query={policies}>
      {(page) => {
        const policy = page.items.find((p) => p.id === policyId);
        if (!policy) return <p className="text-sm text-fg-muted">There is no policy {policyId}.</p>;
        return <PolicyForm key={`${policy.id}@${policy.version}`} policy={policy} />;
      }}
    </QueryView>
  );
}

function PolicyForm({ policy }: { policy: Policy | null }) {
  const can = useCan();
  const editable = can("admin");
  const { projects } = useScope();
  const navigate = useNavigate();
  const save = useSavePolicy();
  const remove = useDeletePolicy();
  const [draft, setDraft] = useState<PolicyDraft>(() => (policy ? fromPolicy(policy) : emptyPolicy()));
  const [deleting, setDeleting] = useState(false);
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};

  const set = (patch: Partial<PolicyDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setRule = (i: number, patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, rules: d.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      { id: policy?.id ?? null, body: toPolicy(draft) },
      { onSuccess: (saved) => navigate(`/governance/policies/${(saved as Policy).id}`, { replace: Boolean(policy) }) },
    );
  }

  const scopeValue =
    draft.scopeType === "organization" ? null : draft.scopeType === "project" ? (
      <SelectField
        label="Project"
        value={draft.scopeValue}
        onChange={(e) => set({ scopeValue: e.target.value })}
        error={fields["scope.value"] ?? fields.scope}
        options={[{ value: "", label: "Choose a project" }, ...projects.map((p) => ({ value: p.id, label: p.name }))]}
        disabled={!editable}
      />
    ) : (
      <TextField
        label={draft.scopeType === "agent" ? "Agent (id or name)" : "Tag"}
        value={draft.scopeValue}
        list={draft.scopeType === "agent" ? "policy-agents" : undefined}
        onChange={(e) => set({ scopeValue: e.target.value })}
        error={fields["scope.value"] ?? fields.scope}
        readOnly={!editable}
      />
    );

  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_24rem]">
      <form onSubmit={submit} className="space-y-4" aria-label={policy ? `Policy ${policy.name}` : "New policy"}>
        <Card
          title={policy ? `${policy.name} · v${policy.version}` : "New policy"}
          actions={
            <Link to="/governance/policies" className="text-sm text-accent hover:underline">
              All policies
            </Link>
          }
        >
          <div className="grid gap-3 md:grid-cols-2">
            <TextField label="Name" value={draft.name} onChange={(e) => set({ name: e.target.value })} error={fields.name} required readOnly={!editable} data-autofocus />
            <div className="grid grid-cols-2 gap-3">
              <SelectField label="Applies to" value={draft.scopeType} onChange={(e) => set({ scopeType: e.target.value as ScopeType, scopeValue: "" })} options={SCOPES} disabled={!editable} />
              {scopeValue}
              <AgentOptions id="policy-agents" />
            </div>
            <div className="md:col-span-2">
              <TextArea label="Description" rows={2} value={draft.description} onChange={(e) => set({ description: e.target.value })} error={fields.description} readOnly={!editable} />
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} disabled={!editable} className="size-4 accent-accent" />
              Enabled (a disabled policy decides nothing)
            </label>
          </div>
        </Card>
        <Card title="Rules">
          <div className="space-y-3">
            {draft.rules.map((rule, i) => (
              <RuleEditor
                key={i}
                rule={rule}
                index={i}
                fields={fields}
                onChange={(patch) => setRule(i, patch)}
                onRemove={draft.rules.length > 1 ? () => set({ rules: draft.rules.filter((_, j) => j !== i) }) : undefined}
                readOnly={!editable}
              />
            ))}
            {fields.rules && <p className="text-xs text-red-600 dark:text-red-400">{fields.rules}</p>}
            {editable && (
              <Button size="sm" onClick={() => set({ rules: [...draft.rules, emptyRule()] })}>
                <Plus className="size-3.5" aria-hidden /> Add a rule
              </Button>
            )}
          </div>
        </Card>
        <FormError error={save.error} shownFields={["name", "description", "scope", "rules"]} />
        {editable && (
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="primary" busy={save.isPending}>
              {policy ? "Save as a new version" : "Create policy"}
            </Button>
            {policy && (
              <Button variant="danger" onClick={() => setDeleting(true)}>
                Delete
              </Button>
            )}
            {save.isSuccess && (
              <span role="status" className="self-center text-sm text-emerald-600 dark:text-emerald-400">
                Saved.
              </span>
            )}
          </div>
        )}
      </form>
      <div className="space-y-4">
        <SimulatePanel draft={draft} />
        {policy && <PolicyVersions policyId={policy.id} current={policy.version} />}
      </div>
      {deleting && policy && (
        <ConfirmDialog
          title={`Delete ${policy.name}?`}
          message="Its rules stop applying now and its versions go with it; its audit entries stay."
          confirmLabel="Delete"
          danger
          onConfirm={async () => {
            await remove.mutateAsync(policy.id);
            navigate("/governance/policies");
          }}
          onClose={() => setDeleting(false)}
        />
      )}
    </div>
  );
}
