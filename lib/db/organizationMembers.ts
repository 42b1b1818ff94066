/**
 * The organization's membership as a scan finds it: new accounts and those back in the
 * organization are recorded with their events; with a complete listing, the members gone from
 * it are the scan's removal candidates (decided only when the scan finishes well).
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { CHANGE, type ChangeDraft } from "../history/changeKinds";
import { insertEvents } from "./bulkInsert";
import type { MemberAccountInfo } from "./scanTypes";

export interface OrganizationListing {
  orgId: string | null;
  managementAccountId: string | null;
  accounts: MemberAccountInfo[];
}

/**
 * Inside the scan's transaction: records the organization and its members. Returns the
 * members gone from a `complete` listing (still current, not listed), else null.
 */
/** The organization's row: its id, or `standalone:<account>` for an account on its own. */
export function organizationRowId(org: Pick<OrganizationListing, "orgId" | "accounts">): string {
  return org.orgId ?? `standalone:${org.accounts[0]?.id ?? "unknown"}`;
}

export async function recordMembers(tx: Prisma.TransactionClient, scanId: number, org: OrganizationListing, complete: boolean): Promise<string[] | null> {
  const orgRowId = organizationRowId(org);
  await tx.organization.upsert({
    where: { id: orgRowId },
    create: { id: orgRowId, managementAccountId: org.managementAccountId },
    update: { managementAccountId: org.managementAccountId },
  });
  const existing = new Map((await tx.account.findMany()).map((a) => [a.id, a]));
  const events: ChangeDraft[] = [];
  const fresh = org.accounts.filter((a) => !existing.has(a.id));
  await tx.account.createMany({ data: fresh.map((a) => ({ ...a, firstSeenScanId: scanId })) });
  for (const a of fresh) events.push({ kind: CHANGE.ACCOUNT_ADDED, accountId: a.id, summary: `Account ${a.id}${a.name ? ` (${a.name})` : ""} joined the organization` });
  for (const a of org.accounts) {
    const old = existing.get(a.id);
    if (!old) continue;
    const rejoined = old.removedScanId !== null;
    if (rejoined) events.push({ kind: CHANGE.ACCOUNT_ADDED, accountId: a.id, summary: `Account ${a.id}${a.name ? ` (${a.name})` : ""} is back in the organization` });
    if (rejoined || old.name !== a.name || old.email !== a.email || old.status !== a.status || old.ouPath !== a.ouPath) {
      await tx.account.update({ where: { id: a.id }, data: { name: a.name, email: a.email, status: a.status, ouPath: a.ouPath, removedScanId: null } });
    }
  }
  await insertEvents(tx, scanId, events);
  if (!complete) return null;
  const listed = new Set(org.accounts.map((a) => a.id));
  return [...existing.values()].filter((a) => a.removedScanId === null && !listed.has(a.id)).map((a) => a.id);
}
