import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { mockApi, renderApp } from "@/test/render";

import { PricingSettings, toPrice } from "./PricingSettings";

const pricing = { organization_id: "org_1", bundled_as_of: "2026-08-27", overrides: [], bundled: [{ provider: "openai", model: "gpt-4o", input_per_mtok: 2.5, output_per_mtok: 10 }] };

describe("PricingSettings", () => {
  it("puts the API's error for one row's field next to that input", async () => {
    let sent: unknown = null;
    mockApi((_url, request) => {
      if (request.method === "PUT") {
        void request.clone().json().then((body) => (sent = body));
        return [422, { title: "Invalid input", status: 422, detail: "prices[0].pattern: is required when match is regex", errors: [{ field: "prices[0].pattern", message: "is required when match is regex" }] }];
      }
      return [200, pricing];
    });
    const user = userEvent.setup();
    renderApp(<PricingSettings />);
    await user.click(await screen.findByRole("button", { name: /Add a price/ }));
    await user.type(screen.getByLabelText("Model, row 1"), "my-model");
    await user.selectOptions(screen.getByLabelText("Match, row 1"), "regex");
    await user.type(screen.getByLabelText("Input price, row 1"), "1.5");
    await user.click(screen.getByRole("button", { name: "Save prices" }));
    expect(await screen.findByText("is required when match is regex")).toBeInTheDocument();
    expect(screen.getByLabelText("Pattern, row 1")).toHaveAttribute("aria-invalid", "true");
    expect(sent).toEqual({ prices: [{ provider: "", model: "my-model", match: "regex", pattern: "", input_per_mtok: 1.5 }] });
  });

  it("sends rates as numbers and leaves empty ones out", () => {
    expect(toPrice({ provider: "openai", model: "m", match: "exact", pattern: "x", input_per_mtok: "2", cached_input_per_mtok: "", output_per_mtok: "8" })).toEqual({
      provider: "openai",
      model: "m",
      match: "exact",
      input_per_mtok: 2,
      output_per_mtok: 8,
    });
  });
});
