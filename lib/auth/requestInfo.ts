/**
 * Where a request came from. The server (scripts/server.mjs) replaces X-Forwarded-For with the
 * address it saw, or, behind a proxy listed in VENDORSCOPE_TRUSTED_PROXIES, the client address
 * that proxy reported; so the first entry is never one a client made up.
 */
import { auditText, AUDIT_LIMITS } from "../audit/auditText";

/** The path of the page being rendered (proxy.ts passes it on), for "sign in, then come back". */
export const PATH_HEADER = "x-vendorscope-path";

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

export function requestInfo(headers: Headers): RequestInfo {
  const ip = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  // Both are the caller's to choose: bounded here, and again where the audit log stores them.
  return { ip: auditText(ip, AUDIT_LIMITS.ip), userAgent: auditText(headers.get("user-agent"), AUDIT_LIMITS.userAgent) };
}

/**
 * CSRF defence for state-changing requests: the browser's Origin (or, failing that, Referer)
 * must be one of the dashboard's own origins. A request carrying neither is refused: every
 * browser sends Origin on a POST, so only a forged or scripted request lacks it.
 */
export function isSameOrigin(headers: Headers, trustedOrigins: readonly string[]): boolean {
  const origin = headers.get("origin");
  if (origin) return origin !== "null" && trustedOrigins.includes(origin);
  const referer = headers.get("referer");
  if (!referer) return false;
  try {
    return trustedOrigins.includes(new URL(referer).origin);
  } catch {
    return false;
  }
}
