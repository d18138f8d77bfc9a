import { Plus, Trash2 } from "lucide-react";
import { useId } from "react";

import { Button } from "@/components/Button";
import { filterControl } from "@/components/Field";

import { CAPABILITIES, type Capability, emptyModel, type ModelDraft } from "./providerDraft";

const ERROR = "mt-1 text-xs text-red-600 dark:text-red-400";

/** One input of a model row, with the API's error for `models.<i>.<field>` under it. */
function Cell({ label, error, ...input }: { label: string; error: string | undefined } & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <td className="px-2 py-1.5 align-top">
      <input
        {...input}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${filterControl} w-full ${error ? "border-red-500" : ""}`}
      />
      {error && (
        <p id={`${id}-error`} className={ERROR}>
          {error}
        </p>
      )}
    </td>
  );
}

/** The models a provider serves: a row each, with its context window, capabilities and prices. */
export function ModelRows({
  models,
  fields,
  onChange,
}: {
  models: ModelDraft[];
  fields: Record<string, string>;
  onChange: (models: ModelDraft[]) => void;
}) {
  const set = (i: number, patch: Partial<ModelDraft>) => onChange(models.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const toggle = (i: number, capability: Capability, on: boolean) => {
    const current = models[i]?.capabilities ?? [];
    set(i, { capabilities: on ? [...current, capability] : current.filter((c) => c !== capability) });
  };
  return (
    <fieldset className="space-y-2">
      <legend className="text-xs font-medium text-fg-muted">Models</legend>
      {models.length === 0 ? (
        <p className="text-sm text-fg-subtle">No models listed: agents may ask this provider for any model by name, without prices or a context window to route by.</p>
      ) : (
        <div className="overflow-x-auto rounded-md border border-line">
          <table className="w-full text-sm">
            <caption className="sr-only">Models of this provider</caption>
            <thead>
              <tr className="border-b border-line text-left text-xs text-fg-subtle">
                <th className="px-2 py-1.5 font-medium">Model</th>
                <th className="w-28 px-2 py-1.5 font-medium">Context window</th>
                <th className="px-2 py-1.5 font-medium">Capabilities</th>
                <th className="w-28 whitespace-nowrap px-2 py-1.5 font-medium">Input $/M tok</th>
                <th className="w-28 whitespace-nowrap px-2 py-1.5 font-medium">Output $/M tok</th>
                <th className="w-10 px-2 py-1.5">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {models.map((m, i) => {
                const n = i + 1;
                const error = (field: string) => fields[`models.${i}.${field}`];
                return (
                  <tr key={i} className="border-b border-line last:border-0">
                    <Cell label={`Name of model ${n}`} error={error("name") ?? fields[`models.${i}`]} value={m.name} onChange={(e) => set(i, { name: e.target.value })} required placeholder="gpt-4o-mini" />
                    <Cell label={`Context window of model ${n}`} error={error("context_window")} type="number" min={1} value={m.contextWindow} onChange={(e) => set(i, { contextWindow: e.target.value })} placeholder="tokens" />
                    <td className="px-2 py-1.5 align-top">
                      <div role="group" aria-label={`Capabilities of model ${n}`} className="grid grid-cols-3 gap-x-3 gap-y-0.5 text-xs">
                        {CAPABILITIES.map((c) => (
                          <label key={c.value} className="flex items-center gap-1 whitespace-nowrap">
                            <input type="checkbox" className="size-3.5 accent-accent" checked={m.capabilities.includes(c.value)} onChange={(e) => toggle(i, c.value, e.target.checked)} />
                            {c.label}
                          </label>
                        ))}
                      </div>
                      {error("capabilities") && <p className={ERROR}>{error("capabilities")}</p>}
                    </td>
                    <Cell label={`Input price of model ${n} (USD per million tokens)`} error={error("input_per_mtok")} type="number" min={0} step="any" value={m.input} onChange={(e) => set(i, { input: e.target.value })} />
                    <Cell label={`Output price of model ${n} (USD per million tokens)`} error={error("output_per_mtok")} type="number" min={0} step="any" value={m.output} onChange={(e) => set(i, { output: e.target.value })} />
                    <td className="px-2 py-1.5 align-top">
                      <Button variant="ghost" size="sm" onClick={() => onChange(models.filter((_, j) => j !== i))} aria-label={`Remove model ${n}`}>
                        <Trash2 className="size-3.5" aria-hidden />
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {fields.models && <p className={ERROR}>{fields.models}</p>}
      <Button size="sm" onClick={() => onChange([...models, emptyModel()])}>
        <Plus className="size-3.5" aria-hidden /> Add a model
      </Button>
    </fieldset>
  );
}
