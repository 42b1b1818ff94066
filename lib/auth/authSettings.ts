/**
 * Sign-in configuration from the environment (README's configuration table lists each variable).
 * Read once per process; nothing here touches the database.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "../paths";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The sign-in button's label. */
  label: string;
  /** Lower-case email domains allowed to sign in (empty: any, if a group allows it). */
  allowedDomains: string[];
  /** Groups (from `groupsClaim`) allowed to sign in (empty: any, if the domain allows it). */
  allowedGroups: string[];
  groupsClaim: string;
  /** Scopes asked for: openid email profile, plus e.g. "groups" where the issuer needs it for the groups claim. */
  scopes: string[];
  /** Members of these groups are admins; everyone else signs in as a viewer. */
  adminGroups: string[];
}

export interface AuthSettings {
  /** The dashboard's public URL: where OIDC redirects back to, and the origin forms must come from. */
  baseURL: string;
  trustedOrigins: string[];
  secret: string;
  /** True when the dashboard is served over HTTPS: Secure cookies and HSTS. */
  https: boolean;
  oidc: OidcSettings | null;
  /** Why OIDC is configured but off, for the log and the sign-in page. */
  oidcProblem: string | null;
  lockout: { attempts: number; minutes: number };
  sessionHours: number;
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number (got "${value}")`);
  return n;
}

/** The dashboard's URL and the origins a browser may post forms from. */
export function publicOrigins(env: Record<string, string | undefined>): { baseURL: string; trustedOrigins: string[] } {
  const baseURL = (env.VENDORSCOPE_URL || `http://localhost:${env.PORT || "3000"}`).replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new Error(`VENDORSCOPE_URL is not a URL: "${baseURL}"`);
  }
  const origins = new Set([url.origin]);
  // The same server on this machine under its other loopback name.
  if (url.hostname === "localhost") origins.add(url.origin.replace("//localhost", "//127.0.0.1"));
  if (url.hostname === "127.0.0.1") origins.add(url.origin.replace("//127.0.0.1", "//localhost"));
  for (const extra of list(env.VENDORSCOPE_TRUSTED_ORIGINS)) origins.add(new URL(extra).origin);
  return { baseURL, trustedOrigins: [...origins] };
}

function oidcSettings(env: Record<string, string | undefined>): { oidc: OidcSettings | null; problem: string | null } {
  const issuer = env.VENDORSCOPE_OIDC_ISSUER?.replace(/\/+$/, "");
  if (!issuer) return { oidc: null, problem: null };
  const clientId = env.VENDORSCOPE_OIDC_CLIENT_ID;
  const clientSecret = env.VENDORSCOPE_OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret) return { oidc: null, problem: "VENDORSCOPE_OIDC_ISSUER is set but VENDORSCOPE_OIDC_CLIENT_ID or VENDORSCOPE_OIDC_CLIENT_SECRET is not" };
  const allowedDomains = list(env.VENDORSCOPE_OIDC_ALLOWED_DOMAINS).map((d) => d.toLowerCase().replace(/^@/, ""));
  const allowedGroups = list(env.VENDORSCOPE_OIDC_ALLOWED_GROUPS);
  // Without an allow-list, everyone with an account at the issuer (all of Google, say) could read the map of the organization.
  if (!allowedDomains.length && !allowedGroups.length) {
    return { oidc: null, problem: "single sign-on is off: set VENDORSCOPE_OIDC_ALLOWED_DOMAINS or VENDORSCOPE_OIDC_ALLOWED_GROUPS to say who may sign in" };
  }
  return {
    oidc: {
      issuer,
      clientId,
      clientSecret,
      label: env.VENDORSCOPE_OIDC_LABEL || "Sign in with single sign-on",
      allowedDomains,
      allowedGroups,
      groupsClaim: env.VENDORSCOPE_OIDC_GROUPS_CLAIM || "groups",
      scopes: [...new Set(["openid", "email", "profile", ...list(env.VENDORSCOPE_OIDC_SCOPES?.replaceAll(" ", ","))])],
      adminGroups: list(env.VENDORSCOPE_OIDC_ADMIN_GROUPS),
    },
    problem: null,
  };
}

/**
 * The secret that signs session cookies and encrypts stored OIDC tokens: VENDORSCOPE_AUTH_SECRET,
 * else one generated once into `<data root>/auth-secret` (readable by this user only). Several
 * web servers on one database must share VENDORSCOPE_AUTH_SECRET.
 */
function authSecret(env: Record<string, string | undefined>): string {
  if (env.VENDORSCOPE_AUTH_SECRET) {
    if (env.VENDORSCOPE_AUTH_SECRET.length < 32) throw new Error("VENDORSCOPE_AUTH_SECRET must be at least 32 characters");
    return env.VENDORSCOPE_AUTH_SECRET;
  }
  const file = env.VENDORSCOPE_AUTH_SECRET_FILE || join(env.VENDORSCOPE_DATA_DIR ? dirname(env.VENDORSCOPE_DATA_DIR) : join(REPO_ROOT, ".vendorscope"), "auth-secret");
  try {
    return readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim();
  } catch {
    mkdirSync(dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      writeFileSync(/*turbopackIgnore: true*/ file, secret, { mode: 0o600, flag: "wx" });
    } catch {
      return readFileSync(/*turbopackIgnore: true*/ file, "utf8").trim(); // another process wrote it first
    }
    chmodSync(file, 0o600);
    return secret;
  }
}

export function readAuthSettings(env: Record<string, string | undefined> = process.env): AuthSettings {
  const { baseURL, trustedOrigins } = publicOrigins(env);
  const { oidc, problem } = oidcSettings(env);
  return {
    baseURL,
    trustedOrigins,
    secret: authSecret(env),
    https: baseURL.startsWith("https://"),
    oidc,
    oidcProblem: problem,
    lockout: {
      attempts: positiveInt(env.VENDORSCOPE_LOCKOUT_ATTEMPTS, 5, "VENDORSCOPE_LOCKOUT_ATTEMPTS"),
      minutes: positiveInt(env.VENDORSCOPE_LOCKOUT_MINUTES, 15, "VENDORSCOPE_LOCKOUT_MINUTES"),
    },
    sessionHours: positiveInt(env.VENDORSCOPE_SESSION_HOURS, 12, "VENDORSCOPE_SESSION_HOURS"),
  };
}
