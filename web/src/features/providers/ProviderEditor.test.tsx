import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";

import { mockApi, renderApp, testScope } from "@/test/render";

import { formatPrice } from "./CapabilityMatrix";
import ProvidersPage from "./ProvidersPage";

const page = (items: unknown[]) => ({ items, next_cursor: null });
const provider = {
  id: "prv_1", organization_id: "org_1", name: "openai-main", kind: "openai", base_url: "https://api.openai.com/v1",
  models: [{ name: "gpt-4o-mini", context_window: 128000, capabilities: ["chat", "streaming", "tools"], input_per_mtok: 0.15, output_per_mtok: 0.6 }],
  limits: { requests_per_minute: 600 }, options: { timeout_s: 60, api_version: null, auth_header: null, headers: { "X-Team": "core" } }, enabled: true, has_api_key: true,
  created_at: "2026-06-01T00:00:00Z", updated_at: "2026-06-01T00:00:00Z",
};

function render(route: string, role = "admin") {
  return renderApp(
    <Routes>
      <Route path="/providers/*" element={<ProvidersPage />} />
    </Routes>,
    { route, scope: testScope(role) },
  );
}

type Sent = { method: string; path: string; body: unknown };

/** AMS with the providers given, recording each write; `answer` may replace a write's answer. */
function stubAms(providers: unknown[], answer?: (sent: Sent) => [number, unknown] | undefined) {
  const sent: Sent[] = [];
  mockApi((url, request) => {
    if (request.method !== "GET") {
      const entry: Sent = { method: request.method, path: url.pathname, body: null };
      sent.push(entry);
      void request.clone().text().then((text) => (entry.body = text ? JSON.parse(text) : null));
      return answer?.(entry) ?? [200, provider];
    }
    if (url.pathname === "/api/v1/providers") return [200, page(providers)];
    return [200, { provider_id: "prv_1", name: "openai-main", status: "unknown", probe: { ok: null, at: null, latency_ms: null, error: null }, window_s: 300, targets: [] }];
  });
  return sent;
}

