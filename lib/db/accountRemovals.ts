/** Accounts that left the organization: everything of theirs is closed by the scan that saw them go. */
import { CHANGE, type ChangeDraft } from "../history/changeKinds";
import type { Db } from "./types";

/** Closes everything of accounts that left the organization. */
export async function removeAccounts(db: Db, scanId: number, accountIds: readonly string[]): Promise<ChangeDraft[]> {
  const events: ChangeDraft[] = [];
  for (const accountId of accountIds) {
    const current = { accountId, removedScanId: null };
    const trusts = await db.trust.findMany({ where: current, include: { role: { select: { arn: true, name: true } } } });
    for (const t of trusts) {
      events.push({
        kind: CHANGE.TRUST_REMOVED,
        accountId,
        roleArn: t.role.arn,
        principal: t.principal,
        vendorName: t.vendorName,
        externalAccountId: t.externalAccountId,
        party: t.party,
        summary: `${t.vendorName ?? t.externalAccountId ?? t.principal} can no longer assume ${accountId}/${t.role.name} (account left the organization)`,
      });
    }
    const closing = { removedScanId: scanId };
    await db.trust.updateMany({ where: current, data: closing });
    await db.role.updateMany({ where: current, data: closing });
    await db.accessKey.updateMany({ where: { removedScanId: null, user: current }, data: closing });
    await db.iamUser.updateMany({ where: current, data: closing });
    await db.account.update({ where: { id: accountId }, data: closing });
    events.push({ kind: CHANGE.ACCOUNT_REMOVED, accountId, summary: `Account ${accountId} left the organization` });
  }
  return events;
}
