import { AlertTriangle, Inbox } from "lucide-react";
import type { ReactNode } from "react";

import { ApiError, errorMessage } from "@/api/problem";

import { Button } from "./Button";

export function Loading({ label = "Loading…", rows = 3 }: { label?: string; rows?: number }) {
  return (
    <div role="status" aria-live="polite" data-loading className="space-y-2 p-4">
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-4 animate-pulse rounded bg-raised" style={{ width: `${90 - i * 15}%` }} />
      ))}
    </div>
  );
}

export function Empty({ title, children, icon }: { title: string; children?: ReactNode; icon?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-2 px-6 py-10 text-center">
      <div className="text-fg-subtle">{icon ?? <Inbox aria-hidden className="size-8" />}</div>
      <p className="text-sm font-medium text-fg">{title}</p>
      {children && <div className="max-w-md text-sm text-fg-muted">{children}</div>}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div role="alert" className="flex flex-col items-center justify-center gap-2 px-6 py-10 text-center">
      <AlertTriangle aria-hidden className="size-8 text-red-500" />
      <p className="text-sm font-medium text-fg">Could not load this</p>
      <p className="max-w-md text-sm text-fg-muted">{errorMessage(error)}</p>
      {onRetry && (
        <Button size="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}

/** Loading, error or the content, for one query: the three states every panel has. */
export function QueryView<T>({
  query,
  children,
  loading,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
  loading?: ReactNode;
}) {
  if (query.isPending) return <>{loading ?? <Loading />}</>;
  if (query.error || query.data === undefined) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  return <>{children(query.data)}</>;
}

export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-200">
      {errorMessage(error)}
    </p>
  );
}

/**
 * The error of a form, unless every field error in it is already shown next to its input (`shownFields`).
 * A problem without field errors, or with one on a field the form has no input for, is shown whole.
 */
export function FormError({ error, shownFields }: { error: unknown; shownFields: string[] }) {
  if (!error) return null;
  if (error instanceof ApiError) {
    const errors = error.problem.errors ?? [];
    if (errors.length && errors.every((e) => shownFields.some((f) => e.field === f || e.field.startsWith(`${f}.`)))) return null;
  }
  return <InlineError error={error} />;
}
