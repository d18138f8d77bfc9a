// Rendering a component as the app does: a fresh QueryClient, a router at `route`, and a signed-in scope.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { vi } from "vitest";

import { type Scope, ScopeContext } from "@/app/scope";

export function testScope(role = "admin"): Scope {
  return {
    organizationId: "org_1",
    projectId: null,
    organizations: [{ id: "org_1", name: "Acme", slug: "acme", created_at: "2026-01-01T00:00:00Z", role: role as never }],
    projects: [{ id: "prj_1", organization_id: "org_1", name: "Default", slug: "default", description: "", created_at: "2026-01-01T00:00:00Z" }],
    me: {
      id: "usr_1",
      email: "ada@example.com",
      name: "Ada",
      is_superuser: false,
      is_active: true,
      created_at: "2026-01-01T00:00:00Z",
      memberships: [{ organization_id: "org_1", organization_name: "Acme", role: role as never }],
    },
    role,
    setOrganization: () => undefined,
    setProject: () => undefined,
    params: { organization_id: "org_1" },
  };
}

export function renderApp(ui: ReactElement, { route = "/", scope = testScope() }: { route?: string; scope?: Scope | null } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const tree = (
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[route]}>{scope ? <ScopeContext.Provider value={scope}>{ui}</ScopeContext.Provider> : ui}</MemoryRouter>
    </QueryClientProvider>
  );
  return render(tree);
}

/** Stands in for AMS: each call answers with the handler's [status, body] for the request. */
export function mockApi(handler: (url: URL, init: Request) => [number, unknown]) {
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const [status, body] = handler(new URL(request.url), request);
    const problem = status >= 400;
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { "Content-Type": problem ? "application/problem+json" : "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetch);
  return fetch;
}
