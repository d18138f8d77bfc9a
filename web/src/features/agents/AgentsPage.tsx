import { Search } from "lucide-react";
import { Link, useNavigate, useSearchParams } from "react-router";

import { HealthBadge, StateBadge } from "@/components/Badge";
import { Card } from "@/components/Card";
import { CursorPager, useCursorPages } from "@/components/CursorPager";
import { type Column, DataTable } from "@/components/DataTable";
import { filterControl } from "@/components/Field";
import { PageHeader } from "@/components/PageHeader";
import { Sparkline } from "@/components/Sparkline";
import { Empty, ErrorState, Loading } from "@/components/States";
import { Time } from "@/components/Time";
import { formatCount, formatUsd, humanize, platformLabel } from "@/lib/format";

import { type Agent, type AgentFilters, useAgents, useAgentSeries } from "./queries";

const STATES = ["registered", "provisioning", "active", "paused", "maintenance", "quarantined", "decommissioning", "decommissioned"];
const HEALTHS = ["healthy", "degraded", "unhealthy", "offline", "unknown"];
const PLATFORMS = ["langchain", "langgraph", "crewai", "n8n", "make", "zapier", "webhook", "custom"];

type Point = { time: string; value: number | null };

function sum(points: Point[] | undefined): number {
  return (points ?? []).reduce((total, p) => total + (p.value ?? 0), 0);
}

/** Failed tasks per hour, from the hourly task counts and error rates. */
export function errorCounts(tasks: Point[] | undefined, rates: Point[] | undefined): number[] {
  const rateAt = new Map((rates ?? []).map((p) => [p.time, p.value ?? 0]));
  return (tasks ?? []).map((p) => Math.round((p.value ?? 0) * (rateAt.get(p.time) ?? 0)));
}

export default function AgentsPage() {
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const filters: AgentFilters = {
    q: search.get("q") ?? "",
    state: search.get("state") ?? "",
    health: search.get("health") ?? "",
    platform: search.get("platform") ?? "",
    tag: search.get("tag") ?? "",
    sort: search.get("sort") ?? "name",
  };
  const pages = useCursorPages(JSON.stringify(filters));
  const agents = useAgents(filters, pages.cursor);
  const tasks = useAgentSeries("tasks");
  const errors = useAgentSeries("error_rate");
  const cost = useAgentSeries("cost_usd");

  function setFilter(name: keyof AgentFilters, value: string) {
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  const columns: Column<Agent>[] = [
    {
      key: "name",
      header: "Agent",
      sortKey: "name",
      render: (a) => (
        <div className="min-w-0">
          <Link to={`/agents/${a.id}`} className="font-medium text-fg hover:text-accent">
            {a.name}
          </Link>
          <div className="truncate text-xs text-fg-subtle">
            {platformLabel(a.platform)}
            {a.current_version ? ` · v${a.current_version}` : ""}
            {a.tags.length ? ` · ${a.tags.join(", ")}` : ""}
          </div>
        </div>
      ),
    },
    { key: "state", header: "State", sortKey: "lifecycle_state", render: (a) => <StateBadge state={a.lifecycle_state} /> },
    { key: "health", header: "Health", sortKey: "health", render: (a) => <HealthBadge health={a.health} /> },
    {
      key: "tasks",
      header: "Tasks 24h",
      render: (a) => {
        const points = tasks.data?.get(a.id);
        return (
          <div className="flex items-center gap-2">
            <Sparkline values={(points ?? []).map((p) => p.value)} label={`Tasks per hour of ${a.name}`} />
            <span className="tabular w-12 text-right text-xs text-fg-muted">{formatCount(sum(points))}</span>
          </div>
        );
      },
    },
    {
      key: "errors",
      header: "Errors 24h",
      render: (a) => {
        const counts = errorCounts(tasks.data?.get(a.id), errors.data?.get(a.id));
        const total = counts.reduce((x, y) => x + y, 0);
        return (
          <div className="flex items-center gap-2">
            <Sparkline values={counts} tone="red" label={`Failed tasks per hour of ${a.name}`} />
            <span className={`tabular w-10 text-right text-xs ${total ? "text-red-600 dark:text-red-400" : "text-fg-muted"}`}>{formatCount(total)}</span>
          </div>
        );
      },
    },
    {
      key: "cost",
      header: "Cost 24h",
      render: (a) => {
        const points = cost.data?.get(a.id);
        return (
          <div className="flex items-center gap-2">
            <Sparkline values={(points ?? []).map((p) => p.value)} tone="amber" label={`Cost per hour of ${a.name}`} />
            <span className="tabular w-14 text-right text-xs text-fg-muted">{formatUsd(sum(points))}</span>
          </div>
        );
      },
    },
    { key: "changed", header: "State since", sortKey: "state_changed_at", render: (a) => <Time value={a.state_changed_at} relative /> },
  ];

  return (
    <>
      <PageHeader title="Agents" subtitle="Every agent with its state, health and last 24 hours, updating live." />
      <Card padded={false}>
        <div role="search" className="flex flex-wrap items-center gap-2 border-b border-line p-3">
          <label className="relative">
            <span className="sr-only">Search agents</span>
            <Search className="pointer-events-none absolute left-2 top-2 size-4 text-fg-subtle" aria-hidden />
            <input type="search" placeholder="Search name or description" defaultValue={filters.q} onChange={(e) => setFilter("q", e.target.value)} className={`${filterControl} w-64 pl-8`} />
          </label>
          <FilterSelect label="State" value={filters.state ?? ""} options={STATES} onChange={(v) => setFilter("state", v)} />
          <FilterSelect label="Health" value={filters.health ?? ""} options={HEALTHS} onChange={(v) => setFilter("health", v)} />
          <FilterSelect label="Platform" value={filters.platform ?? ""} options={PLATFORMS} onChange={(v) => setFilter("platform", v)} />
          <label>
            <span className="sr-only">Tag</span>
            <input placeholder="Tag" defaultValue={filters.tag} onChange={(e) => setFilter("tag", e.target.value.trim())} className={`${filterControl} w-32`} />
          </label>
        </div>
        {agents.isPending ? (
          <Loading rows={6} />
        ) : agents.error || !agents.data ? (
          <ErrorState error={agents.error} onRetry={() => agents.refetch()} />
        ) : agents.data.items.length === 0 ? (
          <Empty title={Object.values(filters).some((v) => v && v !== "name") ? "No agent matches these filters" : "No agents yet"}>
            Agents appear here once registered, or as soon as their first traces arrive.
          </Empty>
        ) : (
          <>
            <DataTable
              caption="Agents"
              columns={columns}
              rows={agents.data.items}
              rowKey={(a) => a.id}
              sort={filters.sort}
              onSort={(sort) => setFilter("sort", sort)}
              onRowClick={(a) => navigate(`/agents/${a.id}`)}
            />
            <CursorPager pages={pages} nextCursor={agents.data.next_cursor} count={agents.data.items.length} />
          </>
        )}
      </Card>
    </>
  );
}

function FilterSelect({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (value: string) => void }) {
  return (
    <label>
      <span className="sr-only">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} className={filterControl}>
        <option value="">{`Any ${label.toLowerCase()}`}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {label === "Platform" ? platformLabel(o) : humanize(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
