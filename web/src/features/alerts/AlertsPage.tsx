import { Navigate, Route, Routes } from "react-router";

import { PageHeader } from "@/components/PageHeader";
import { TabLinks } from "@/components/Tabs";

import { AlertChannels } from "./AlertChannels";
import { AlertRules } from "./AlertRules";
import { AlertsList } from "./AlertsList";
import { useAlerts } from "./queries";

export default function AlertsPage() {
  const firing = useAlerts(true).data?.items.filter((a) => a.status === "firing").length ?? 0;
  return (
    <>
      <PageHeader title="Alerts" subtitle="What fired, what it saw, and who is on it; the rules that judge the fleet and where they send." />
      <TabLinks
        label="Alerts sections"
        tabs={[
          { to: "/alerts/open", label: firing ? `Alerts (${firing} firing)` : "Alerts" },
          { to: "/alerts/rules", label: "Rules" },
          { to: "/alerts/channels", label: "Channels" },
        ]}
      />
      <Routes>
        <Route index element={<Navigate to="open" replace />} />
        <Route path="open" element={<AlertsList />} />
        <Route path="rules" element={<AlertRules />} />
        <Route path="channels" element={<AlertChannels />} />
      </Routes>
    </>
  );
}
