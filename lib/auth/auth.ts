/**
 * Sign-in with better-auth: local accounts (scrypt password hashes) and, when configured, one
 * OIDC issuer; sessions in the database behind a signed, HttpOnly, SameSite=Lax cookie. The
 * hooks add what better-auth leaves to us: lockout after repeated failures, the allow-list for
 * single sign-on, disabled users, and the audit trail of every sign-in.
 */
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { genericOAuth, type GenericOAuthUserInfo } from "better-auth/plugins";
import { AUDIT } from "../audit/auditEventKinds";
import { recordAudit } from "../audit/auditLog";
import type { PrismaClient } from "../db/client";
import type { AuthSettings, OidcSettings } from "./authSettings";
import { claimSignInAttempt, clearFailedSignIns, normaliseEmail, recordFailedSignIn } from "./lockout";
import { cleanName } from "./localUsers";
import { isSameOrigin, requestInfo } from "./requestInfo";

export const OIDC_PROVIDER_ID = "oidc";
const PASSWORD_SIGN_IN = "/sign-in/email";
/** genericOAuth providers are social providers: signed in through /sign-in/social, back through /callback/:id. */
const OIDC_SIGN_IN = "/sign-in/social";
const isOidcCallback = (path: string) => path.startsWith("/callback/");

/**
 * The better-auth endpoints the dashboard uses; every other one (update-user, change-password,
 * reset-password, link-social, sign-up…) answers 404, so no user change bypasses our rules and
 * the audit log. Route patterns as better-auth reports them in ctx.path.
 */
const ALLOWED_AUTH_PATHS = new Set([PASSWORD_SIGN_IN, OIDC_SIGN_IN, "/callback/:id", "/get-session", "/sign-out", "/error", "/ok"]);
export const isAllowedAuthPath = (path: string | undefined) => path !== undefined && ALLOWED_AUTH_PATHS.has(path);

/** What a wrong password gets (better-auth's own answer), for every other refusal that must not tell more. */
const wrongEmailOrPassword = () => new APIError("UNAUTHORIZED", { message: "Invalid email or password", code: "INVALID_EMAIL_OR_PASSWORD" });

/** Whether an OIDC profile may sign in, and as which role (undefined: keep the stored one). */
export interface OidcAdmission {
  allowed: boolean;
  reason?: string;
  role?: "admin" | "viewer";
}

export function oidcAdmission(profile: Record<string, unknown>, oidc: OidcSettings): OidcAdmission {
  const email = typeof profile.email === "string" ? profile.email.toLowerCase() : "";
  if (!email) return { allowed: false, reason: "the issuer sent no email address" };
  if (profile.email_verified === false || profile.emailVerified === false) return { allowed: false, reason: "the issuer says the email address is not verified" };
  const claim = profile[oidc.groupsClaim];
  const groups = Array.isArray(claim) ? claim.map(String) : typeof claim === "string" ? [claim] : [];
  const domain = email.slice(email.lastIndexOf("@") + 1);
  const allowed = oidc.allowedDomains.includes(domain) || groups.some((g) => oidc.allowedGroups.includes(g));
  if (!allowed) return { allowed: false, reason: `${email} is not in an allowed domain or group` };
  if (!oidc.adminGroups.length) return { allowed: true };
  return { allowed: true, role: groups.some((g) => oidc.adminGroups.includes(g)) ? "admin" : "viewer" };
}

