// The typed API client: openapi-fetch over the types generated from AMS's OpenAPI document (schema.d.ts).
// Every call carries the login token; an error answer becomes an ApiError; a 401 ends the login.
import createClient, { type Middleware } from "openapi-fetch";

import { ApiError, problemFrom } from "./problem";
import type { components, paths } from "./schema";
import { getSession, setSession } from "./session";

export type Schemas = components["schemas"];

const auth: Middleware = {
  onRequest({ request }) {
    const session = getSession();
    if (session) request.headers.set("Authorization", `Bearer ${session.token}`);
    return request;
  },
  async onResponse({ response, request }) {
    if (response.ok) return response;
    const problem = await problemFrom(response);
    // A 401 anywhere but the login form itself means the token expired or was revoked: back to login.
    if (response.status === 401 && !request.url.endsWith("/auth/login")) setSession(null);
    throw new ApiError(problem);
  },
};

// The page's own origin (AMS serves the dashboard), and fetch looked up on each call so tests can stand in for it.
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? "", fetch: (request) => globalThis.fetch(request) });
api.use(auth);

/** The data of an openapi-fetch answer; errors were already thrown by the middleware. */
export function unwrap<T>(result: { data?: T; error?: unknown }): T {
  if (result.error !== undefined || result.data === undefined) {
    throw result.error instanceof Error ? result.error : new Error("empty answer");
  }
  return result.data;
}
