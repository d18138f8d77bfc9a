import { Check, X } from "lucide-react";
import { useState } from "react";
import { Link } from "react-router";

import { Badge } from "@/components/Badge";
import { Button } from "@/components/Button";
import { Card } from "@/components/Card";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { Empty, QueryView } from "@/components/States";
import { Time } from "@/components/Time";
import { useAgentNames } from "@/features/traces/queries";

import { useApprovals, useDecideApproval } from "./queries";
import { ReasonList } from "@/components/ReasonList";

export interface Approval {
  id: string;
  agent_id: string;
  policy_id: string;
  rule_id: string;
  action: string;
  arguments: Record<string, unknown>;
  reasons: { policy_name: string; rule_id: string; rule_type: string; effect: string; message: string }[];
  status: "pending" | "approved" | "denied" | "expired";
  trace_id: string | null;
  requested_at: string;
  expires_at: string;
  decided_at: string | null;
  decided_by: string | null;
  comment: string;
}

const STATUS_TONES = { pending: "amber", approved: "green", denied: "red", expired: "gray" } as const;

function ApprovalCard({ approval, onDecide }: { approval: Approval; onDecide?: (approve: boolean) => void }) {
  const names = useAgentNames();
  return (
    <li className="space-y-2 px-4 py-3">
      <div className="flex flex-wrap items-center gap-2">
        <code className="font-mono text-sm font-semibold">{approval.action}</code>
        <Badge tone={STATUS_TONES[approval.status]} dot>
          {approval.status}
        </Badge>
        <span className="text-xs text-fg-muted">
          by agent{" "}
          <Link to={`/agents/${approval.agent_id}`} className="text-accent hover:underline">
            {names.data?.get(approval.agent_id) ?? approval.agent_id}
          </Link>{" "}
          · asked <Time value={approval.requested_at} relative />
          {approval.status === "pending" && (
            <>
              {" "}
              · expires <Time value={approval.expires_at} relative />
            </>
          )}
        </span>
        {approval.trace_id && (
          <Link to={`/traces/${approval.trace_id}`} className="text-xs text-accent hover:underline">
            Trace
          </Link>
        )}
        {onDecide && (
          <span className="ml-auto flex gap-2">
            <Button size="sm" variant="primary" onClick={() => onDecide(true)} aria-label={`Approve ${approval.action}`}>
              <Check className="size-3.5" aria-hidden /> Approve
            </Button>
            <Button size="sm" variant="danger" onClick={() => onDecide(false)} aria-label={`Deny ${approval.action}`}>
              <X className="size-3.5" aria-hidden /> Deny
            </Button>
          </span>
        )}
      </div>
      {Object.keys(approval.arguments).length > 0 && (
        <pre aria-label="Arguments" className="max-h-40 overflow-auto rounded-md bg-raised p-2 font-mono text-xs">
          {JSON.stringify(approval.arguments, null, 2)}
        </pre>
      )}
      <ReasonList reasons={approval.reasons} />
      {approval.decided_by && (
        <p className="text-xs text-fg-muted">
          {approval.status === "expired" ? "Expired" : `${approval.status === "approved" ? "Approved" : "Denied"} by ${approval.decided_by}`}{" "}
          <Time value={approval.decided_at} relative />
          {approval.comment && `: “${approval.comment}”`}
        </p>
      )}
    </li>
  );
}

/** Actions waiting for a human, oldest question first to answer; answered ones below. */
export function ApprovalsQueue() {
  const pending = useApprovals("pending");
  const answered = useApprovals("answered");
  const decide = useDecideApproval();
  const [deciding, setDeciding] = useState<{ approval: Approval; approve: boolean } | null>(null);
  return (
    <div className="space-y-4">
      <Card title="Waiting for a decision" padded={false}>
        <QueryView query={pending}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty title="Nothing waits for approval">Actions behind an approval gate appear here while their agent waits.</Empty>
            ) : (
              <ul aria-label="Pending approvals" className="divide-y divide-line">
                {(page.items as unknown as Approval[]).map((a) => (
                  <ApprovalCard key={a.id} approval={a} onDecide={(approve) => setDeciding({ approval: a, approve })} />
                ))}
              </ul>
            )
          }
        </QueryView>
      </Card>
      <Card title="Answered" padded={false}>
        <QueryView query={answered}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="p-4 text-sm text-fg-muted">No approval has been answered yet.</p>
            ) : (
              <ul aria-label="Answered approvals" className="divide-y divide-line">
                {(page.items as unknown as Approval[]).map((a) => (
                  <ApprovalCard key={a.id} approval={a} />
                ))}
              </ul>
            )
          }
        </QueryView>
      </Card>
      {deciding && (
        <ConfirmDialog
          title={`${deciding.approve ? "Approve" : "Deny"} ${deciding.approval.action}?`}
          message={deciding.approve ? "The agent's action runs." : "The agent is told the action was refused."}
          confirmLabel={deciding.approve ? "Approve" : "Deny"}
          danger={!deciding.approve}
          extra={<CommentNote />}
          askReason
          onConfirm={(comment) => decide.mutateAsync({ id: deciding.approval.id, approve: deciding.approve, comment })}
          onClose={() => setDeciding(null)}
        />
      )}
    </div>
  );
}

function CommentNote() {
  return <p className="text-xs text-fg-subtle">Your comment is returned to the agent and kept in the audit trail.</p>;
}
