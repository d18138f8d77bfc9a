import { useQuery } from "@tanstack/react-query";
import { ShieldCheck, ShieldX } from "lucide-react";

import { api, unwrap } from "@/api/client";
import { useScope } from "@/app/scope";
import { Button } from "@/components/Button";
import { PageHeader } from "@/components/PageHeader";
import { ErrorState, Loading } from "@/components/States";
import { Time } from "@/components/Time";
import { formatCount } from "@/lib/format";

import { AuditTable } from "./AuditTable";

function ChainStatus() {
  const { organizationId } = useScope();
  const verify = useQuery({
    queryKey: ["audit", "verify", organizationId],
    queryFn: async () => unwrap(await api.GET("/api/v1/audit/verify", { params: { query: { organization_id: organizationId } } })),
  });
  if (verify.isPending) return <Loading rows={1} label="Verifying the audit chain…" />;
  if (verify.error || !verify.data) return <ErrorState error={verify.error} onRetry={() => verify.refetch()} />;
  const chain = verify.data[0];
  if (!chain) return null;
  return (
    <div
      role="status"
      className={`mb-4 flex flex-wrap items-center gap-3 rounded-lg border px-4 py-3 ${chain.ok ? "border-emerald-300 bg-emerald-50 dark:border-emerald-500/30 dark:bg-emerald-500/10" : "border-red-300 bg-red-50 dark:border-red-500/30 dark:bg-red-500/10"}`}
    >
      {chain.ok ? <ShieldCheck className="size-5 text-emerald-600" aria-hidden /> : <ShieldX className="size-5 text-red-600" aria-hidden />}
      <div className="flex-1 text-sm">
        {chain.ok ? (
          <>
            <strong>Chain verified.</strong> All {formatCount(chain.entries_checked)} entries are intact: none was edited or deleted.
          </>
        ) : (
          <>
            <strong>Chain broken</strong> at entry #{chain.first_break?.seq}: {chain.first_break?.reason}.
          </>
        )}
        <span className="ml-2 text-xs text-fg-subtle">
          Checked <Time value={chain.checked_at} relative />
        </span>
      </div>
      <Button size="sm" onClick={() => verify.refetch()} busy={verify.isFetching}>
        Verify again
      </Button>
    </div>
  );
}

export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change, append-only and hash-chained." />
      <ChainStatus />
      <AuditTable />
    </>
  );
}