export function createAuth(prisma: PrismaClient, settings: AuthSettings) {
  const { oidc } = settings;
  /**
   * OIDC sign-ins in progress, by email: what the allow-list said, for the database hooks of the
   * same callback request. Entries live a minute at most; a missing entry never admits anyone.
   */
  const oidcAdmissions = new Map<string, OidcAdmission & { at: number }>();
  const admit = (email: string, admission: OidcAdmission) => {
    const now = Date.now();
    for (const [key, entry] of oidcAdmissions) if (now - entry.at > 60_000) oidcAdmissions.delete(key);
    oidcAdmissions.set(email, { ...admission, at: now });
  };
  const auditLocked = (email: string, until: Date, from: ReturnType<typeof requestInfo>) =>
    recordAudit(prisma, { action: AUDIT.ACCOUNT_LOCKED, outcome: "denied", actor: normaliseEmail(email), ...from, target: normaliseEmail(email), details: { until: until.toISOString(), attempts: settings.lockout.attempts } });
  const failureMessage = (until: Date) =>
    `Too many failed sign-ins: this account is locked until ${until.toISOString().slice(11, 16)} UTC. An admin can unlock it sooner.`;

  return betterAuth({
    appName: "Vendorscope",
    baseURL: settings.baseURL,
    secret: settings.secret,
    trustedOrigins: settings.trustedOrigins,
    telemetry: { enabled: false },
    database: prismaAdapter(prisma, { provider: "postgresql" }),
    user: {
      modelName: "appUser",
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "viewer" },
        disabled: { type: "boolean", input: false, defaultValue: false },
      },
      changeEmail: { enabled: false },
      deleteUser: { enabled: false },
    },
    session: { modelName: "authSession", expiresIn: settings.sessionHours * 3600, updateAge: 3600 },
    account: { modelName: "authAccount", encryptOAuthTokens: true, accountLinking: { enabled: true, trustedProviders: [] } },
    verification: { modelName: "authVerification" },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12, maxPasswordLength: 256 },
    rateLimit: {
      enabled: true,
      storage: "database",
      modelName: "authRateLimit",
      window: 60,
      max: 200,
      customRules: { [PASSWORD_SIGN_IN]: { window: 60, max: 20 }, [OIDC_SIGN_IN]: { window: 60, max: 30 } },
    },
    advanced: {
      useSecureCookies: settings.https,
      cookiePrefix: "vendorscope",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: settings.https },
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
    },
    databaseHooks: {
      user: {
        create: {
          // Single sign-on creates users on first sign-in: only those the allow-list admits.
          // The issuer's name is held to our rules for names (length, no control or bidi characters).
          before: async (user) => {
            const admission = oidcAdmissions.get(user.email.toLowerCase());
            if (!admission?.allowed) return false;
            return { data: { ...user, name: cleanName(user.name, user.email), ...(admission.role ? { role: admission.role } : {}) } };
          },
        },
        update: {
          // The only user changes better-auth still makes are a single sign-on profile refresh
          // (update-user and the like answer 404, see ALLOWED_AUTH_PATHS): same rules for names.
          before: async (data) => (typeof data.name === "string" ? { data: { ...data, name: cleanName(data.name, "Single sign-on user") } } : undefined),
        },
      },
      session: {
        create: {
          // Disabled users get no session, whichever way they sign in; single sign-on re-checks
          // the allow-list and the admin groups at every sign-in.
          before: async (session) => {
            const user = await prisma.appUser.findUnique({ where: { id: session.userId }, select: { disabled: true, email: true, role: true } });
            if (!user || user.disabled) return false;
            const admission = oidcAdmissions.get(user.email.toLowerCase());
            if (admission && !admission.allowed) return false;
            if (admission?.role && admission.role !== user.role) {
              await prisma.appUser.update({ where: { id: session.userId }, data: { role: admission.role } });
              await recordAudit(prisma, { action: AUDIT.USER_CHANGED, actor: `oidc:${oidc?.issuer ?? "issuer"}`, target: user.email, details: { role: admission.role, reason: "the issuer's admin groups" } });
            }
            return undefined;
          },
          after: async (session) => {
            await prisma.appUser.update({ where: { id: session.userId }, data: { lastSignInAt: new Date() } });
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Only the endpoints the dashboard uses: profile changes, password resets, account
        // linking and the rest go through our own rules (lib/auth/localUsers.ts) or nowhere.
        if (!isAllowedAuthPath(ctx.path)) throw new APIError("NOT_FOUND", { message: "Not found.", code: "NOT_FOUND" });
        if (ctx.path !== PASSWORD_SIGN_IN) return;
        // No signing in from another site's page (login CSRF), cookie or not.
        if (!isSameOrigin(ctx.headers ?? new Headers(), settings.trustedOrigins)) {
          throw new APIError("FORBIDDEN", { message: "Sign in from the dashboard's own sign-in page.", code: "CROSS_ORIGIN" });
        }
        const email = typeof ctx.body?.email === "string" ? ctx.body.email : "";
        if (!email) return;
        // Counted before the password is checked, atomically: parallel guesses cannot outrun the lock.
        const attempt = await claimSignInAttempt(prisma, email, settings.lockout);
        if (attempt.allowed) return;
        const from = requestInfo(ctx.headers ?? new Headers());
        if (attempt.lockedNow) await auditLocked(email, attempt.until, from);
        await recordAudit(prisma, { action: AUDIT.SIGN_IN, outcome: "failure", actor: normaliseEmail(email), ...from, details: { method: "password", reason: "locked" } });
        throw new APIError("FORBIDDEN", { message: failureMessage(attempt.until), code: "ACCOUNT_LOCKED" });
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== PASSWORD_SIGN_IN && !isOidcCallback(ctx.path)) return;
        const from = requestInfo(ctx.headers ?? new Headers());
        const method = ctx.path === PASSWORD_SIGN_IN ? "password" : "oidc";
        const session = ctx.context.newSession;
        if (session) {
          oidcAdmissions.delete(session.user.email.toLowerCase());
          if (method === "password") await clearFailedSignIns(prisma, session.user.email);
          await recordAudit(prisma, { action: AUDIT.SIGN_IN, actorId: session.user.id, actor: session.user.email, ...from, details: { method } });
          return;
        }
        const returned = ctx.context.returned;
        if (method === "oidc") {
          // A refused OIDC sign-in redirects to the sign-in page with an error code.
          const refused = [...oidcAdmissions.entries()].find(([, admission]) => !admission.allowed);
          if (refused) oidcAdmissions.delete(refused[0]);
          const reason = refused?.[1].reason ?? (returned instanceof APIError ? returned.message : "refused by the issuer or the dashboard");
          await recordAudit(prisma, { action: AUDIT.SIGN_IN, outcome: "failure", actor: refused?.[0] ?? null, ...from, details: { method, reason } });
          return;
        }
        if (!(returned instanceof APIError) || returned.body?.code === "ACCOUNT_LOCKED" || returned.body?.code === "CROSS_ORIGIN") return;
        const email = typeof ctx.body?.email === "string" ? ctx.body.email : "";
        // The right password of a disabled user gets no session; the audit log says so, the
        // caller hears exactly what a wrong password hears.
        const disabled = returned.body?.code === "FAILED_TO_CREATE_SESSION";
        await recordAudit(prisma, { action: AUDIT.SIGN_IN, outcome: "failure", actor: normaliseEmail(email) || null, ...from, details: { method, reason: disabled ? "account disabled" : returned.message } });
        if (email) {
          const locked = await recordFailedSignIn(prisma, email, settings.lockout);
          if (locked) await auditLocked(email, locked, from);
        }
        if (disabled) throw wrongEmailOrPassword();
      }),
    },
    plugins: [
      ...(oidc
        ? [
            genericOAuth({
              config: [
                {
                  providerId: OIDC_PROVIDER_ID,
                  discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
                  clientId: oidc.clientId,
                  clientSecret: oidc.clientSecret,
                  scopes: oidc.scopes,
                  pkce: true,
                  overrideUserInfo: true,
                  // Decided here, where the issuer's claims are; enforced by the database hooks above.
                  mapProfileToUser: (profile: GenericOAuthUserInfo) => {
                    const email = typeof profile.email === "string" ? profile.email.toLowerCase() : "";
                    if (email) admit(email, oidcAdmission(profile, oidc));
                    return {};
                  },
                },
              ],
            }),
          ]
        : []),
      nextCookies(), // last: lets server actions set the session cookie
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
