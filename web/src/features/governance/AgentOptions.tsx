import { useAgentNames } from "@/features/traces/queries";

/** Suggestions for a field that names an agent: the organization's agents by name. */
export function AgentOptions({ id }: { id: string }) {
  const names = useAgentNames();
  return (
    <datalist id={id}>
      {[...(names.data?.values() ?? [])].map((name) => (
        <option key={name} value={name} />
      ))}
    </datalist>
  );
}
