export const ROLES = [
  { value: "viewer", label: "Viewer", explain: "reads everything" },
  { value: "operator", label: "Operator", explain: "also moves agents through their lifecycle" },
  { value: "agent_owner", label: "Agent owner", explain: "creates agents and edits, versions and keys their own" },
  { value: "admin", label: "Admin", explain: "everything, including users, projects and keys" },
] as const;

export type Role = (typeof ROLES)[number]["value"];

export const roleOptions = ROLES.map((r) => ({ value: r.value, label: r.label }));
export const roleLabel = (role: string | null | undefined) => ROLES.find((r) => r.value === role)?.label ?? role ?? "–";
