import { Plus, ShieldCheck } from "lucide-react";
import { Link, useNavigate } from "react-router";

import { useCan } from "@/app/scope";
import { Badge } from "@/components/Badge";
import { Card } from "@/components/Card";
import { type Column, DataTable } from "@/components/DataTable";
import { Empty, QueryView } from "@/components/States";
import { Time } from "@/components/Time";

import { usePolicies } from "./queries";
import { describeRule, describeScope, type Policy, RULE_LABELS, type RuleType } from "./rules";

const NEW_POLICY = "inline-flex h-8 items-center gap-1.5 rounded-md bg-accent px-3 text-sm font-medium text-accent-fg hover:opacity-90";

export function PolicyList() {
  const policies = usePolicies();
  const can = useCan();
  const navigate = useNavigate();
  const columns: Column<Policy>[] = [
    {
      key: "name",
      header: "Policy",
      render: (p) => (
        <div className="min-w-0">
          <Link to={`/governance/policies/${p.id}`} className="font-medium text-fg hover:text-accent">
            {p.name}
          </Link>
          {p.description && <div className="truncate text-xs text-fg-subtle">{p.description}</div>}
        </div>
      ),
    },
    { key: "scope", header: "Applies to", render: (p) => describeScope(p.scope) },
    {
      key: "rules",
      header: "Rules",
      render: (p) => (
        <ul className="space-y-0.5 text-xs">
          {p.rules.slice(0, 3).map((r, i) => (
            <li key={i}>
              <span className="font-medium">{RULE_LABELS[r.type as RuleType] ?? String(r.type)}</span> <span className="text-fg-muted">{describeRule(r)}</span>
            </li>
          ))}
          {p.rules.length > 3 && <li className="text-fg-subtle">and {p.rules.length - 3} more</li>}
        </ul>
      ),
    },
    { key: "state", header: "State", render: (p) => (p.enabled ? <Badge tone="green" dot>Enabled</Badge> : <Badge>Disabled</Badge>) },
    { key: "version", header: "Version", align: "right", render: (p) => `v${p.version}` },
    { key: "updated", header: "Changed", render: (p) => <Time value={p.updated_at} relative /> },
  ];
  return (
    <Card
      title="Policies"
      padded={false}
      actions={
        can("admin") && (
          <Link to="/governance/policies/new" className={NEW_POLICY}>
            <Plus className="size-4" aria-hidden /> New policy
          </Link>
        )
      }
    >
      <QueryView query={policies}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="No policies yet" icon={<ShieldCheck aria-hidden className="size-8" />}>
              Without a policy every action is allowed. Start with a spend cap or a deny-list of dangerous tools, and simulate it against last week's traffic before saving.
            </Empty>
          ) : (
            <DataTable caption="Policies" columns={columns} rows={page.items} rowKey={(p) => p.id} onRowClick={(p) => navigate(`/governance/policies/${p.id}`)} />
          )
        }
      </QueryView>
    </Card>
  );
}
