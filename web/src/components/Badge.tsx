import { humanize } from "@/lib/format";

type Tone = "green" | "amber" | "red" | "blue" | "gray" | "violet";

const TONES: Record<Tone, string> = {
  green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/20",
  red: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/20",
  blue: "bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-400/20",
  violet: "bg-violet-50 text-violet-700 ring-violet-600/20 dark:bg-violet-500/10 dark:text-violet-300 dark:ring-violet-400/20",
  gray: "bg-gray-100 text-gray-700 ring-gray-500/20 dark:bg-gray-500/10 dark:text-gray-300 dark:ring-gray-400/20",
};

const DOTS: Record<Tone, string> = {
  green: "bg-emerald-500",
  amber: "bg-amber-500",
  red: "bg-red-500",
  blue: "bg-sky-500",
  violet: "bg-violet-500",
  gray: "bg-gray-400",
};

export function Badge({ tone = "gray", dot, children, title }: { tone?: Tone; dot?: boolean; children: React.ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}
    >
      {dot && <span aria-hidden className={`size-1.5 rounded-full ${DOTS[tone]}`} />}
      {children}
    </span>
  );
}

const STATE_TONES: Record<string, Tone> = {
  registered: "gray",
  provisioning: "blue",
  active: "green",
  paused: "amber",
  maintenance: "violet",
  quarantined: "red",
  decommissioning: "gray",
  decommissioned: "gray",
};

export function StateBadge({ state }: { state: string }) {
  return (
    <Badge tone={STATE_TONES[state] ?? "gray"} dot title={`Lifecycle state: ${state}`}>
      {humanize(state)}
    </Badge>
  );
}

const HEALTH_TONES: Record<string, Tone> = {
  healthy: "green",
  degraded: "amber",
  unhealthy: "red",
  offline: "gray",
  unknown: "gray",
};

export function HealthBadge({ health }: { health: string }) {
  return (
    <Badge tone={HEALTH_TONES[health] ?? "gray"} title={`Health: ${health}`}>
      {humanize(health)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={status === "error" ? "red" : "green"}>{status === "error" ? "Error" : "OK"}</Badge>;
}
