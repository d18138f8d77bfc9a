import { afterEach, describe, expect, it } from "vitest";

import { mockApi } from "@/test/render";

import { api } from "./client";
import { ApiError } from "./problem";
import { getSession, setSession } from "./session";

afterEach(() => setSession(null));

describe("api client", () => {
  it("sends the login token and returns the typed answer", async () => {
    setSession({ token: "tok_abc", expiresAt: "2999-01-01T00:00:00Z" });
    const fetch = mockApi(() => [200, { status: "ok" }]);
    await api.GET("/api/v1/system/health");
    const request = fetch.mock.calls[0]![0] as Request;
    expect(request.headers.get("Authorization")).toBe("Bearer tok_abc");
  });

  it("turns a problem answer into an ApiError with its field errors", async () => {
    mockApi(() => [422, { title: "Invalid input", status: 422, detail: "name: required", errors: [{ field: "name", message: "required" }] }]);
    const failure = await api.POST("/api/v1/projects", { body: { name: "" } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).fieldErrors).toEqual({ name: "required" });
    expect((failure as ApiError).message).toBe("name: required");
  });

  it("ends the login when AMS answers 401", async () => {
    setSession({ token: "tok_old", expiresAt: "2999-01-01T00:00:00Z" });
    mockApi(() => [401, { title: "Unauthenticated", status: 401, detail: "the token expired" }]);
    await api.GET("/api/v1/agents").catch(() => undefined);
    expect(getSession()).toBeNull();
  });
});
