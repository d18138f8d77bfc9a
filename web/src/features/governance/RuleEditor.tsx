import { Trash2 } from "lucide-react";

import { Button } from "@/components/Button";
import { SelectField, TextArea, TextField } from "@/components/Field";

import { ON_BREACH, PERIODS, RULE_LABELS, RULE_TYPES, type RuleDraft, type RuleType, ruleError } from "./rules";

const HELP: Record<RuleType, string> = {
  spend_cap: "Caps what the agents in scope spend through the gateway and declare to the guard.",
  tool_deny: "Refuses the actions that match. Globs: github.* matches github.merge_pr.",
  tool_allow: "Refuses every action that matches none of these.",
  model_allow: "Refuses gateway calls to any other model.",
  rate_limit: "Per agent, over a sliding minute.",
  approval: "Holds matching actions until a person approves them in the approvals queue.",
  payload_limit: "Refuses oversized action arguments or prompts.",
};

/** One rule of a policy: its type, then the fields that type takes, each with the API's error under it. */
export function RuleEditor({
  rule,
  index,
  fields,
  onChange,
  onRemove,
  readOnly,
}: {
  rule: RuleDraft;
  index: number;
  fields: Record<string, string>;
  onChange: (patch: Partial<RuleDraft>) => void;
  onRemove?: () => void;
  readOnly?: boolean;
}) {
  const n = index + 1;
  const err = (name: string) => ruleError(fields, index, name);
  const text = (name: keyof RuleDraft, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <TextField label={label} value={String(rule[name])} onChange={(e) => onChange({ [name]: e.target.value })} error={err(name)} readOnly={readOnly} {...props} />
  );
  const globs = (name: "actions" | "models", label: string, placeholder: string) => (
    <TextArea label={label} rows={2} value={rule[name]} onChange={(e) => onChange({ [name]: e.target.value })} error={err(name)} placeholder={placeholder} hint="One glob a line, or comma-separated." readOnly={readOnly} />
  );
  const argumentsField = (
    <TextArea
      label="Argument patterns (optional)"
      rows={2}
      value={rule.arguments}
      onChange={(e) => onChange({ arguments: e.target.value })}
      error={err("arguments")}
      placeholder="repo=acme/*"
      hint="name=glob, one a line: the rule applies only when every named argument matches."
      readOnly={readOnly}
    />
  );
  const number = { type: "number", step: "any", min: 0 } as const;

  return (
    <fieldset className="space-y-3 rounded-md border border-line p-3" aria-label={`Rule ${n}`}>
      <legend className="px-1 text-xs font-semibold text-fg-muted">
        Rule {n}: {RULE_LABELS[rule.type]}
      </legend>
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_auto]">
        <SelectField
          label={`Type of rule ${n}`}
          value={rule.type}
          onChange={(e) => onChange({ type: e.target.value as RuleType })}
          options={RULE_TYPES.map((t) => ({ value: t, label: RULE_LABELS[t] }))}
          disabled={readOnly}
          hint={HELP[rule.type]}
        />
        <TextField label={`Id of rule ${n}`} value={rule.id} onChange={(e) => onChange({ id: e.target.value })} error={err("id")} placeholder={`r${n}`} readOnly={readOnly} />
        {onRemove && !readOnly && (
          <div className="self-start pt-5">
            <Button variant="ghost" onClick={onRemove} aria-label={`Remove rule ${n}`}>
              <Trash2 className="size-4" aria-hidden />
            </Button>
          </div>
        )}
      </div>
      {rule.type === "spend_cap" && (
        <div className="grid gap-3 sm:grid-cols-4">
          {text("amount_usd", "Amount (USD)", { ...number, required: true })}
          <SelectField label="Period" value={rule.period} onChange={(e) => onChange({ period: e.target.value as RuleDraft["period"] })} options={PERIODS.map((p) => ({ value: p, label: p }))} disabled={readOnly} />
          <SelectField label="On breach" value={rule.on_breach} onChange={(e) => onChange({ on_breach: e.target.value as RuleDraft["on_breach"] })} options={ON_BREACH.map((p) => ({ value: p, label: p }))} disabled={readOnly} />
          {text("soft_limit_pct", "Warn at (% of cap)", { ...number, max: 99 })}
        </div>
      )}
      {(rule.type === "tool_deny" || rule.type === "tool_allow" || rule.type === "approval") && (
        <div className="grid gap-3 md:grid-cols-2">
          {globs("actions", "Actions", rule.type === "approval" ? "payments.refund" : "shell.*, db.drop_*")}
          {argumentsField}
          {rule.type === "approval" && text("expires_in_s", "Expires after (seconds)", { type: "number", min: 10 })}
        </div>
      )}
      {rule.type === "model_allow" && globs("models", "Models", "gpt-4o-mini, claude-*")}
      {rule.type === "rate_limit" && (
        <div className="grid gap-3 sm:grid-cols-2">
          {text("requests_per_minute", "Requests per minute", { type: "number", min: 1 })}
          {text("tokens_per_minute", "Tokens per minute", { type: "number", min: 1 })}
        </div>
      )}
      {rule.type === "payload_limit" && (
        <div className="grid gap-3 sm:grid-cols-2">
          {text("max_arguments_bytes", "Largest arguments (bytes)", { type: "number", min: 1 })}
          {text("max_input_chars", "Longest prompt (characters)", { type: "number", min: 1 })}
        </div>
      )}
      {ruleError(fields, index) && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {ruleError(fields, index)}
        </p>
      )}
    </fieldset>
  );
}
