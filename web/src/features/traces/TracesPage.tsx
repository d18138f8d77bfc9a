import { PageHeader } from "@/components/PageHeader";

import { TracesTable } from "./TracesTable";

export default function TracesPage() {
  return (
    <>
      <PageHeader title="Traces" subtitle="Every task as a trace: search, filter, and open its waterfall." />
      <TracesTable />
    </>
  );
}
