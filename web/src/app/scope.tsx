// Which organization and project the dashboard shows. Chosen in the top bar, kept in localStorage, and passed
// to every query as organization_id / project_id (the API scopes every answer by them).
import { useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

import { api, type Schemas, unwrap } from "@/api/client";

const KEY = "ams.scope";

export interface Scope {
  organizationId: string;
  projectId: string | null;
  organizations: Schemas["OrganizationPublic"][];
  projects: Schemas["ProjectPublic"][];
  me: Schemas["MePublic"];
  role: string | null;
  setOrganization: (id: string) => void;
  setProject: (id: string | null) => void;
  /** The query parameters that put a request in this scope. */
  params: { organization_id: string; project_id?: string };
}

export const ScopeContext = createContext<Scope | null>(null);

function saved(): { organizationId?: string; projectId?: string | null } {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? "{}");
  } catch {
    return {};
  }
}

export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async () => unwrap(await api.GET("/api/v1/auth/me")) as Schemas["MePublic"],
    staleTime: 60_000,
  });
}

export function ScopeProvider({ me, children }: { me: Schemas["MePublic"]; children: ReactNode }) {
  const [choice, setChoice] = useState(saved);
  const organizations = useQuery({
    queryKey: ["organizations"],
    queryFn: async () => unwrap(await api.GET("/api/v1/organizations")),
    staleTime: 60_000,
  });
  const orgs = organizations.data ?? [];
  const organizationId =
    orgs.find((o) => o.id === choice.organizationId)?.id ?? orgs[0]?.id ?? me.memberships[0]?.organization_id ?? "";
  const projects = useQuery({
    queryKey: ["projects", organizationId],
    queryFn: async () => unwrap(await api.GET("/api/v1/projects", { params: { query: { organization_id: organizationId } } })),
    enabled: Boolean(organizationId),
    staleTime: 60_000,
  });
  const projectList = projects.data ?? [];
  const projectId = projectList.find((p) => p.id === choice.projectId)?.id ?? null;

  const persist = useCallback((next: { organizationId?: string; projectId?: string | null }) => {
    localStorage.setItem(KEY, JSON.stringify(next));
    setChoice(next);
  }, []);

  const value = useMemo<Scope>(
    () => ({
      organizationId,
      projectId,
      organizations: orgs,
      projects: projectList,
      me,
      role: orgs.find((o) => o.id === organizationId)?.role ?? (me.is_superuser ? "admin" : null),
      setOrganization: (id) => persist({ organizationId: id, projectId: null }),
      setProject: (id) => persist({ organizationId, projectId: id }),
      params: projectId ? { organization_id: organizationId, project_id: projectId } : { organization_id: organizationId },
    }),
    [organizationId, projectId, orgs, projectList, me, persist],
  );
  if (!organizationId) return null;
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

export function useScope(): Scope {
  const scope = useContext(ScopeContext);
  if (!scope) throw new Error("useScope outside ScopeProvider");
  return scope;
}

/** Whether the signed-in user's role in this organization allows an action (the server checks again). */
export function useCan(): (what: "lifecycle" | "edit" | "admin") => boolean {
  const { role, me } = useScope();
  return (what) => {
    if (me.is_superuser || role === "admin") return true;
    if (what === "lifecycle") return role === "operator" || role === "agent_owner";
    if (what === "edit") return role === "agent_owner";
    return false;
  };
}
