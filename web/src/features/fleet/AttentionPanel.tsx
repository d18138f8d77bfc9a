import { useQuery } from "@tanstack/react-query";
import { CircleCheck } from "lucide-react";
import { Link } from "react-router";

import { api, type Schemas, unwrap } from "@/api/client";
import { usePollEvery } from "@/app/live";
import { useScope } from "@/app/scope";
import { Badge } from "@/components/Badge";
import { Card } from "@/components/Card";
import { Empty, QueryView } from "@/components/States";
import { Time } from "@/components/Time";
import { humanize } from "@/lib/format";

type Item = Schemas["AttentionItem"];
export const ATTENTION_SHOWN = 3;

const SEVERITY_TONES: Record<string, "red" | "amber" | "blue" | "gray"> = { emergency: "red", critical: "red", high: "red", warning: "amber", info: "gray" };

/** The dashboard page an attention item points at: its agent when it names one, else a spend cap's policy. */
export function target(item: Item): string | null {
  if (item.agent_id) return `/agents/${item.agent_id}`;
  const policy = item.links.policy?.split("/").pop();
  return policy ? `/governance/policies/${policy}` : null;
}

/** "Attention required": the three most urgent open problems (alerts, quarantined and offline agents, spend caps
 * reached or nearly), with why. */
export function AttentionPanel() {
  const { organizationId } = useScope();
  const poll = usePollEvery(30_000);
  const attention = useQuery({
    queryKey: ["attention", organizationId],
    queryFn: async () => unwrap(await api.GET("/api/v1/attention", { params: { query: { organization_id: organizationId, limit: ATTENTION_SHOWN } } })),
    refetchInterval: poll,
  });
  return (
    <Card title="Attention required" padded={false}>
      <QueryView query={attention}>
        {(items) =>
          items.length ? (
            <ol className="divide-y divide-line" aria-label="Most urgent problems">
              {items.slice(0, ATTENTION_SHOWN).map((item, i) => {
                const to = target(item);
                return (
                  <li key={item.alert_id ?? `${item.kind}-${item.agent_id ?? i}`} className="space-y-1 px-4 py-3">
                    <div className="flex items-center gap-2">
                      <Badge tone={SEVERITY_TONES[item.severity] ?? "gray"}>{humanize(item.severity)}</Badge>
                      {to ? (
                        <Link to={to} className="min-w-0 truncate text-sm font-medium text-fg hover:text-accent">
                          {item.title}
                        </Link>
                      ) : (
                        <span className="min-w-0 truncate text-sm font-medium">{item.title}</span>
                      )}
                    </div>
                    <p className="line-clamp-2 text-xs text-fg-muted">{item.why}</p>
                    {item.since && (
                      <p className="text-[11px] text-fg-subtle">
                        since <Time value={item.since} relative />
                      </p>
                    )}
                  </li>
                );
              })}
            </ol>
          ) : (
            <Empty title="Nothing needs you now" icon={<CircleCheck className="size-8 text-emerald-500" aria-hidden />}>
              No open alert, no quarantined or offline agent, no budget spent.
            </Empty>
          )
        }
      </QueryView>
    </Card>
  );
}
