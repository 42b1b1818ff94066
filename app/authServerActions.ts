"use server";
/** Signing out: any signed-in user, from this dashboard's own origin. */
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AUDIT } from "@/lib/audit/auditEventKinds";
import { recordAudit } from "@/lib/audit/auditLog";
import { actorOf, currentUser } from "@/lib/auth/access";
import { isSameOrigin } from "@/lib/auth/requestInfo";
import { serverAuth } from "@/lib/auth/server";
import { prisma } from "@/lib/db/server";

export async function signOut(): Promise<void> {
  const requestHeaders = await headers();
  const { auth, settings } = await serverAuth();
  if (!isSameOrigin(requestHeaders, settings.trustedOrigins)) redirect("/");
  const user = await currentUser();
  if (user) {
    await auth.api.signOut({ headers: requestHeaders });
    await recordAudit(await prisma(), { action: AUDIT.SIGN_OUT, ...actorOf(user, requestHeaders) });
  }
  redirect("/login?signedOut=1");
}
