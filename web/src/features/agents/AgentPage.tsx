import { Route, Routes, useParams } from "react-router";

import { HealthBadge, StateBadge } from "@/components/Badge";
import { PageHeader } from "@/components/PageHeader";
import { ErrorState, Loading } from "@/components/States";
import { TabLinks } from "@/components/Tabs";
import { Time } from "@/components/Time";
import { AuditTable } from "@/features/audit/AuditTable";
import { TracesTable } from "@/features/traces/TracesTable";

import { AgentConfiguration } from "./AgentConfiguration";
import { AgentCredentials } from "./AgentCredentials";
import { AgentHealth } from "./AgentHealth";
import { AgentOverview } from "./AgentOverview";
import { AgentVersions } from "./AgentVersions";
import { LifecycleActions } from "./LifecycleActions";
import { useAgent } from "./queries";

export default function AgentPage() {
  const { agentId = "" } = useParams();
  const agent = useAgent(agentId);
  if (agent.isPending) return <Loading rows={6} />;
  if (agent.error || !agent.data) return <ErrorState error={agent.error} onRetry={() => agent.refetch()} />;
  const a = agent.data;
  const base = `/agents/${a.id}`;

  return (
    <>
      <PageHeader
        breadcrumb="Agents"
        title={
          <span className="flex items-center gap-2">
            {a.name}
            <StateBadge state={a.lifecycle_state} />
            <HealthBadge health={a.health} />
          </span>
        }
        subtitle={
          a.state_reason ? (
            <>
              {a.lifecycle_state} since <Time value={a.state_changed_at} relative />: “{a.state_reason}”
            </>
          ) : (
            a.description || undefined
          )
        }
        actions={<LifecycleActions agent={a} />}
      />
      <TabLinks
        label="Agent sections"
        tabs={[
          { to: base, label: "Overview", end: true },
          { to: `${base}/versions`, label: "Versions" },
          { to: `${base}/configuration`, label: "Configuration" },
          { to: `${base}/credentials`, label: "Credentials" },
          { to: `${base}/health`, label: "Health" },
          { to: `${base}/traces`, label: "Traces" },
          { to: `${base}/audit`, label: "Audit" },
        ]}
      />
      <Routes>
        <Route index element={<AgentOverview agent={a} />} />
        <Route path="versions" element={<AgentVersions agent={a} />} />
        <Route path="configuration" element={<AgentConfiguration agent={a} />} />
        <Route path="credentials" element={<AgentCredentials agent={a} />} />
        <Route path="health" element={<AgentHealth agent={a} />} />
        <Route path="traces" element={<TracesTable fixedAgent={a.id} />} />
        <Route path="audit" element={<AuditTable fixed={{ resource_id: a.id }} />} />
      </Routes>
    </>
  );
}
