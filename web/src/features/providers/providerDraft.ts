// The provider editor's form state and the request bodies made from it. Pure: no React.
import type { Schemas } from "@/api/client";

export type Provider = Schemas["ProviderPublic"];
export type ProviderKind = Schemas["ProviderKind"];
export type Capability = Schemas["Capability"];
export type ProviderCreateBody = Omit<Schemas["ProviderCreate"], "organization_id">;
export type ProviderUpdateBody = Schemas["ProviderUpdate"];
export type ProviderLimits = Schemas["ProviderLimits"];

export const KINDS: { value: ProviderKind; label: string }[] = [
  { value: "openai", label: "OpenAI" },
  { value: "anthropic", label: "Anthropic" },
  { value: "gemini", label: "Gemini" },
  { value: "openai_compatible", label: "OpenAI-compatible" },
];

/** The server's default base URL per kind; openai_compatible has none, so the form asks for one. */
export const DEFAULT_BASE_URLS: Partial<Record<ProviderKind, string>> = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com",
  gemini: "https://generativelanguage.googleapis.com",
};

export const CAPABILITIES: { value: Capability; label: string }[] = [
  { value: "chat", label: "Chat" },
  { value: "streaming", label: "Streaming" },
  { value: "tools", label: "Tools" },
  { value: "vision", label: "Vision" },
  { value: "json_mode", label: "JSON mode" },
  { value: "embeddings", label: "Embeddings" },
];

// Numbers stay strings while typed, so that an emptied input means "not set" rather than 0.
export interface ModelDraft {
  name: string;
  contextWindow: string;
  capabilities: Capability[];
  input: string;
  output: string;
}

export interface ProviderDraft {
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  apiKey: string;
  models: ModelDraft[];
  timeout: string;
  apiVersion: string;
  authHeader: string;
  headers: Record<string, string>;
  enabled: boolean;
  requestsPerMinute: string;
  tokensPerMinute: string;
  concurrent: string;
  budget: string;
}

const text = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));
const num = (value: string): number | null => (value.trim() === "" ? null : Number(value));
const orNull = (value: string): string | null => value.trim() || null;

export function emptyModel(): ModelDraft {
  return { name: "", contextWindow: "", capabilities: ["chat", "streaming"], input: "", output: "" };
}

export function emptyProvider(): ProviderDraft {
  return {
    name: "", kind: "openai", baseUrl: "", apiKey: "", models: [], timeout: "60", apiVersion: "", authHeader: "", headers: {}, enabled: true,
    requestsPerMinute: "", tokensPerMinute: "", concurrent: "", budget: "",
  };
}

export function fromProvider(p: Provider): ProviderDraft {
  return {
    name: p.name,
    kind: p.kind,
    baseUrl: p.base_url,
    apiKey: "",
    models: p.models.map((m) => ({
      name: m.name,
      contextWindow: text(m.context_window),
      capabilities: m.capabilities ?? [],
      input: text(m.input_per_mtok),
      output: text(m.output_per_mtok),
    })),
    timeout: text(p.options.timeout_s ?? 60),
    apiVersion: p.options.api_version ?? "",
    authHeader: p.options.auth_header ?? "",
    headers: p.options.headers ?? {},
    enabled: p.enabled,
    requestsPerMinute: text(p.limits.requests_per_minute),
    tokensPerMinute: text(p.limits.tokens_per_minute),
    concurrent: text(p.limits.concurrent_requests),
    budget: text(p.limits.monthly_budget_usd),
  };
}

function models(d: ProviderDraft): Schemas["ProviderModel"][] {
  return d.models.map((m) => ({
    name: m.name.trim(),
    context_window: num(m.contextWindow),
    // In the enum's order, whatever order they were ticked in.
    capabilities: CAPABILITIES.map((c) => c.value).filter((c) => m.capabilities.includes(c)),
    input_per_mtok: num(m.input),
    output_per_mtok: num(m.output),
  }));
}

function options(d: ProviderDraft): Schemas["ProviderOptions"] {
  return { timeout_s: num(d.timeout) ?? 60, api_version: orNull(d.apiVersion), auth_header: orNull(d.authHeader), headers: d.headers };
}

export function toLimits(d: ProviderDraft): ProviderLimits {
  return {
    requests_per_minute: num(d.requestsPerMinute),
    tokens_per_minute: num(d.tokensPerMinute),
    concurrent_requests: num(d.concurrent),
    monthly_budget_usd: num(d.budget),
  };
}

export function toCreate(d: ProviderDraft): ProviderCreateBody {
  const body: ProviderCreateBody = {
    name: d.name.trim(),
    kind: d.kind,
    base_url: orNull(d.baseUrl),
    models: models(d),
    limits: toLimits(d),
    options: options(d),
    enabled: d.enabled,
  };
  if (d.apiKey) body.api_key = d.apiKey;
  return body;
}

/**
 * A PATCH body: the key only when a new one was typed (leaving it out keeps the sealed one). An emptied base URL
 * means the kind's public API, as on creation, so it is sent in full: a null would leave the old URL in place.
 */
export function toUpdate(d: ProviderDraft): ProviderUpdateBody {
  const baseUrl = orNull(d.baseUrl) ?? DEFAULT_BASE_URLS[d.kind] ?? null;
  const body: ProviderUpdateBody = { base_url: baseUrl, models: models(d), options: options(d), enabled: d.enabled };
  if (d.apiKey) body.api_key = d.apiKey;
  return body;
}

export function sameLimits(a: ProviderLimits, b: ProviderLimits): boolean {
  const keys = ["requests_per_minute", "tokens_per_minute", "concurrent_requests", "monthly_budget_usd"] as const;
  return keys.every((k) => (a[k] ?? null) === (b[k] ?? null));
}
