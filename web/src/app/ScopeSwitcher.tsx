import { Building2, FolderKanban } from "lucide-react";

import { filterControl } from "@/components/Field";

import { useScope } from "./scope";

/** The organization and project the dashboard shows; "All projects" sees the whole organization. */
export function ScopeSwitcher() {
  const { organizations, organizationId, setOrganization, projects, projectId, setProject } = useScope();
  return (
    <div className="flex min-w-0 items-center gap-2">
      <label className="flex items-center gap-1.5">
        <Building2 className="size-4 text-fg-subtle" aria-hidden />
        <span className="sr-only">Organization</span>
        <select value={organizationId} onChange={(e) => setOrganization(e.target.value)} className={`${filterControl} max-w-44`}>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <span className="text-fg-subtle" aria-hidden>
        /
      </span>
      <label className="flex items-center gap-1.5">
        <FolderKanban className="size-4 text-fg-subtle" aria-hidden />
        <span className="sr-only">Project</span>
        <select value={projectId ?? ""} onChange={(e) => setProject(e.target.value || null)} className={`${filterControl} max-w-44`}>
          <option value="">All projects</option>
          {projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
