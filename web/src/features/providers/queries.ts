import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, type Schemas, unwrap } from "@/api/client";
import { ApiError } from "@/api/problem";
import { useScope } from "@/app/scope";

import { type ProviderCreateBody, type ProviderLimits, type ProviderUpdateBody, sameLimits } from "./providerDraft";

export type Provider = Schemas["ProviderPublic"];
export type ProviderHealth = Schemas["ProviderHealth"];
export type Route = Schemas["RoutePublic"];
export type CompareRow = Schemas["CompareRow"];
export type CostAnalysis = Schemas["CostAnalysis"];
export type Capabilities = Schemas["Capabilities"];
export type CapabilityRow = Schemas["CapabilityRow"];

export function useProviders() {
  const { organizationId } = useScope();
  return useQuery({
    queryKey: ["providers", organizationId],
    queryFn: async () => unwrap(await api.GET("/api/v1/providers", { params: { query: { organization_id: organizationId, limit: 200 } } })),
  });
}

/** Each provider's health, by provider id; refreshed every 15 seconds. */
export function useProviderHealth(ids: string[]) {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ["providers", "health", id],
      queryFn: async () => unwrap(await api.GET("/api/v1/providers/{provider_id}/health", { params: { path: { provider_id: id } } })),
      refetchInterval: 15_000,
    })),
  });
  return new Map(ids.map((id, i) => [id, results[i]]));
}

export function useCompare(window: string) {
  const { params } = useScope();
  return useQuery({
    queryKey: ["usage", "providers-compare", params, window],
    queryFn: async () => unwrap(await api.GET("/api/v1/providers/compare", { params: { query: { ...params, window } } })),
  });
}

export function useCostAnalysis(window: string) {
  const { params } = useScope();
  return useQuery({
    queryKey: ["usage", "cost-analysis", params, window],
    queryFn: async () => unwrap(await api.GET("/api/v1/providers/cost-analysis", { params: { query: { ...params, window } } })),
  });
}

export function useRoutes() {
  const { organizationId } = useScope();
  return useQuery({
    queryKey: ["routes", organizationId],
    queryFn: async () => unwrap(await api.GET("/api/v1/routes", { params: { query: { organization_id: organizationId, limit: 200 } } })),
  });
}

export type RouteBody = Omit<Schemas["RouteCreate"], "organization_id">;

export function useSaveRoute() {
  const { organizationId } = useScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string | null; body: RouteBody }) => {
      if (!id) return unwrap(await api.POST("/api/v1/routes", { body: { ...body, organization_id: organizationId } }));
      const { strategy, targets, policy } = body;
      return unwrap(await api.PATCH("/api/v1/routes/{route_id}", { params: { path: { route_id: id } }, body: { strategy, targets, policy } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["routes"] }),
  });
}

export function useDeleteRoute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => api.DELETE("/api/v1/routes/{route_id}", { params: { path: { route_id: id } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["routes"] }),
  });
}

export function useCapabilities() {
  const { organizationId } = useScope();
  return useQuery({
    queryKey: ["providers", "capabilities", organizationId],
    queryFn: async () => unwrap(await api.GET("/api/v1/providers/capabilities", { params: { query: { organization_id: organizationId } } })),
  });
}

/** The limits' own endpoint names its fields without the "limits." the editor's inputs go by. */
function underLimits(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.problem.errors) return error;
  return new ApiError({ ...error.problem, errors: error.problem.errors.map((e) => ({ ...e, field: `limits.${e.field}` })) });
}

export type ProviderSave =
  | { id: null; create: ProviderCreateBody }
  | { id: string; update: ProviderUpdateBody; limits: ProviderLimits; previousLimits: ProviderLimits };

/** Creates a provider (limits included), or patches one and then replaces its limits if they changed. */
export function useSaveProvider() {
  const { organizationId } = useScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (save: ProviderSave): Promise<Provider> => {
      if (save.id === null) return unwrap(await api.POST("/api/v1/providers", { body: { ...save.create, organization_id: organizationId } }));
      const path = { provider_id: save.id };
      const updated = unwrap(await api.PATCH("/api/v1/providers/{provider_id}", { params: { path }, body: save.update }));
      if (sameLimits(save.limits, save.previousLimits)) return updated;
      try {
        return unwrap(await api.PUT("/api/v1/providers/{provider_id}/limits", { params: { path }, body: save.limits }));
      } catch (error) {
        throw underLimits(error);
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["providers"] }),
  });
}

export function useDeleteProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => api.DELETE("/api/v1/providers/{provider_id}", { params: { path: { provider_id: id } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["providers"] }),
  });
}
