import { useQuery } from "@tanstack/react-query";

import { api, type Schemas, unwrap } from "@/api/client";
import { useScope } from "@/app/scope";

import { baselineRange } from "./heatmap";

export function useFleet(window: string) {
  const { params } = useScope();
  return useQuery({
    queryKey: ["fleet", params, window],
    queryFn: async () => unwrap(await api.GET("/api/v1/analytics/fleet", { params: { query: { ...params, window } } })),
  });
}

/** The fleet's KPIs over the stretch before `window`: each agent's baseline. Minute-rounded so it caches. */
export function useFleetBaseline(window: string) {
  const { params } = useScope();
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  const range = baselineRange(window, minute);
  return useQuery({
    queryKey: ["fleet", params, "baseline", window, range.until],
    queryFn: async () => unwrap(await api.GET("/api/v1/analytics/fleet", { params: { query: { ...params, ...range } } })),
    staleTime: 5 * 60_000,
  });
}

export function useTasksPerHour() {
  const { params } = useScope();
  return useQuery({
    queryKey: ["timeseries", params, "tasks", "hour", "24h"],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/analytics/timeseries", { params: { query: { ...params, metric: "tasks", bucket: "hour", window: "24h" } } })),
  });
}

/** What was spent since midnight in the user's time zone. */
export function useSpendToday() {
  const { params } = useScope();
  const midnight = new Date();
  midnight.setHours(0, 0, 0, 0);
  const since = midnight.toISOString();
  return useQuery({
    queryKey: ["usage", params, "today", since],
    queryFn: async () =>
      // The endpoint also answers CSV, so the generated type is loose; ask for JSON and type it.
      unwrap(await api.GET("/api/v1/analytics/usage", { params: { query: { ...params, since, group_by: "project", format: "json" } } })) as Schemas["Usage"],
  });
}