describe("the provider editor", () => {
  it("creates an OpenAI-compatible provider with a model, its key and limits", async () => {
    const sent = stubAms([]);
    const user = userEvent.setup();
    render("/providers/overview");
    await user.click(await screen.findByRole("button", { name: "New provider" }));
    const dialog = screen.getByRole("dialog", { name: "New provider" });
    await user.type(within(dialog).getByLabelText("Name"), "local-vllm");
    await user.selectOptions(within(dialog).getByLabelText("Kind"), "openai_compatible");
    expect(within(dialog).getByLabelText("Base URL")).toBeRequired();
    await user.type(within(dialog).getByLabelText("Base URL"), "http://gpu-1:8000/v1");
    await user.type(within(dialog).getByLabelText("API key"), "sk-local");
    await user.click(within(dialog).getByRole("button", { name: "Add a model" }));
    await user.type(within(dialog).getByLabelText("Name of model 1"), "llama-3.1-70b");
    await user.type(within(dialog).getByLabelText("Context window of model 1"), "131072");
    const capabilities = within(dialog).getByRole("group", { name: "Capabilities of model 1" });
    await user.click(within(capabilities).getByLabelText("Streaming"));
    await user.click(within(capabilities).getByLabelText("Tools"));
    await user.type(within(dialog).getByLabelText("Input price of model 1 (USD per million tokens)"), "0.4");
    await user.type(within(dialog).getByLabelText("Requests per minute"), "120");
    await user.click(within(dialog).getByRole("button", { name: "Create provider" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual(["POST /api/v1/providers"]);
    expect(sent[0]?.body).toEqual({
      organization_id: "org_1",
      name: "local-vllm",
      kind: "openai_compatible",
      base_url: "http://gpu-1:8000/v1",
      api_key: "sk-local",
      models: [{ name: "llama-3.1-70b", context_window: 131072, capabilities: ["chat", "tools"], input_per_mtok: 0.4, output_per_mtok: null }],
      limits: { requests_per_minute: 120, tokens_per_minute: null, concurrent_requests: null, monthly_budget_usd: null },
      options: { timeout_s: 60, api_version: null, auth_header: null, headers: {} },
      enabled: true,
    });
  });

  it("shows the API's field error under the model's input it names", async () => {
    stubAms([], () => [422, { title: "Invalid input", status: 422, detail: "models.0.name: String should have at least 1 character", errors: [{ field: "models.0.name", message: "String should have at least 1 character" }, { field: "name", message: "a provider named 'openai' exists" }] }]);
    const user = userEvent.setup();
    render("/providers/overview");
    await user.click(await screen.findByRole("button", { name: "New provider" }));
    const dialog = screen.getByRole("dialog", { name: "New provider" });
    await user.type(within(dialog).getByLabelText("Name"), "openai");
    await user.click(within(dialog).getByRole("button", { name: "Add a model" }));
    await user.type(within(dialog).getByLabelText("Name of model 1"), " ");
    await user.click(within(dialog).getByRole("button", { name: "Create provider" }));

    const model = within(dialog).getByLabelText("Name of model 1");
    await waitFor(() => expect(model).toHaveAttribute("aria-invalid", "true"));
    expect(model).toHaveAccessibleDescription("String should have at least 1 character");
    expect(within(dialog).getByLabelText("Name")).toHaveAccessibleDescription("a provider named 'openai' exists");
    // Every error has its input, so no summary repeats them.
    expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();
  });

  it("never shows the stored key, keeps it unless replaced, and sets limits on their own endpoint", async () => {
    const sent = stubAms([provider]);
    const user = userEvent.setup();
    render("/providers/overview");
    await user.click(await screen.findByRole("button", { name: "Edit provider openai-main" }));
    let dialog = screen.getByRole("dialog", { name: "Edit provider openai-main" });
    expect(dialog).toHaveTextContent("A key is set (kept sealed, never shown)");
    expect(within(dialog).queryByLabelText(/API key/)).not.toBeInTheDocument();
    expect(within(dialog).getByLabelText("Name")).toHaveAttribute("readonly");
    expect(within(dialog).getByLabelText("Context window of model 1")).toHaveValue(128000);
    await user.click(within(dialog).getByRole("button", { name: "Save provider" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual(["PATCH /api/v1/providers/prv_1"]);
    expect(sent[0]?.body).not.toHaveProperty("api_key");
    expect(sent[0]?.body).toMatchObject({ base_url: "https://api.openai.com/v1", options: { headers: { "X-Team": "core" } } });

    await user.click(screen.getByRole("button", { name: "Edit provider openai-main" }));
    dialog = screen.getByRole("dialog", { name: "Edit provider openai-main" });
    await user.click(within(dialog).getByRole("button", { name: "Replace the key" }));
    const key = within(dialog).getByLabelText("New API key");
    expect(key).toHaveAttribute("type", "password");
    expect(key).toHaveValue("");
    await user.type(key, "sk-rotated");
    await user.type(within(dialog).getByLabelText("Monthly budget (USD)"), "250");
    await user.click(within(dialog).getByRole("button", { name: "Save provider" }));
    await waitFor(() => expect(sent).toHaveLength(3));
    expect(sent[1]).toMatchObject({ method: "PATCH", body: { api_key: "sk-rotated" } });
    await waitFor(() => expect(sent[2]?.body).not.toBeNull());
    expect(sent[2]).toEqual({
      method: "PUT",
      path: "/api/v1/providers/prv_1/limits",
      body: { requests_per_minute: 600, tokens_per_minute: null, concurrent_requests: null, monthly_budget_usd: 250 },
    });
  });

  it("asks before deleting and says why the server refused", async () => {
    const sent = stubAms([provider], (s) => (s.method === "DELETE" ? [409, { title: "Conflict", status: 409, detail: "routes still send calls to this provider: chat-default" }] : undefined));
    const user = userEvent.setup();
    render("/providers/overview");
    await user.click(await screen.findByRole("button", { name: "Delete provider openai-main" }));
    const dialog = screen.getByRole("dialog", { name: "Delete provider openai-main?" });
    await user.click(within(dialog).getByRole("button", { name: "Delete" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("routes still send calls to this provider: chat-default");
    expect(sent.map((s) => `${s.method} ${s.path}`)).toEqual(["DELETE /api/v1/providers/prv_1"]);
  });

  it("offers no changes to roles without gateway.manage", async () => {
    stubAms([provider]);
    render("/providers/overview", "operator");
    expect(await screen.findByRole("table", { name: "Providers" })).toHaveTextContent("openai-main");
    expect(screen.queryByRole("button", { name: "New provider" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Edit provider/ })).not.toBeInTheDocument();
  });
});

describe("the capability matrix", () => {
  const matrix = {
    capabilities: ["chat", "streaming", "tools", "vision", "json_mode", "embeddings"],
    items: [
      { provider_id: "prv_1", provider: "openai-main", kind: "openai", model: "gpt-4o-mini", context_window: 128000, capabilities: { chat: true, streaming: true, tools: true, vision: false, json_mode: false, embeddings: false }, input_per_mtok: 0.15, output_per_mtok: 0.6 },
      { provider_id: "prv_2", provider: "local", kind: "openai_compatible", model: "bge-m3", context_window: null, capabilities: { chat: false, streaming: false, tools: false, vision: false, json_mode: false, embeddings: true }, input_per_mtok: null, output_per_mtok: null },
    ],
  };

  it("lists each model with its context window, capabilities and prices", async () => {
    mockApi((url) => (url.pathname === "/api/v1/providers/capabilities" ? [200, matrix] : [200, page([])]));
    render("/providers/capabilities");
    const table = await screen.findByRole("table", { name: "Capabilities of the registered models" });
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(
      ["Provider", "Model", "Context window", "Chat", "Streaming", "Tools", "Vision", "JSON mode", "Embeddings", "Input $/M tok", "Output $/M tok"],
    );
    expect(within(table).getByRole("row", { name: /gpt-4o-mini/ })).toHaveTextContent("openai-maingpt-4o-mini128kyesyesyesnonono$0.15$0.60");
    expect(within(table).getByRole("row", { name: /bge-m3/ })).toHaveTextContent("localbge-m3–nononononoyes––");
  });

  it("says when no model is registered, and when it could not load", async () => {
    mockApi(() => [200, { capabilities: matrix.capabilities, items: [] }]);
    const { unmount } = render("/providers/capabilities");
    expect(await screen.findByText("No models registered")).toBeInTheDocument();
    unmount();
    mockApi(() => [500, { title: "Internal error", status: 500, detail: "AMS failed to handle this request" }]);
    render("/providers/capabilities");
    expect(await screen.findByRole("alert")).toHaveTextContent("AMS failed to handle this request");
  });

  it("prints list prices with two to four decimals", () => {
    expect([0.15, 2.5, 0.075, 15, null].map(formatPrice)).toEqual(["$0.15", "$2.50", "$0.075", "$15.00", "–"]);
  });
});
