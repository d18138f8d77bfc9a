import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, type Schemas, unwrap } from "@/api/client";
import { useScope } from "@/app/scope";

export type Agent = Schemas["AgentPublic"];

export interface AgentFilters {
  q?: string;
  state?: string;
  health?: string;
  platform?: string;
  tag?: string;
  sort?: string;
}

export function useAgents(filters: AgentFilters, cursor: string | null, limit = 50) {
  const { params } = useScope();
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as AgentFilters;
  return useQuery({
    queryKey: ["agents", params, query, cursor, limit],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/agents", {
          params: {
            query: {
              ...params,
              ...query,
              state: query.state ? [query.state] : undefined,
              health: query.health ? [query.health] : undefined,
              platform: query.platform ? [query.platform] : undefined,
              tag: query.tag ? [query.tag] : undefined,
              cursor,
              limit,
            },
          },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

/** Each agent's hourly series of one metric over 24 hours, by agent id. */
export function useAgentSeries(metric: "tasks" | "error_rate" | "cost_usd") {
  const { params } = useScope();
  return useQuery({
    queryKey: ["timeseries", params, metric, "hour", "24h", "by-agent"],
    queryFn: async () => {
      const data = unwrap(
        await api.GET("/api/v1/analytics/timeseries", {
          params: { query: { ...params, metric, bucket: "hour", group_by: "agent", window: "24h" } },
        }),
      );
      return new Map(data.series.map((s) => [s.key, s.points]));
    },
  });
}

export function useAgent(agentId: string) {
  return useQuery({
    queryKey: ["agents", "one", agentId],
    queryFn: async () => unwrap(await api.GET("/api/v1/agents/{agent}", { params: { path: { agent: agentId } } })),
  });
}

export function useAgentKpis(agentId: string, window: string) {
  return useQuery({
    queryKey: ["kpis", agentId, window],
    queryFn: async () => unwrap(await api.GET("/api/v1/agents/{agent}/kpis", { params: { path: { agent: agentId }, query: { window } } })),
  });
}

export function useAgentTimeseries(agentId: string, metric: string, window: string) {
  const bucket = window === "7d" ? "hour" : window === "1h" ? "minute" : "hour";
  return useQuery({
    queryKey: ["timeseries", "agent", agentId, metric, window],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/analytics/timeseries", { params: { query: { agent: agentId, metric, bucket, window } } })),
  });
}

export function useVersions(agentId: string) {
  return useQuery({
    queryKey: ["agents", "versions", agentId],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agents/{agent}/versions", { params: { path: { agent: agentId }, query: { limit: 100 } } })),
  });
}

export function useMembers() {
  const { organizationId } = useScope();
  return useQuery({
    queryKey: ["users", organizationId],
    queryFn: async () => unwrap(await api.GET("/api/v1/users", { params: { query: { organization_id: organizationId } } })),
    staleTime: 60_000,
  });
}

export type LifecycleAction = Schemas["LifecycleAction"];

export function useLifecycle(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, reason, version }: { action: LifecycleAction; reason: string; version?: string }) => {
      const path = `/api/v1/agents/{agent}/${action}` as "/api/v1/agents/{agent}/pause";
      const body = version ? { reason, version } : { reason };
      return unwrap(await api.POST(path, { params: { path: { agent: agentId } }, body }));
    },
    onSuccess: (agent) => {
      queryClient.setQueryData(["agents", "one", agentId], agent);
      void queryClient.invalidateQueries({ queryKey: ["agents"] });
      void queryClient.invalidateQueries({ queryKey: ["fleet"] });
      void queryClient.invalidateQueries({ queryKey: ["audit"] });
      void queryClient.invalidateQueries({ queryKey: ["attention"] });
    },
  });
}
