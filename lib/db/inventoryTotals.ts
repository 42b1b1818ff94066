/** The inventory's headline numbers: shown on the overview, and kept on each finished scan for trends. */
import { RISKS, type Risk } from "../analysis/risk";
import type { Db } from "./types";

export interface InventoryTotals {
  vendors: number;
  externalAccounts: number;
  trusts: number;
  risk: Record<Risk, number>;
  usersWithKeys: number;
  accounts: number;
  staleAccounts: number;
}

export async function inventoryTotals(db: Db): Promise<InventoryTotals> {
  const [trusts, byRisk, users, accounts] = await Promise.all([
    db.$queryRaw<{ vendors: number; external: number; trusts: number }[]>`
      SELECT count(DISTINCT "party")::int AS vendors, count(DISTINCT "externalAccountId")::int AS external, count(*)::int AS trusts
      FROM "Trust" WHERE "removedScanId" IS NULL AND NOT "internal"`,
    db.$queryRaw<{ risk: string; n: number }[]>`
      SELECT "risk", count(*)::int AS n FROM "Trust" WHERE "removedScanId" IS NULL AND NOT "internal" GROUP BY "risk"`,
    db.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT k."userId")::int AS n FROM "AccessKey" k JOIN "IamUser" u ON u.id = k."userId"
      WHERE k."removedScanId" IS NULL AND k."active" AND u."removedScanId" IS NULL`,
    db.$queryRaw<{ accounts: number; stale: number }[]>`
      SELECT count(*)::int AS accounts, count("staleSince")::int AS stale FROM "Account" WHERE "removedScanId" IS NULL`,
  ]);
  const risk = Object.fromEntries(RISKS.map((r) => [r, byRisk.find((b) => b.risk === r)?.n ?? 0])) as Record<Risk, number>;
  return {
    vendors: trusts[0]?.vendors ?? 0,
    externalAccounts: trusts[0]?.external ?? 0,
    trusts: trusts[0]?.trusts ?? 0,
    risk,
    usersWithKeys: users[0]?.n ?? 0,
    accounts: accounts[0]?.accounts ?? 0,
    staleAccounts: accounts[0]?.stale ?? 0,
  };
}
