import { useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/api/client";
import { useScope } from "@/app/scope";

export interface TraceFilters {
  agent?: string;
  status?: string;
  model?: string;
  q?: string;
  min_cost?: string;
  min_duration_ms?: string;
  window?: string;
}

export function useTraces(filters: TraceFilters, cursor: string | null) {
  const { params } = useScope();
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as TraceFilters;
  return useQuery({
    queryKey: ["traces", params, query, cursor],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/traces", {
          params: {
            query: {
              ...params,
              ...query,
              min_cost: query.min_cost ? Number(query.min_cost) : undefined,
              min_duration_ms: query.min_duration_ms ? Number(query.min_duration_ms) : undefined,
              cursor,
              limit: 50,
            },
          },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

export function useTrace(traceId: string) {
  const { organizationId } = useScope();
  return useQuery({
    queryKey: ["trace", organizationId, traceId],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/traces/{trace_id}", { params: { path: { trace_id: traceId }, query: { organization_id: organizationId } } })),
    staleTime: 60_000,
  });
}

/** Agent names by id, for tables that only carry ids. */
export function useAgentNames() {
  const { params } = useScope();
  return useQuery({
    queryKey: ["agents", params, "names"],
    queryFn: async () => {
      const page = unwrap(await api.GET("/api/v1/agents", { params: { query: { ...params, limit: 500, sort: "name" } } }));
      return new Map(page.items.map((a) => [a.id, a.name]));
    },
    staleTime: 60_000,
  });
}
