import { NavLink } from "react-router";

/** Tabs that are links: each tab has its own URL, so it can be bookmarked and the Back button works. */
export function TabLinks({ tabs, label }: { tabs: { to: string; label: string; end?: boolean }[]; label: string }) {
  return (
    <nav aria-label={label} className="mb-4 flex gap-1 overflow-x-auto border-b border-line">
      {tabs.map((tab) => (
        <NavLink
          key={tab.to}
          to={tab.to}
          end={tab.end}
          className={({ isActive }) =>
            `-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${isActive ? "border-accent text-fg" : "border-transparent text-fg-muted hover:text-fg"}`
          }
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
