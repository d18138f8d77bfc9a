import { LogOut, Moon, Sun } from "lucide-react";
import { type ReactNode, Suspense, useState } from "react";
import { NavLink } from "react-router";

import { api } from "@/api/client";
import { setSession } from "@/api/session";
import { Loading } from "@/components/States";

import { useLiveStatus } from "./live";
import { NAV_SECTIONS, PAGES } from "./pages";
import { ScopeSwitcher } from "./ScopeSwitcher";
import { useScope } from "./scope";
import { StopBanner } from "./StopBanner";

function toggleTheme(): boolean {
  const dark = document.documentElement.classList.toggle("dark");
  localStorage.setItem("ams.theme", dark ? "dark" : "light");
  return dark;
}

function LiveIndicator() {
  const status = useLiveStatus();
  const label = { live: "Live", connecting: "Connecting", offline: "Reconnecting" }[status];
  const dot = { live: "bg-emerald-500", connecting: "bg-amber-400", offline: "bg-gray-400" }[status];
  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-fg-muted" role="status" aria-label={`Live updates: ${label}`}>
      <span className={`size-2 rounded-full ${dot} ${status === "live" ? "animate-pulse" : ""}`} aria-hidden />
      {label}
    </span>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const { me } = useScope();
  const [dark, setDark] = useState(() => document.documentElement.classList.contains("dark"));

  async function logout() {
    await api.POST("/api/v1/auth/logout").catch(() => undefined);
    setSession(null);
  }

  return (
    <div className="flex h-full">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:z-50 focus:bg-surface focus:p-2">
        Skip to content
      </a>
      <aside className="hidden w-56 shrink-0 flex-col border-r border-line bg-surface md:flex">
        <div className="flex h-14 items-center gap-2 border-b border-line px-4">
          <img src="/favicon.svg" alt="" className="size-6" />
          <span className="font-semibold tracking-tight">AMS</span>
        </div>
        <nav aria-label="Main" className="flex-1 space-y-5 overflow-y-auto p-3">
          {NAV_SECTIONS.map((section) => {
            const items = PAGES.filter((p) => p.nav?.section === section);
            if (!items.length) return null;
            return (
              <div key={section}>
                <div className="px-2 pb-1 text-[11px] font-semibold uppercase tracking-wider text-fg-subtle">{section}</div>
                <ul className="space-y-0.5">
                  {items.map(({ path, nav }) =>
                    nav ? (
                      <li key={path}>
                        <NavLink
                          to={path.replace("/*", "")}
                          end={nav.end}
                          className={({ isActive }) =>
                            `flex items-center gap-2.5 rounded-md px-2 py-1.5 text-sm ${isActive ? "bg-accent-soft font-medium text-accent" : "text-fg-muted hover:bg-raised hover:text-fg"}`
                          }
                        >
                          <nav.icon className="size-4" aria-hidden />
                          {nav.label}
                        </NavLink>
                      </li>
                    ) : null,
                  )}
                </ul>
              </div>
            );
          })}
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 shrink-0 items-center gap-3 border-b border-line bg-surface px-4">
          <ScopeSwitcher />
          <div className="ml-auto flex items-center gap-3">
            <LiveIndicator />
            <button
              type="button"
              onClick={() => setDark(toggleTheme())}
              aria-label={dark ? "Switch to light theme" : "Switch to dark theme"}
              className="rounded-md p-1.5 text-fg-muted hover:bg-raised hover:text-fg"
            >
              {dark ? <Sun className="size-4" aria-hidden /> : <Moon className="size-4" aria-hidden />}
            </button>
            <span className="hidden text-sm text-fg-muted lg:inline" title={me.email}>
              {me.name || me.email}
            </span>
            <button type="button" onClick={logout} aria-label="Sign out" className="rounded-md p-1.5 text-fg-muted hover:bg-raised hover:text-fg">
              <LogOut className="size-4" aria-hidden />
            </button>
          </div>
        </header>
        <StopBanner />
        <nav aria-label="Main (compact)" className="flex gap-1 overflow-x-auto border-b border-line bg-surface px-2 py-1 md:hidden">
          {PAGES.filter((p) => p.nav).map(({ path, nav }) => (
            <NavLink key={path} to={path.replace("/*", "")} end={nav?.end} className={({ isActive }) => `whitespace-nowrap rounded px-2 py-1 text-sm ${isActive ? "bg-accent-soft text-accent" : "text-fg-muted"}`}>
              {nav?.label}
            </NavLink>
          ))}
        </nav>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 overflow-y-auto px-4 py-5 lg:px-6">
          <div className="mx-auto max-w-[1400px]">
            <Suspense fallback={<Loading rows={6} />}>{children}</Suspense>
          </div>
        </main>
      </div>
    </div>
  );
}
