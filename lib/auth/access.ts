/**
 * The server-side checks every page, route handler and server action goes through. The UI hides
 * what a role can't do; these are what refuse it. tests/e2e/access.spec.ts requests every page,
 * route and server action of the build as nobody and as a viewer, so an unguarded one fails the tests.
 */
import { headers } from "next/headers";
import { cache } from "react";
import { forbidden, redirect, unauthorized } from "next/navigation";
import type { AuditEventKind } from "../audit/auditEventKinds";
import { recordAudit, recordDenial, type AuditActor } from "../audit/auditLog";
import { prisma } from "../db/server";
import { hasRole, isRole, type Role } from "./roles";
import { isSameOrigin, PATH_HEADER, requestInfo } from "./requestInfo";
import { loginPath } from "./safeNext";
import { serverAuth } from "./server";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

async function userFrom(requestHeaders: Headers): Promise<SignedInUser | null> {
  const { auth } = await serverAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { id, email, name, role, disabled } = session.user as typeof session.user & { role?: unknown; disabled?: unknown };
  if (disabled === true || !isRole(role)) return null;
  return { id, email, name, role };
}

/**
 * The signed-in user of this request, or null. Looked up once per render: the layout, the page
 * and its metadata all ask.
 */
export const currentUser = cache(async (): Promise<SignedInUser | null> => userFrom(await headers()));

export function actorOf(user: SignedInUser | null, requestHeaders: Headers): AuditActor {
  return { actorId: user?.id ?? null, actor: user?.email ?? null, ...requestInfo(requestHeaders) };
}

/** Anonymous refusals are counted into one row per source and window (lib/audit/anonymousDenials.ts). */
async function auditDenied(user: SignedInUser | null, requestHeaders: Headers, target: string, reason: string): Promise<void> {
  await recordDenial(await prisma(), actorOf(user, requestHeaders), target, reason);
}

/** For pages: the signed-in user with at least `required`; anyone else is sent to sign in, or refused (403). */
export async function requirePageUser(required: Role = "viewer"): Promise<SignedInUser> {
  const requestHeaders = await headers();
  const user = await currentUser();
  if (!user) redirect(loginPath(requestHeaders.get(PATH_HEADER)));
  if (!hasRole(user.role, required)) {
    await auditDenied(user, requestHeaders, requestHeaders.get(PATH_HEADER) ?? "page", `needs ${required}`);
    forbidden();
  }
  return user;
}

type RouteContext = { params: Promise<Record<string, string>> };
type RouteHandler = (request: Request, context: RouteContext & { user: SignedInUser }) => Promise<Response>;

/**
 * For route handlers: 401 without a session, 403 without the role or (for anything but GET/HEAD)
 * from another origin. `audit` records each successful call (report downloads).
 */
export function guardedRoute(required: Role, handler: RouteHandler, options: { audit?: AuditEventKind } = {}) {
  return async function guarded(request: Request, context: RouteContext): Promise<Response> {
    const user = await userFrom(request.headers);
    const url = new URL(request.url);
    const target = url.pathname + url.search;
    const refuse = (status: 401 | 403, message: string) =>
      new Response(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
    if (!user) return refuse(401, "Sign in first.");
    if (!hasRole(user.role, required)) {
      await auditDenied(user, request.headers, target, `needs ${required}`);
      return refuse(403, `This needs the ${required} role.`);
    }
    if (!["GET", "HEAD"].includes(request.method)) {
      const { settings } = await serverAuth();
      if (!isSameOrigin(request.headers, settings.trustedOrigins)) return refuse(403, "Refused: the request did not come from this dashboard.");
    }
    const response = await handler(request, { ...context, user });
    if (options.audit && response.ok) {
      await recordAudit(await prisma(), { action: options.audit, ...actorOf(user, request.headers), target });
    }
    return response;
  };
}

/**
 * For server actions: the signed-in admin, from this dashboard's own origin (CSRF), else the
 * call is refused (401 or 403, audited) before it reads its input. `serverAction` names it in the log.
 */
export async function requireAdmin(serverAction: string): Promise<{ user: SignedInUser; actor: AuditActor }> {
  const requestHeaders = await headers();
  const user = await userFrom(requestHeaders);
  const { settings } = await serverAuth();
  if (!isSameOrigin(requestHeaders, settings.trustedOrigins)) {
    await auditDenied(user, requestHeaders, serverAction, "cross-origin request");
    forbidden();
  }
  if (!user) {
    await auditDenied(null, requestHeaders, serverAction, "not signed in");
    unauthorized();
  }
  if (!hasRole(user.role, "admin")) {
    await auditDenied(user, requestHeaders, serverAction, "needs admin");
    forbidden();
  }
  return { user, actor: actorOf(user, requestHeaders) };
}
