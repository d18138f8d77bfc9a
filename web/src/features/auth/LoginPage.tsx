import { type FormEvent, useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";

import { api, unwrap } from "@/api/client";
import { ApiError } from "@/api/problem";
import { setSession } from "@/api/session";
import { useSession } from "@/app/session";
import { Button } from "@/components/Button";
import { TextField } from "@/components/Field";
import { InlineError } from "@/components/States";

export function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Only paths inside the dashboard: ?next= must not send a user to another site.
  const requested = search.get("next") ?? "/";
  const next = requested.startsWith("/") && !requested.startsWith("//") ? requested : "/";

  if (session) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const token = unwrap(await api.POST("/api/v1/auth/login", { body: { email, password } }));
      setSession({ token: token.access_token, expiresAt: token.expires_at });
      navigate(next, { replace: true });
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  const fields = error instanceof ApiError ? error.fieldErrors : {};
  return (
    <div className="flex min-h-full items-center justify-center p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2">
          <img src="/favicon.svg" alt="" className="size-8" />
          <span className="text-xl font-semibold tracking-tight">AMS</span>
        </div>
        <form onSubmit={submit} className="space-y-4 rounded-lg border border-line bg-surface p-6 shadow-sm" aria-labelledby="login-title">
          <div>
            <h1 id="login-title" className="text-lg font-semibold">
              Sign in
            </h1>
            <p className="text-sm text-fg-muted">The command-and-control plane of your agent fleet.</p>
          </div>
          <TextField label="Email" type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} error={fields.email} />
          <TextField label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={fields.password} />
          {error !== null && !fields.email && !fields.password && <InlineError error={error} />}
          <Button type="submit" variant="primary" className="w-full" busy={busy}>
            Sign in
          </Button>
        </form>
      </div>
    </div>
  );
}
