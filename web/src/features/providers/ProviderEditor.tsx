import { KeyRound } from "lucide-react";
import { type FormEvent, useState } from "react";

import { ApiError } from "@/api/problem";
import { Button } from "@/components/Button";
import { Dialog } from "@/components/Dialog";
import { SelectField, TextField } from "@/components/Field";
import { FormError } from "@/components/States";

import { ModelRows } from "./ModelRows";
import { DEFAULT_BASE_URLS, emptyProvider, fromProvider, KINDS, type Provider, type ProviderDraft, type ProviderKind, toCreate, toLimits, toUpdate } from "./providerDraft";
import { useSaveProvider } from "./queries";

const SHOWN_FIELDS = ["name", "kind", "base_url", "api_key", "models", "options", "limits", "enabled"];

/** Write-only: the stored key is never shown; the form says whether one is set and offers to replace it. */
function ApiKeyField({ provider, value, error, onChange }: { provider: Provider | null; value: string; error: string | undefined; onChange: (key: string) => void }) {
  const [replacing, setReplacing] = useState(provider === null);
  if (!replacing) {
    return (
      <div className="space-y-1">
        <span className="block text-xs font-medium text-fg-muted">API key</span>
        <div className="flex items-center gap-2">
          <span className="inline-flex h-8 items-center gap-1.5 text-sm">
            <KeyRound className="size-3.5 text-fg-subtle" aria-hidden />
            {provider?.has_api_key ? "A key is set (kept sealed, never shown)" : "No key is set"}
          </span>
          <Button size="sm" onClick={() => setReplacing(true)}>
            {provider?.has_api_key ? "Replace the key" : "Set a key"}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="flex items-end gap-2">
      <div className="min-w-0 flex-1">
        <TextField
          label={provider ? "New API key" : "API key"}
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          error={error}
          hint="Kept sealed in the vault; never shown again."
          autoFocus={provider !== null}
        />
      </div>
      {provider && (
        <Button
          size="sm"
          className="mb-6"
          onClick={() => {
            onChange("");
            setReplacing(false);
          }}
        >
          Keep the current key
        </Button>
      )}
    </div>
  );
}

function NumberField({ label, value, onChange, error, step = "1", hint }: { label: string; value: string; onChange: (v: string) => void; error: string | undefined; step?: string; hint?: string }) {
  return <TextField label={label} type="number" min={0} step={step} value={value} onChange={(e) => onChange(e.target.value)} error={error} placeholder="no limit" hint={hint} />;
}

/** Registers a provider, or changes one: its URL, key, models with their prices, options, limits and whether it serves. */
export function ProviderEditor({ provider, onClose }: { provider: Provider | null; onClose: () => void }) {
  const save = useSaveProvider();
  const [draft, setDraft] = useState<ProviderDraft>(() => (provider ? fromProvider(provider) : emptyProvider()));
  const set = (patch: Partial<ProviderDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const defaultUrl = DEFAULT_BASE_URLS[draft.kind];

  function submit(event: FormEvent) {
    event.preventDefault();
    const request = provider
      ? { id: provider.id, update: toUpdate(draft), limits: toLimits(draft), previousLimits: provider.limits }
      : { id: null, create: toCreate(draft) };
    save.mutate(request, { onSuccess: onClose });
  }

  return (
    <Dialog title={provider ? `Edit provider ${provider.name}` : "New provider"} onClose={onClose} wide="xl">
      <form onSubmit={submit} className="space-y-4">
        <div className="grid gap-3 md:grid-cols-3">
          <TextField
            label="Name"
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            error={fields.name}
            readOnly={Boolean(provider)}
            required
            placeholder="openai-main"
            hint={provider ? "Agents address its models as name/model." : "Letters, digits, . _ -; agents address its models as name/model."}
            data-autofocus
          />
          <SelectField label="Kind" value={draft.kind} onChange={(e) => set({ kind: e.target.value as ProviderKind })} error={fields.kind} options={KINDS} disabled={Boolean(provider)} />
          <TextField
            label="Base URL"
            type="url"
            value={draft.baseUrl}
            onChange={(e) => set({ baseUrl: e.target.value })}
            error={fields.base_url}
            required={!defaultUrl}
            placeholder={defaultUrl ?? "http://localhost:8000/v1"}
            hint={defaultUrl ? "Empty: the provider's public API." : "Required: the server's OpenAI-style API (vLLM, Ollama, Groq, Azure, …)."}
          />
        </div>
        <div className="grid gap-3 md:grid-cols-3">
          <div className="md:col-span-2">
            <ApiKeyField provider={provider} value={draft.apiKey} error={fields.api_key} onChange={(apiKey) => set({ apiKey })} />
          </div>
        </div>
        <ModelRows models={draft.models} fields={fields} onChange={(models) => set({ models })} />
        <fieldset className="grid gap-3 md:grid-cols-3">
          <legend className="col-span-full pb-1 text-xs font-medium text-fg-muted">Options</legend>
          <TextField label="Timeout per attempt (s)" type="number" min={1} max={600} step="any" value={draft.timeout} onChange={(e) => set({ timeout: e.target.value })} error={fields["options.timeout_s"]} />
          <TextField label="API version" value={draft.apiVersion} onChange={(e) => set({ apiVersion: e.target.value })} error={fields["options.api_version"]} placeholder="Azure: 2024-10-21" />
          <TextField
            label="Auth header"
            value={draft.authHeader}
            onChange={(e) => set({ authHeader: e.target.value })}
            error={fields["options.auth_header"]}
            placeholder="Authorization: Bearer"
            hint="Only when the key goes in another header (Azure: api-key)."
          />
        </fieldset>
        <fieldset className="grid gap-3 md:grid-cols-4">
          <legend className="col-span-full pb-1 text-xs font-medium text-fg-muted">Limits over every agent calling this provider</legend>
          <NumberField label="Requests per minute" value={draft.requestsPerMinute} onChange={(v) => set({ requestsPerMinute: v })} error={fields["limits.requests_per_minute"]} />
          <NumberField label="Tokens per minute" value={draft.tokensPerMinute} onChange={(v) => set({ tokensPerMinute: v })} error={fields["limits.tokens_per_minute"]} />
          <NumberField label="Concurrent requests" value={draft.concurrent} onChange={(v) => set({ concurrent: v })} error={fields["limits.concurrent_requests"]} />
          <NumberField label="Monthly budget (USD)" step="any" value={draft.budget} onChange={(v) => set({ budget: v })} error={fields["limits.monthly_budget_usd"]} />
        </fieldset>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-accent" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          Enabled (a disabled provider serves no calls)
        </label>
        <FormError error={save.error} shownFields={SHOWN_FIELDS} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={save.isPending}>
            {provider ? "Save provider" : "Create provider"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
