import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, type Schemas, unwrap } from "@/api/client";
import { usePollEvery } from "@/app/live";
import { useScope } from "@/app/scope";

export type Alert = Schemas["AlertPublic"];
export type AlertRule = Schemas["AlertRulePublic"];
export type AlertChannel = Schemas["AlertChannelPublic"];
export type Metric = Schemas["MetricPublic"];

export function useAlerts(open: boolean) {
  const { organizationId } = useScope();
  const poll = usePollEvery(15_000);
  return useQuery({
    queryKey: ["alerts", organizationId, open],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/alerts", {
          params: { query: { organization_id: organizationId, status: open ? ["firing", "acknowledged"] : ["resolved"], limit: 100 } },
        }),
      ),
    refetchInterval: poll,
  });
}

export function useRespond() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, action, comment }: { id: string; action: "acknowledge" | "resolve"; comment: string }) => {
      const options = { params: { path: { alert_id: id } }, body: { comment } };
      return unwrap(action === "acknowledge" ? await api.POST("/api/v1/alerts/{alert_id}/acknowledge", options) : await api.POST("/api/v1/alerts/{alert_id}/resolve", options));
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["alerts"] });
      void queryClient.invalidateQueries({ queryKey: ["attention"] });
    },
  });
}

export function useAlertRules() {
  const { organizationId } = useScope();
  return useQuery({
    queryKey: ["alert-rules", organizationId],
    queryFn: async () => unwrap(await api.GET("/api/v1/alert-rules", { params: { query: { organization_id: organizationId, sort: "name", limit: 200 } } })),
  });
}

export function useMetrics() {
  return useQuery({
    queryKey: ["alert-metrics"],
    queryFn: async () => unwrap(await api.GET("/api/v1/alert-metrics")),
    staleTime: 5 * 60_000,
  });
}

export type RuleBody = Omit<Schemas["AlertRuleCreate"], "organization_id">;

export function useSaveRule() {
  const { organizationId } = useScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string | null; body: RuleBody }) =>
      id
        ? unwrap(await api.PUT("/api/v1/alert-rules/{rule_id}", { params: { path: { rule_id: id } }, body }))
        : unwrap(await api.POST("/api/v1/alert-rules", { body: { ...body, organization_id: organizationId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["alert-rules"] }),
  });
}

export function useDeleteRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => api.DELETE("/api/v1/alert-rules/{rule_id}", { params: { path: { rule_id: id } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["alert-rules"] }),
  });
}

export function useEvaluateNow() {
  const { organizationId } = useScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST("/api/v1/alert-rules/evaluate", { params: { query: { organization_id: organizationId } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["alerts"] });
      void queryClient.invalidateQueries({ queryKey: ["alert-rules"] });
    },
  });
}

export function useChannels() {
  const { organizationId } = useScope();
  return useQuery({
    queryKey: ["alert-channels", organizationId],
    queryFn: async () => unwrap(await api.GET("/api/v1/alert-channels", { params: { query: { organization_id: organizationId, limit: 200 } } })),
  });
}

export type ChannelBody = Omit<Schemas["AlertChannelCreate"], "organization_id">;

export function useSaveChannel() {
  const { organizationId } = useScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string | null; body: ChannelBody }) => {
      if (!id) return unwrap(await api.POST("/api/v1/alert-channels", { body: { ...body, organization_id: organizationId } }));
      const { name, url, recipients, min_severity, categories, enabled } = body;
      return unwrap(
        await api.PUT("/api/v1/alert-channels/{channel_id}", {
          params: { path: { channel_id: id } },
          body: { name, recipients, min_severity, categories, enabled, ...(url ? { url } : {}) },
        }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["alert-channels"] }),
  });
}

export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => api.DELETE("/api/v1/alert-channels/{channel_id}", { params: { path: { channel_id: id } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["alert-channels"] }),
  });
}

export function useTestChannel() {
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST("/api/v1/alert-channels/{channel_id}/test", { params: { path: { channel_id: id } } })),
  });
}
