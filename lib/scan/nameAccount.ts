/**
 * An admin names the vendor behind an unknown external account: the name is stored as the
 * user's own mapping (used by every later scan) and the accounts it can reach are
 * re-analyzed from their stored exports at once, so the inventory and its history say so.
 */
import type { InventoryStore } from "../db/inventoryStore";
import type { ScanResult } from "../db/scanTypes";
import { setUserMapping } from "../db/vendorStore";
import { CHANGE, type ChangeDraft } from "../history/changeKinds";
import { partyLabel } from "../inventory/party";
import { silentProgress } from "./progress";
import { reanalyze } from "./sources/reanalyze";

export async function nameExternalAccount(store: InventoryStore, accountId: string, name: string, startedBy: string | null): Promise<ScanResult | null> {
  const before = await store.prisma.trust.findFirst({ where: { externalAccountId: accountId, removedScanId: null, internal: false }, select: { party: true } });
  await setUserMapping(store.prisma, accountId, name);
  const reached = await store.prisma.trust.findMany({ where: { externalAccountId: accountId, removedScanId: null }, distinct: ["accountId"], select: { accountId: true } });
  if (reached.length === 0) return null;
  const party = `vendor:${name}`;
  const renamed: ChangeDraft = {
    kind: CHANGE.ATTRIBUTED,
    accountId: null,
    externalAccountId: accountId,
    vendorName: name,
    party,
    summary: `${before ? partyLabel(before.party) : `Account ${accountId}`} named ${name}${startedBy ? ` by ${startedBy}` : ""}`,
    before: before ? { party: before.party } : null,
    after: { party },
  };
  return reanalyze(store, { trigger: "mapping", startedBy, accounts: reached.map((r) => r.accountId), attribution: [renamed] }, silentProgress);
}
