/**
 * better-auth's real handler, as the dashboard mounts it at /api/auth, for the sign-in tests:
 * password sign-in only, over plain HTTP on AUTH_BASE.
 */
import type { Auth } from "@/lib/auth/auth";
import type { AuthSettings } from "@/lib/auth/authSettings";

export const AUTH_BASE = "http://127.0.0.1:4000";

/** The settings of a dashboard on AUTH_BASE without OIDC, locking an email after `lockoutAttempts` failures. */
export function testAuthSettings(lockoutAttempts: number): AuthSettings {
  return {
    baseURL: AUTH_BASE,
    trustedOrigins: [AUTH_BASE],
    secret: "a-test-secret-that-is-long-enough-0123456789",
    https: false,
    oidc: null,
    oidcProblem: null,
    lockout: { attempts: lockoutAttempts, minutes: 15 },
    sessionHours: 12,
  };
}

/** A request to `/api/auth{path}` as the dashboard's own pages send it (JSON, same origin, User-Agent "vitest"); `headers` add or override. */
export function authRequest(auth: Auth, method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return auth.handler(
    new Request(`${AUTH_BASE}/api/auth${path}`, {
      method,
      headers: { "Content-Type": "application/json", Origin: AUTH_BASE, "User-Agent": "vitest", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
}
