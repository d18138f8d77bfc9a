// One live connection per scope to GET /api/v1/stream. Pages subscribe to its events; on each landing trace the
// dashboard's telemetry queries are refreshed, at most once per REFRESH_MS so a busy fleet doesn't flood AMS.
// Alerts, approvals, emergency stops and agents' states are refreshed within STALE_MS of their event: someone is
// waiting on those. While the stream is live, their pages poll only slowly, as a safety net (`pollEvery`).
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from "react";

import { getSession, setSession } from "@/api/session";
import { readEventStream, StreamRefused } from "@/api/sse";

import { useScope } from "./scope";

export interface LiveEvent {
  type: "trace" | "task_outcome" | string;
  agent_id: string;
  trace_id: string;
  [field: string]: unknown;
}

type Status = "connecting" | "live" | "offline";
type Listener = (event: LiveEvent) => void;

const REFRESH_MS = 5_000;
const LIVE_QUERIES = ["fleet", "timeseries", "traces", "kpis", "usage", "agents"];
// A round may open thousands of alerts at once: their events are gathered for this long into one refresh.
const STALE_MS = 300;

/** The queries an event makes stale at once, beside the telemetry ones. */
export function queriesFor(event: LiveEvent): string[] {
  switch (event.type) {
    case "alert":
      return ["alerts", "attention"];
    case "approval":
      return ["approvals"];
    case "emergency_stop":
      return ["emergency-stop"];
    case "agent_state":
      return ["agents", "attention"];
    default:
      return [];
  }
}

const LiveContext = createContext<{ status: Status; subscribe: (listener: Listener) => () => void }>({
  status: "offline",
  subscribe: () => () => undefined,
});

export function LiveProvider({ children }: { children: ReactNode }) {
  const { params } = useScope();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>("connecting");
  const listeners = useRef(new Set<Listener>());
  const query = new URLSearchParams(params).toString();

  useEffect(() => {
    const controller = new AbortController();
    let refreshTimer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      refreshTimer ??= setTimeout(() => {
        refreshTimer = null;
        for (const key of LIVE_QUERIES) void queryClient.invalidateQueries({ queryKey: [key] });
      }, REFRESH_MS);
    };
    let staleTimer: ReturnType<typeof setTimeout> | null = null;
    const stale = new Set<string>();
    const refreshSoon = (keys: string[]) => {
      if (!keys.length) return;
      for (const key of keys) stale.add(key);
      staleTimer ??= setTimeout(() => {
        staleTimer = null;
        for (const key of stale) void queryClient.invalidateQueries({ queryKey: [key] });
        stale.clear();
      }, STALE_MS);
    };

    async function run() {
      let delay = 1_000;
      while (!controller.signal.aborted) {
        const session = getSession();
        if (!session) return;
        setStatus("connecting");
        try {
          await readEventStream({
            url: `/api/v1/stream?${query}`,
            token: session.token,
            signal: controller.signal,
            onOpen: () => {
              setStatus("live");
              delay = 1_000;
            },
            onMessage: (message) => {
              const event = JSON.parse(message.data) as LiveEvent;
              for (const listener of listeners.current) listener(event);
              refreshSoon(queriesFor(event));
              refresh();
            },
          });
        } catch (error) {
          if (controller.signal.aborted) return;
          if (error instanceof StreamRefused && error.status === 401) {
            setSession(null);
            return;
          }
        }
        setStatus("offline");
        // Reconnect with backoff: AMS restarting or a proxy closing idle streams must not need a reload.
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    }
    void run();
    return () => {
      controller.abort();
      if (refreshTimer) clearTimeout(refreshTimer);
      if (staleTimer) clearTimeout(staleTimer);
    };
  }, [query, queryClient]);

  const value = useRef({ subscribe: (listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  } }).current;

  return <LiveContext.Provider value={{ status, subscribe: value.subscribe }}>{children}</LiveContext.Provider>;
}

export function useLiveStatus(): Status {
  return useContext(LiveContext).status;
}

/** How often a page whose data has live events polls: rarely while the stream is live, `offline` otherwise. */
export function usePollEvery(offline: number): number {
  return useLiveStatus() === "live" ? Math.max(offline, 60_000) : offline;
}

/** Calls `listener` for every live event in the current scope. */
export function useLiveEvents(listener: Listener): void {
  const { subscribe } = useContext(LiveContext);
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => subscribe((event) => latest.current(event)), [subscribe]);
}
