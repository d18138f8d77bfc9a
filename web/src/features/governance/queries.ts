import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/api/client";
import { usePollEvery } from "@/app/live";
import { useScope } from "@/app/scope";

import type { Policy } from "./rules";

export function usePolicies() {
  const { organizationId } = useScope();
  return useQuery({
    queryKey: ["policies", organizationId],
    queryFn: async () => unwrap(await api.GET("/api/v1/policies", { params: { query: { organization_id: organizationId, sort: "name", limit: 200 } } })),
  });
}

export function usePolicyVersions(policyId: string) {
  return useQuery({
    queryKey: ["policies", "versions", policyId],
    queryFn: async () => unwrap(await api.GET("/api/v1/policies/{policy_id}/versions", { params: { path: { policy_id: policyId } } })),
  });
}

type PolicyBody = { name: string; description: string; scope: { type: Policy["scope"]["type"]; value: string }; rules: Record<string, unknown>[]; enabled: boolean };

export function useSavePolicy() {
  const { organizationId } = useScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string | null; body: PolicyBody }) =>
      id
        ? unwrap(await api.PUT("/api/v1/policies/{policy_id}", { params: { path: { policy_id: id } }, body: body as never }))
        : unwrap(await api.POST("/api/v1/policies", { body: { ...body, organization_id: organizationId } as never })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["policies"] }),
  });
}

export function useDeletePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => api.DELETE("/api/v1/policies/{policy_id}", { params: { path: { policy_id: id } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["policies"] }),
  });
}

// POST /api/v1/policies/simulate answers a free-form document; its shape, as simulate_service.py builds it.
export interface SimulationReason {
  policy_name: string;
  rule_id: string;
  rule_type: string;
  effect: string;
  message: string;
}

export interface Simulation {
  from: string;
  until: string;
  days: number;
  evaluated: { actions: number; llm_calls: number; out_of_scope: number };
  truncated: boolean;
  decisions: { deny: number; require_approval: number; warn: number; allow: number };
  by_rule: { rule_id: string; rule_type: string; effect: string; count: number }[];
  examples: {
    at: string;
    agent_id: string;
    agent_name: string;
    subject: string;
    kind: "action" | "llm_call";
    effect: string;
    reasons: SimulationReason[];
    trace_id: string | null;
  }[];
}

/** Replays the last `days` of recorded traffic under a draft policy; nothing is saved. */
export async function simulatePolicy(organizationId: string, policy: Omit<PolicyBody, "enabled" | "description">, days: number): Promise<Simulation> {
  const body = { organization_id: organizationId, policy: policy as never, days };
  return unwrap(await api.POST("/api/v1/policies/simulate", { body })) as unknown as Simulation;
}

export function useApprovals(status: "pending" | "answered") {
  const { organizationId } = useScope();
  const poll = usePollEvery(10_000);
  return useQuery({
    queryKey: ["approvals", organizationId, status],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/approvals", {
          params: { query: { organization_id: organizationId, status: status === "pending" ? ["pending"] : ["approved", "denied", "expired"], limit: 100 } },
        }),
      ),
    refetchInterval: status === "pending" ? poll : false,
  });
}

export function useDecideApproval() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, approve, comment }: { id: string; approve: boolean; comment: string }) => {
      const path = { params: { path: { approval_id: id } }, body: { comment } };
      return unwrap(approve ? await api.POST("/api/v1/approvals/{approval_id}/approve", path) : await api.POST("/api/v1/approvals/{approval_id}/deny", path));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["approvals"] }),
  });
}

export type Stop = {
  id: string;
  organization_id: string;
  scope: "fleet" | "project" | "agent" | "tag";
  target: string;
  reason: string;
  stopped_by: string;
  stopped_at: string;
  released_at: string | null;
  released_by: string | null;
  release_reason: string;
};

export function useStops(active: boolean) {
  const { organizationId } = useScope();
  const poll = usePollEvery(15_000);
  return useQuery({
    queryKey: ["emergency-stop", organizationId, active],
    queryFn: async () => {
      const stops = unwrap(await api.GET("/api/v1/emergency-stop", { params: { query: { active, limit: 100 } } })) as unknown as Stop[];
      return stops.filter((s) => s.organization_id === organizationId);
    },
    refetchInterval: poll,
  });
}

export function useEngageStop() {
  const { organizationId } = useScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { scope: Stop["scope"]; target: string; reason: string }) =>
      unwrap(await api.POST("/api/v1/emergency-stop", { body: { ...body, organization_id: organizationId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["emergency-stop"] }),
  });
}

export function useReleaseStop() {
  const { organizationId } = useScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, reason }: { id: string; reason: string }) =>
      unwrap(await api.POST("/api/v1/emergency-stop/release", { body: { organization_id: organizationId, id, reason } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["emergency-stop"] }),
  });
}
