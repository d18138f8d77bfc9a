import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { api, unwrap } from "@/api/client";
import { ApiError } from "@/api/problem";
import { useCan } from "@/app/scope";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { TextArea, TextField } from "@/components/Field";
import { FormError } from "@/components/States";

import type { Agent } from "./queries";

/** The JSON text as an object, or why it is not one. */
export function parseConfiguration(text: string): { value?: Record<string, unknown>; error?: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return { error: "must be a JSON object: { … }" };
    return { value: value as Record<string, unknown> };
  } catch (caught) {
    return { error: `not valid JSON: ${(caught as Error).message}` };
  }
}

export function splitLabels(text: string): string[] {
  return text.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
}

/** Field errors of the configuration ("configuration.url: required"), listed under the editor. */
function configurationErrors(errors: Record<string, string>): string[] {
  return Object.entries(errors)
    .filter(([field]) => field === "configuration" || field.startsWith("configuration."))
    .map(([field, message]) => `${field.replace(/^configuration\.?/, "") || "configuration"}: ${message}`);
}

export function AgentConfiguration({ agent }: { agent: Agent }) {
  const can = useCan();
  const queryClient = useQueryClient();
  const editable = can("edit");
  const [config, setConfig] = useState(() => JSON.stringify(agent.configuration, null, 2));
  const [description, setDescription] = useState(agent.description);
  const [tags, setTags] = useState(agent.tags.join(", "));
  const [capabilities, setCapabilities] = useState(agent.capabilities.join(", "));
  const [saved, setSaved] = useState(false);
  const parsed = parseConfiguration(config);
  const platforms = useQuery({
    queryKey: ["agent-platforms"],
    queryFn: async () => unwrap(await api.GET("/api/v1/agent-platforms")),
    staleTime: Infinity,
  });
  const schema = platforms.data?.find((p) => p.platform === agent.platform);

  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH("/api/v1/agents/{agent}", {
          params: { path: { agent: agent.id } },
          body: { configuration: parsed.value ?? {}, description, tags: splitLabels(tags), capabilities: splitLabels(capabilities) },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(["agents", "one", agent.id], updated);
      setConfig(JSON.stringify(updated.configuration, null, 2));
      setSaved(true);
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const configProblems = configurationErrors(fields);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (parsed.value) save.mutate();
  }

  return (
    <form onSubmit={submit} className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_22rem]" aria-label="Agent configuration">
      <Card title={`Configuration (${agent.platform})`}>
        <div className="space-y-3">
          <TextArea
            label="Configuration (JSON)"
            rows={16}
            spellCheck={false}
            value={config}
            onChange={(e) => {
              setConfig(e.target.value);
              setSaved(false);
            }}
            readOnly={!editable}
            className="font-mono text-xs"
            error={parsed.error ?? (configProblems.length ? configProblems.join("; ") : undefined)}
            hint="Checked against the platform's schema when saved. Secrets belong in Credentials, never here."
          />
          <TextArea label="Description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} readOnly={!editable} error={fields.description} />
          <div className="grid gap-3 md:grid-cols-2">
            <TextField label="Tags (comma-separated)" value={tags} onChange={(e) => setTags(e.target.value)} readOnly={!editable} error={fields.tags ?? Object.entries(fields).find(([f]) => f.startsWith("tags."))?.[1]} />
            <TextField label="Capabilities (comma-separated)" value={capabilities} onChange={(e) => setCapabilities(e.target.value)} readOnly={!editable} error={fields.capabilities ?? Object.entries(fields).find(([f]) => f.startsWith("capabilities."))?.[1]} />
          </div>
          <FormError error={save.error} shownFields={["configuration", "description", "tags", "capabilities"]} />
          {editable && (
            <div className="flex items-center gap-3">
              <Button type="submit" variant="primary" busy={save.isPending} disabled={!parsed.value}>
                Save changes
              </Button>
              {saved && (
                <span role="status" className="text-sm text-emerald-600 dark:text-emerald-400">
                  Saved.
                </span>
              )}
            </div>
          )}
        </div>
      </Card>
      <Card title="Platform schema">
        {schema ? (
          <>
            <p className="mb-2 text-sm text-fg-muted">{schema.description}</p>
            <SchemaFields schema={schema.configuration_schema} />
          </>
        ) : (
          <p className="text-sm text-fg-subtle">Loading…</p>
        )}
      </Card>
    </form>
  );
}

function SchemaFields({ schema }: { schema: Record<string, unknown> }) {
  const properties = (schema.properties ?? {}) as Record<string, { description?: string; type?: string }>;
  const required = new Set((schema.required ?? []) as string[]);
  return (
    <dl className="space-y-2 text-sm">
      {Object.entries(properties).map(([name, prop]) => (
        <div key={name}>
          <dt className="font-mono text-xs text-fg">
            {name}
            {required.has(name) && <span className="ml-1 text-red-500">required</span>}
          </dt>
          {prop.description && <dd className="text-xs text-fg-subtle">{prop.description}</dd>}
        </div>
      ))}
    </dl>
  );
}
