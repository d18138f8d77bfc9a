import { type FormEvent, type ReactNode, useState } from "react";

import { ApiError } from "@/api/problem";

import { Button } from "./Button";
import { Dialog } from "./Dialog";
import { TextArea } from "./Field";
import { InlineError } from "./States";

/** Asks before a consequential action, optionally with a reason that is kept in the audit trail. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  danger,
  askReason,
  extra,
  onConfirm,
  onClose,
}: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  askReason?: boolean;
  extra?: ReactNode;
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  const reasonError = error instanceof ApiError ? error.fieldErrors.reason : undefined;
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4">
        <div className="text-sm text-fg-muted">{message}</div>
        {extra}
        {askReason && (
          <TextArea
            label="Reason (kept in the audit trail)"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={2000}
            error={reasonError}
            data-autofocus
          />
        )}
        {error !== null && !reasonError && <InlineError error={error} />}
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant={danger ? "danger" : "primary"} busy={busy}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
