/**
 * Who holds a third-party access, as one key used to group trusts into "vendors": a named
 * vendor, an unknown external account, anyone (a public trust), a deleted principal, or an
 * AWS service account. The dashboard's vendor pages are keyed by it.
 */
export type PartyKind = "vendor" | "account" | "anyone" | "deleted" | "aws" | "internal" | "other";

export interface PartyFacts {
  internal: boolean;
  vendorName: string | null;
  awsService: string | null;
  principalKind: string;
  principal: string;
  externalAccountId: string | null;
}

/** Same rule as the backfill in prisma/migrations/…_dashboard. */
export function partyOf(t: PartyFacts): string {
  if (t.internal) return "internal";
  if (t.vendorName !== null) return `vendor:${t.vendorName}`;
  if (t.awsService !== null) return `aws:${t.awsService}`;
  if (t.principalKind === "wildcard") return "anyone";
  if (t.principalKind === "unknown-id") return `deleted:${t.principal}`;
  if (t.externalAccountId !== null) return `account:${t.externalAccountId}`;
  return `other:${t.principal}`;
}

export function parseParty(key: string): { kind: PartyKind; value: string } {
  const colon = key.indexOf(":");
  const kind = (colon < 0 ? key : key.slice(0, colon)) as PartyKind;
  return { kind, value: colon < 0 ? "" : key.slice(colon + 1) };
}

export function partyLabel(key: string): string {
  const { kind, value } = parseParty(key);
  switch (kind) {
    case "vendor":
      return value;
    case "account":
      return `Unknown account ${value}`;
    case "anyone":
      return "Anyone (public trust)";
    case "deleted":
      return `Deleted principal ${value}`;
    case "aws":
      return `AWS: ${value}`;
    case "internal":
      return "Internal";
    default:
      return value || key;
  }
}
