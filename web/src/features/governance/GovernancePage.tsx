import { Navigate, Route, Routes } from "react-router";

import { Card } from "@/components/Card";
import { PageHeader } from "@/components/PageHeader";
import { TabLinks } from "@/components/Tabs";

import { ApprovalsQueue } from "./ApprovalsQueue";
import { ActiveStops, EmergencyStopButton, StopHistory } from "./EmergencyStop";
import { PolicyEditorPage } from "./PolicyEditor";
import { PolicyList } from "./PolicyList";
import { useApprovals } from "./queries";

export default function GovernancePage() {
  const pending = useApprovals("pending").data?.items.length ?? 0;
  return (
    <>
      <PageHeader title="Governance" subtitle="What agents may do and spend, who must approve, and the emergency stop." actions={<EmergencyStopButton />} />
      <ActiveStops />
      <TabLinks
        label="Governance sections"
        tabs={[
          { to: "/governance/policies", label: "Policies" },
          { to: "/governance/approvals", label: pending ? `Approvals (${pending})` : "Approvals" },
          { to: "/governance/stops", label: "Emergency stops" },
        ]}
      />
      <Routes>
        <Route index element={<Navigate to="policies" replace />} />
        <Route path="policies" element={<PolicyList />} />
        <Route path="policies/:policyId" element={<PolicyEditorPage />} />
        <Route path="approvals" element={<ApprovalsQueue />} />
        <Route
          path="stops"
          element={
            <Card title="Emergency stops, newest first" padded={false}>
              <StopHistory />
            </Card>
          }
        />
      </Routes>
    </>
  );
}
