/** At the web server's first start on an empty database: create the first admin and say how to sign in. */
import { AUDIT } from "../audit/auditEventKinds";
import { recordAudit } from "../audit/auditLog";
import { prisma } from "../db/server";
import { ensureFirstAdmin } from "./localUsers";

export async function announceFirstAdmin(): Promise<void> {
  const db = await prisma();
  const created = await ensureFirstAdmin(db);
  if (!created) return;
  await recordAudit(db, { action: AUDIT.USER_CREATED, actor: "vendorscope (first start)", target: created.email, details: { role: "admin" } });
  const password = created.password
    ? `password ${created.password}\n  (shown this once: change it under Dashboard users after signing in, or set VENDORSCOPE_ADMIN_PASSWORD before the first start)`
    : "the password in VENDORSCOPE_ADMIN_PASSWORD";
  console.log(`\nCreated the first admin. Sign in as ${created.email} with ${password}\n`);
}
