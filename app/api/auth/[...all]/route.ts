import { serverAuth } from "@/lib/auth/server";

export const dynamic = "force-dynamic";

/**
 * better-auth's endpoints (sign-in, OIDC callback, session). Public by necessity; better-auth
 * checks the Origin of every POST, rate-limits sign-in per client address, and our hooks add
 * lockout and the audit trail (lib/auth/auth.ts).
 */
async function handle(request: Request): Promise<Response> {
  const { auth } = await serverAuth();
  return auth.handler(request);
}

export { handle as GET, handle as POST };
