import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { mockApi, renderApp } from "@/test/render";

import { StopBanner } from "./StopBanner";

const stop = { id: "stp_1", organization_id: "org_1", scope: "fleet", target: "", reason: "provider leak", stopped_by: "ada", stopped_at: "2026-06-10T12:00:00Z", released_at: null, released_by: null, release_reason: "" };

describe("StopBanner", () => {
  it("tells every page that a stop is in force, and where to release it", async () => {
    mockApi(() => [200, [stop, { ...stop, id: "stp_2", organization_id: "org_other" }]]);
    renderApp(<StopBanner />, { route: "/agents" });
    const banner = await screen.findByRole("status", { name: "Emergency stop in force" });
    // Another organization's stop is not this one's concern.
    expect(banner).toHaveTextContent("Emergency stop in force for the whole fleet: “provider leak”");
    expect(screen.getByRole("link", { name: "See and release" })).toHaveAttribute("href", "/governance/stops");
  });

  it("stays out of the governance page, which lists the stops itself", async () => {
    const fetch = mockApi(() => [200, [stop]]);
    renderApp(<StopBanner />, { route: "/governance/policies" });
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(screen.queryByRole("status", { name: "Emergency stop in force" })).toBeNull();
  });
});
