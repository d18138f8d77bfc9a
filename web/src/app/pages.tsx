// Every page of the dashboard in one list: its route, its place in the navigation, and its code, loaded only
// when first visited.
import { BellRing, FileClock, LayoutGrid, type LucideIcon, Network, Server, Settings, ShieldCheck, Waypoints } from "lucide-react";
import { lazy } from "react";

export interface PageEntry {
  path: string;
  component: React.LazyExoticComponent<React.ComponentType>;
  nav?: { label: string; icon: LucideIcon; section: NavSection; end?: boolean };
}

export type NavSection = "Observe" | "Govern" | "Manage";
export const NAV_SECTIONS: NavSection[] = ["Observe", "Govern", "Manage"];

export const PAGES: PageEntry[] = [
  {
    path: "/",
    component: lazy(() => import("@/features/fleet/FleetPage")),
    nav: { label: "Fleet Command", icon: LayoutGrid, section: "Observe", end: true },
  },
  {
    path: "/agents",
    component: lazy(() => import("@/features/agents/AgentsPage")),
    nav: { label: "Agents", icon: Network, section: "Observe", end: true },
  },
  { path: "/agents/:agentId/*", component: lazy(() => import("@/features/agents/AgentPage")) },
  {
    path: "/traces",
    component: lazy(() => import("@/features/traces/TracesPage")),
    nav: { label: "Traces", icon: Waypoints, section: "Observe", end: true },
  },
  { path: "/traces/:traceId", component: lazy(() => import("@/features/traces/TracePage")) },
  {
    path: "/alerts/*",
    component: lazy(() => import("@/features/alerts/AlertsPage")),
    nav: { label: "Alerts", icon: BellRing, section: "Observe" },
  },
  {
    path: "/governance/*",
    component: lazy(() => import("@/features/governance/GovernancePage")),
    nav: { label: "Governance", icon: ShieldCheck, section: "Govern" },
  },
  {
    path: "/audit",
    component: lazy(() => import("@/features/audit/AuditPage")),
    nav: { label: "Audit log", icon: FileClock, section: "Govern" },
  },
  {
    path: "/providers/*",
    component: lazy(() => import("@/features/providers/ProvidersPage")),
    nav: { label: "Providers", icon: Server, section: "Manage" },
  },
  {
    path: "/settings/*",
    component: lazy(() => import("@/features/settings/SettingsPage")),
    nav: { label: "Settings", icon: Settings, section: "Manage" },
  },
];
