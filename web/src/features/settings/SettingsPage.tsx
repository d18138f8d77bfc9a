import { Route, Routes } from "react-router";

import { PageHeader } from "@/components/PageHeader";
import { TabLinks } from "@/components/Tabs";

import { ApiKeysSettings } from "./ApiKeysSettings";
import { PricingSettings } from "./PricingSettings";
import { ProjectsSettings } from "./ProjectsSettings";
import { UsersSettings } from "./UsersSettings";

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" subtitle="Who can do what, the keys agents use, and what models cost." />
      <TabLinks
        label="Settings sections"
        tabs={[
          { to: "/settings", label: "Users and roles", end: true },
          { to: "/settings/api-keys", label: "API keys" },
          { to: "/settings/projects", label: "Projects" },
          { to: "/settings/pricing", label: "Pricing" },
        ]}
      />
      <Routes>
        <Route index element={<UsersSettings />} />
        <Route path="api-keys" element={<ApiKeysSettings />} />
        <Route path="projects" element={<ProjectsSettings />} />
        <Route path="pricing" element={<PricingSettings />} />
      </Routes>
    </>
  );
}
