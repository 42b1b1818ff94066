/**
 * Vendor appearances: parties that gained, or lost, their last access during a scan. A party
 * that only changed names — its external accounts now held under another name, because someone
 * named an unknown account or the vendor list says who owns it — neither appeared nor went
 * away: that is one ATTRIBUTED event per renamed party instead.
 */
import { CHANGE, type ChangeDraft } from "../history/changeKinds";
import { parseParty, partyLabel } from "../inventory/party";
import type { Db } from "./types";

/** Each party with at least one current third-party trust or resource grant, and the outside accounts it holds them through. */
export type PartyAccounts = ReadonlyMap<string, ReadonlySet<string>>;

export async function currentVendors(db: Db): Promise<PartyAccounts> {
  const current = { where: { removedScanId: null, internal: false }, select: { party: true, externalAccountId: true } } as const;
  const [trusts, grants] = await Promise.all([
    db.trust.findMany({ ...current, distinct: ["party", "externalAccountId"] }),
    db.resourceGrant.findMany({ ...current, distinct: ["party", "externalAccountId"] }),
  ]);
  const parties = new Map<string, Set<string>>();
  for (const r of [...trusts, ...grants]) {
    const accounts = parties.get(r.party) ?? new Set<string>();
    if (r.externalAccountId) accounts.add(r.externalAccountId);
    parties.set(r.party, accounts);
  }
  return parties;
}

/**
 * The events for parties new since `before`, for those gone, and for those renamed — "named
 * X by admin@…" when someone named it (an attribution pass), else "is now X".
 */
export function vendorEvents(before: PartyAccounts, after: PartyAccounts, namedBy?: string | null): ChangeDraft[] {
  const event = (kind: ChangeDraft["kind"], party: string, summary: string): ChangeDraft => {
    const { kind: partyKind, value } = parseParty(party);
    return { kind, accountId: null, party, vendorName: partyKind === "vendor" ? value : null, externalAccountId: partyKind === "account" ? value : null, summary };
  };
  const holderNow = new Map<string, string>();
  for (const [party, accounts] of after) for (const account of accounts) holderNow.set(account, party);
  const appeared = [...after.keys()].filter((p) => !before.has(p)).sort();
  const gone = [...before.keys()].filter((p) => !after.has(p)).sort();
  const renames: ChangeDraft[] = [];
  const renamedAccounts = new Set<string>();
  const stillGone: string[] = [];
  for (const party of gone) {
    const accounts = [...before.get(party)!];
    const now = new Set(accounts.map((a) => holderNow.get(a)));
    if (accounts.length === 0 || now.has(undefined)) {
      stillGone.push(party);
      continue;
    }
    for (const account of accounts) renamedAccounts.add(account);
    for (const to of [...now].sort() as string[]) {
      const { kind, value } = parseParty(to);
      renames.push({
        kind: CHANGE.ATTRIBUTED,
        accountId: null,
        party: to,
        vendorName: kind === "vendor" ? value : null,
        externalAccountId: accounts.length === 1 ? accounts[0]! : null,
        summary: namedBy === undefined ? `${partyLabel(party)} is now ${partyLabel(to)}` : `${partyLabel(party)} named ${partyLabel(to)}${namedBy ? ` by ${namedBy}` : ""}`,
        before: { party },
        after: { party: to },
      });
    }
  }
  // A new name whose every account came from a renamed party is not new access.
  const reallyAppeared = appeared.filter((p) => [...after.get(p)!].some((a) => !renamedAccounts.has(a)) || after.get(p)!.size === 0);
  return [
    ...reallyAppeared.map((p) => event(CHANGE.VENDOR_APPEARED, p, `New party with access: ${partyLabel(p)}`)),
    ...stillGone.map((p) => event(CHANGE.VENDOR_DISAPPEARED, p, `${partyLabel(p)} no longer has access to any account`)),
    ...renames,
  ];
}
