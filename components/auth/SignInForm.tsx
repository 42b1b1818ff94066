"use client";
/**
 * Password and single sign-on, against better-auth's own endpoints (so its Origin check and
 * per-address rate limit apply). Errors come back as better-auth's JSON message.
 */
import { useState, type FormEvent } from "react";
import { safeNextPath } from "@/lib/auth/safeNext";

async function post(path: string, body: unknown): Promise<{ ok: boolean; status: number; data: Record<string, unknown> }> {
  const response = await fetch(`/api/auth${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: response.ok, status: response.status, data };
}

function messageOf(status: number, data: Record<string, unknown>): string {
  if (status === 429) return "Too many sign-in attempts from your address. Wait a minute and try again.";
  if (data.code === "INVALID_EMAIL_OR_PASSWORD" || status === 401) return "Wrong email or password.";
  return typeof data.message === "string" && data.message ? data.message : "Sign-in failed.";
}

export function SignInForm({ next: requested, sso }: { next: string; sso: string | null }) {
  // The page checked it already; checked again where the browser is sent, so no caller can forget.
  const next = safeNextPath(requested);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const { ok, status, data } = await post("/sign-in/email", { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), rememberMe: false });
    if (ok) return window.location.assign(next);
    setBusy(false);
    setError(messageOf(status, data));
  }

  async function singleSignOn() {
    setBusy(true);
    const { ok, status, data } = await post("/sign-in/social", { provider: "oidc", callbackURL: next, errorCallbackURL: "/login" });
    if (ok && typeof data.url === "string") return window.location.assign(data.url);
    setBusy(false);
    setError(messageOf(status, data));
  }

  return (
    <div className="space-y-4">
      {error ? (
        <p role="alert" data-testid="sign-in-error" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <form onSubmit={signIn} className="space-y-3" aria-label="Sign in with a password">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-700">Email</span>
          <input name="email" type="email" autoComplete="username" required maxLength={320} className="rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-700">Password</span>
          <input name="password" type="password" autoComplete="current-password" required maxLength={256} className="rounded border border-slate-300 px-2 py-1.5" />
        </label>
        <button type="submit" disabled={busy} className="w-full rounded bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60">
          Sign in
        </button>
      </form>
      {sso ? (
        <button type="button" onClick={singleSignOn} disabled={busy} className="w-full rounded border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
          {sso}
        </button>
      ) : null}
    </div>
  );
}
