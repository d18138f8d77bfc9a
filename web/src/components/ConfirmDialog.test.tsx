import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { ApiError } from "@/api/problem";

import { ConfirmDialog } from "./ConfirmDialog";

describe("ConfirmDialog", () => {
  it("passes the reason on and closes once the action succeeded", async () => {
    const onConfirm = vi.fn(async () => undefined);
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(<ConfirmDialog title="Pause billing?" message="It stops taking work." confirmLabel="Pause" askReason onConfirm={onConfirm} onClose={onClose} />);
    expect(screen.getByRole("dialog", { name: "Pause billing?" })).toBeInTheDocument();
    // Focus starts in the reason field, so the user can type straight away.
    await user.keyboard("cost spike");
    await user.click(screen.getByRole("button", { name: "Pause" }));
    expect(onConfirm).toHaveBeenCalledWith("cost spike");
    expect(onClose).toHaveBeenCalled();
  });

  it("keeps the dialog open with the refusal's detail", async () => {
    const refusal = new ApiError({ title: "Conflict", status: 409, detail: "cannot pause an agent that is paused; allowed from paused: resume" });
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(<ConfirmDialog title="Pause?" message="" confirmLabel="Pause" askReason onConfirm={() => Promise.reject(refusal)} onClose={onClose} />);
    await user.click(screen.getByRole("button", { name: "Pause" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("allowed from paused: resume");
    expect(onClose).not.toHaveBeenCalled();
  });

  it("closes on Escape", async () => {
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(<ConfirmDialog title="Retire?" message="" confirmLabel="Retire" danger onConfirm={async () => undefined} onClose={onClose} />);
    await user.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalled();
  });
});
