import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";

import { getSession } from "@/api/session";
import { mockApi, renderApp } from "@/test/render";

import { LoginPage } from "./LoginPage";

function renderLogin() {
  return renderApp(
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/agents" element={<p>the agents page</p>} />
    </Routes>,
    { route: "/login?next=/agents", scope: null },
  );
}

describe("LoginPage", () => {
  it("signs in, keeps the token for this tab and goes where the user was headed", async () => {
    mockApi(() => [200, { access_token: "tok_123", token_type: "bearer", expires_at: "2999-01-01T00:00:00Z" }]);
    const user = userEvent.setup();
    renderLogin();
    await user.type(screen.getByLabelText("Email"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), "correct horse");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("the agents page")).toBeInTheDocument();
    expect(getSession()?.token).toBe("tok_123");
    expect(JSON.parse(sessionStorage.getItem("ams.session") ?? "{}").token).toBe("tok_123");
  });

  it("shows a refused login's detail", async () => {
    mockApi(() => [401, { type: "about:blank", title: "Unauthenticated", status: 401, detail: "wrong email or password", errors: [] }]);
    const user = userEvent.setup();
    renderLogin();
    await user.type(screen.getByLabelText("Email"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), "nope");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("wrong email or password");
    expect(getSession()).toBeNull();
  });

  it("puts a field error next to its input", async () => {
    mockApi(() => [422, { title: "Invalid input", status: 422, detail: "email: not an address", errors: [{ field: "email", message: "not an address" }] }]);
    const user = userEvent.setup();
    renderLogin();
    await user.type(screen.getByLabelText("Email"), "a@b");
    await user.type(screen.getByLabelText("Password"), "x");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    const email = screen.getByLabelText("Email");
    expect(await screen.findByText("not an address")).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("not an address");
  });
});
