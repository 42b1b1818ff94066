/**
 * Which party a person means by "Datadog", "464622532012" or "vendor:Datadog": the key the
 * vendor pages and reports use (see lib/inventory/party.ts).
 */
import type { Db } from "../db/types";

export type PartyMatch = { party: string } | { error: string };

export async function findParty(db: Db, query: string): Promise<PartyMatch> {
  const wanted = query.trim();
  if (!wanted) return { error: "no vendor given" };
  if (wanted === "anyone" || /^(vendor|account|aws|deleted|other):/.test(wanted)) return exists(db, wanted, query);

  if (/^\d{12}$/.test(wanted)) {
    const trust = await db.trust.findFirst({ where: { externalAccountId: wanted, internal: false }, orderBy: { removedScanId: { sort: "desc", nulls: "first" } }, select: { party: true } });
    return trust ? { party: trust.party } : { error: `no third-party access from account ${wanted} is recorded` };
  }

  const named = await db.trust.findMany({ where: { vendorName: { equals: wanted, mode: "insensitive" }, internal: false }, distinct: ["party"], select: { party: true }, take: 2 });
  if (named.length === 1) return { party: named[0]!.party };
  const similar = await db.trust.findMany({ where: { vendorName: { contains: wanted, mode: "insensitive" }, internal: false }, distinct: ["vendorName"], select: { party: true, vendorName: true }, take: 6 });
  if (similar.length === 1) return { party: similar[0]!.party };
  if (similar.length > 1) return { error: `"${query}" matches several vendors: ${similar.map((s) => s.vendorName).join(", ")}` };
  return { error: `no vendor named "${query}" has or had access (try 'vendorscope vendors list' or an external account id)` };
}

async function exists(db: Db, party: string, query: string): Promise<PartyMatch> {
  const [trust, event] = await Promise.all([db.trust.findFirst({ where: { party }, select: { id: true } }), db.changeEvent.findFirst({ where: { party }, select: { id: true } })]);
  return trust || event ? { party } : { error: `no access by ${query} is recorded` };
}
