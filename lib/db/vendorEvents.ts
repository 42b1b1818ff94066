/** Vendor appearances: parties that gained, or lost, their last access during a scan. */
import { CHANGE, type ChangeDraft } from "../history/changeKinds";
import { parseParty, partyLabel } from "../inventory/party";
import type { Db } from "./types";

/** Parties (vendors, unknown accounts, anyone…) with at least one current third-party trust. */
export async function currentVendors(db: Db): Promise<Set<string>> {
  const rows = await db.trust.findMany({ where: { removedScanId: null, internal: false }, distinct: ["party"], select: { party: true } });
  return new Set(rows.map((r) => r.party));
}

/** The events for parties new since `before`, and for those gone. */
export function vendorEvents(before: ReadonlySet<string>, after: ReadonlySet<string>): ChangeDraft[] {
  const event = (kind: ChangeDraft["kind"], party: string, summary: string): ChangeDraft => {
    const { kind: partyKind, value } = parseParty(party);
    return { kind, accountId: null, party, vendorName: partyKind === "vendor" ? value : null, externalAccountId: partyKind === "account" ? value : null, summary };
  };
  return [
    ...[...after].filter((p) => !before.has(p)).sort().map((p) => event(CHANGE.VENDOR_APPEARED, p, `New party with access: ${partyLabel(p)}`)),
    ...[...before].filter((p) => !after.has(p)).sort().map((p) => event(CHANGE.VENDOR_DISAPPEARED, p, `${partyLabel(p)} no longer has access to any account`)),
  ];
}
