// Numbers and times as people read them. Every formatter takes null/undefined (a KPI with no tasks) to "–".

const DASH = "–";
type Maybe = number | null | undefined;

const missing = (value: Maybe): value is null | undefined => value === null || value === undefined || Number.isNaN(value);

/** A fraction 0–1 as a percentage: 0.9534 → "95.3%". */
export function formatPercent(value: Maybe, digits = 1): string {
  if (missing(value)) return DASH;
  const pct = value * 100;
  // 99.96% must not read as 100%: keep one more digit near the ends of the scale.
  const d = pct > 99.9 && pct < 100 ? digits + 1 : digits;
  return `${pct.toFixed(d).replace(/\.0+$/, "")}%`;
}

/** A duration in milliseconds: 850 → "850 ms", 1234 → "1.23 s", 95000 → "1m 35s". */
export function formatMs(value: Maybe): string {
  if (missing(value)) return DASH;
  if (value < 1) return `${value.toFixed(2)} ms`;
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(value / 60_000);
  const seconds = Math.round((value % 60_000) / 1000);
  if (minutes < 60) return `${minutes}m ${seconds}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** US dollars, with enough digits for the fractions of a cent LLM calls cost: 0.00042 → "$0.00042". */
export function formatUsd(value: Maybe): string {
  if (missing(value)) return DASH;
  if (value === 0) return "$0";
  const abs = Math.abs(value);
  if (abs >= 1000) return `$${Math.round(value).toLocaleString("en-US")}`;
  if (abs >= 1) return `$${value.toFixed(2)}`;
  if (abs >= 0.01) return `$${value.toFixed(3)}`;
  return `$${Number(value.toPrecision(2))}`;
}

/** A count in short form: 950 → "950", 12345 → "12.3k", 4200000 → "4.2M". */
export function formatCount(value: Maybe): string {
  if (missing(value)) return DASH;
  const abs = Math.abs(value);
  if (abs < 1000) return Number.isInteger(value) ? String(value) : value.toFixed(1);
  if (abs < 1_000_000) return `${trim(value / 1000)}k`;
  if (abs < 1_000_000_000) return `${trim(value / 1_000_000)}M`;
  return `${trim(value / 1_000_000_000)}B`;
}

export const formatTokens = formatCount;

/** A rate per hour: 12.5 → "12.5/h". */
export function formatPerHour(value: Maybe): string {
  return missing(value) ? DASH : `${formatCount(value < 10 ? Math.round(value * 10) / 10 : Math.round(value))}/h`;
}

function trim(value: number): string {
  return value.toFixed(Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0).replace(/\.?0+$/, "");
}

/** A time in the user's locale and time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return DASH;
  return new Date(iso).toLocaleString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

/** The same instant in UTC, ISO 8601: what the hover title shows. */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return "";
  return `${new Date(iso).toISOString().replace("T", " ").replace(/\.\d+Z$/, "")} UTC`;
}

/** "3 min ago", "in 2 h", from now (or `now`). */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return DASH;
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });
  const abs = Math.abs(seconds);
  if (abs < 45) return rtf.format(seconds, "second");
  if (abs < 2700) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 64_800) return rtf.format(Math.round(seconds / 3600), "hour");
  return rtf.format(Math.round(seconds / 86_400), "day");
}

/** Words from identifiers: "agent_owner" → "Agent owner". */
export function humanize(value: string): string {
  const text = value.replace(/[_.]/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const PLATFORMS: Record<string, string> = {
  langchain: "LangChain",
  langgraph: "LangGraph",
  crewai: "CrewAI",
  n8n: "n8n",
  make: "Make",
  zapier: "Zapier",
  webhook: "Webhook",
  custom: "Custom",
};

export function platformLabel(platform: string): string {
  return PLATFORMS[platform] ?? humanize(platform);
}
