import { formatDateTime, formatRelative, formatUtc } from "@/lib/format";

/** A time in the user's locale; hovering shows it in UTC. */
export function Time({ value, relative }: { value: string | null | undefined; relative?: boolean }) {
  if (!value) return <span className="text-fg-subtle">–</span>;
  return (
    <time dateTime={value} title={formatUtc(value)} className="tabular whitespace-nowrap">
      {relative ? formatRelative(value) : formatDateTime(value)}
    </time>
  );
}
