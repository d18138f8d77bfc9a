import { QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router";

import { ErrorState, Loading } from "@/components/States";
import { LoginPage } from "@/features/auth/LoginPage";

import { AppShell } from "./AppShell";
import { LiveProvider } from "./live";
import { PAGES } from "./pages";
import { makeQueryClient } from "./queryClient";
import { ScopeProvider, useMe } from "./scope";
import { useSession } from "./session";

export function App() {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="*" element={<Authenticated />} />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}

function Authenticated() {
  const session = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();

  // Signing out (or a 401) drops everything cached for that login.
  useEffect(() => {
    if (!session) queryClient.clear();
  }, [session, queryClient]);

  if (!session) {
    const next = location.pathname + location.search;
    return <Navigate to={next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <SignedIn />;
}

function SignedIn() {
  const me = useMe();
  if (me.isPending) return <Loading rows={4} />;
  if (me.error || !me.data) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  return (
    <ScopeProvider me={me.data}>
      <LiveProvider>
        <AppShell>
          <Routes>
            {PAGES.map(({ path, component: Page }) => (
              <Route key={path} path={path} element={<Page />} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </AppShell>
      </LiveProvider>
    </ScopeProvider>
  );
}

function NotFound() {
  return <ErrorState error={new Error("There is no page at this address.")} />;
}
