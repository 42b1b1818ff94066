/**
 * An admin names the vendor behind an unknown external account: the name is stored as the
 * user's own mapping (used by every later scan) and the accounts it can reach are
 * re-analyzed from their stored exports at once, so the inventory and its history say so.
 */
import type { InventoryStore } from "../db/inventoryStore";
import type { ScanResult } from "../db/scanTypes";
import { setUserMapping } from "../db/vendorStore";
import { silentProgress } from "./progress";
import { reanalyze } from "./sources/reanalyze";

export async function nameExternalAccount(store: InventoryStore, accountId: string, name: string, startedBy: string | null): Promise<ScanResult | null> {
  await setUserMapping(store.prisma, accountId, name);
  const reached = await store.prisma.trust.findMany({ where: { externalAccountId: accountId, removedScanId: null }, distinct: ["accountId"], select: { accountId: true } });
  if (reached.length === 0) return null;
  return reanalyze(store, { trigger: "mapping", startedBy, accounts: reached.map((r) => r.accountId), attribution: { namedBy: startedBy } }, silentProgress);
}
