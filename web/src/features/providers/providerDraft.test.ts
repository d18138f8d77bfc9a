import { describe, expect, it } from "vitest";

import { emptyProvider, fromProvider, type Provider, toUpdate } from "./providerDraft";

const provider: Provider = {
  id: "prv_1", organization_id: "org_1", name: "anthropic", kind: "anthropic", base_url: "https://proxy.internal/anthropic",
  models: [{ name: "claude-haiku-4-5", context_window: null, capabilities: ["chat"], input_per_mtok: 1, output_per_mtok: null }],
  limits: {}, options: { timeout_s: 30, api_version: null, auth_header: "x-api-key", headers: {} }, enabled: false, has_api_key: false,
  created_at: "2026-06-01T00:00:00Z", updated_at: "2026-06-01T00:00:00Z",
};

describe("the provider draft", () => {
  it("gives back what it was made from", () => {
    const body = toUpdate(fromProvider(provider));
    expect(body).toEqual({ base_url: provider.base_url, models: provider.models, options: provider.options, enabled: false });
  });

  it("sends the kind's public API for an emptied base URL, and no key unless one was typed", () => {
    const body = toUpdate({ ...fromProvider(provider), baseUrl: " " });
    expect(body.base_url).toBe("https://api.anthropic.com");
    expect(body).not.toHaveProperty("api_key");
    expect(toUpdate({ ...emptyProvider(), kind: "openai_compatible" }).base_url).toBeNull();
  });
});
