import type { ReactNode } from "react";

export function KpiTile({ label, value, hint, children }: { label: string; value: ReactNode; hint?: ReactNode; children?: ReactNode }) {
  return (
    <div className="min-w-0 rounded-lg border border-line bg-surface px-4 py-3">
      <div className="truncate text-xs font-medium text-fg-subtle">{label}</div>
      <div className="tabular mt-1 truncate text-xl font-semibold text-fg">{value}</div>
      {hint && <div className="mt-0.5 truncate text-xs text-fg-muted">{hint}</div>}
      {children}
    </div>
  );
}
