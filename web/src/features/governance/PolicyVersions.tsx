import { Card } from "@/components/Card";
import { QueryView } from "@/components/States";
import { Time } from "@/components/Time";

import { usePolicyVersions } from "./queries";
import { describeRule } from "./rules";

interface Version {
  version: number;
  document: { rules?: Record<string, unknown>[]; enabled?: boolean; name?: string };
  created_by: string;
  created_at: string;
}

/** Every version of a policy, newest first, each with who made it and its rules in a line each. */
export function PolicyVersions({ policyId, current }: { policyId: string; current: number }) {
  const versions = usePolicyVersions(policyId);
  return (
    <Card title="Versions" padded={false}>
      <QueryView query={versions}>
        {(items) => (
          <ol aria-label="Policy versions" className="max-h-96 divide-y divide-line overflow-y-auto text-sm">
            {(items as unknown as Version[]).map((v) => (
              <li key={v.version} className="px-4 py-2">
                <div className="flex items-center justify-between gap-2">
                  <span className="font-medium">
                    v{v.version}
                    {v.version === current && <span className="ml-1 text-xs font-normal text-fg-subtle">(current)</span>}
                  </span>
                  <span className="text-xs text-fg-muted">
                    {v.created_by} · <Time value={v.created_at} relative />
                  </span>
                </div>
                <ul className="mt-1 space-y-0.5 text-xs text-fg-muted">
                  {(v.document.rules ?? []).map((r, i) => (
                    <li key={i}>
                      <code className="font-mono">{String(r.id ?? `r${i + 1}`)}</code> {describeRule(r)}
                    </li>
                  ))}
                  {v.document.enabled === false && <li>disabled</li>}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </QueryView>
    </Card>
  );
}
