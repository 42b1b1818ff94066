/** Member accounts: which vendors get in and how, and whose last scan failed (stale data). */
import { Prisma } from "@/lib/generated/prisma/client";
import { RISKS, type Risk } from "../analysis/risk";
import type { Db } from "../db/types";
import { REAL_SCANS } from "../history/attribution";
import { cachedPage } from "./inventoryCache";
import { PAGE_SIZE, type Paged } from "./params";
import { escapeLike } from "./vendors";

export const ACCOUNT_SORTS = ["risk", "id", "name", "vendors", "stale"] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];
export const ACCOUNT_STATES = ["stale", "ok", "never"] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

export interface AccountFilters {
  q?: string;
  state?: AccountState;
  sort?: AccountSort;
  page?: number;
  pageSize?: number;
}

export interface AccountRow {
  id: string;
  name: string | null;
  ouPath: string | null;
  vendors: number;
  trusts: number;
  risk: Risk | null;
  lastSuccessAt: Date | null;
  staleSince: Date | null;
  lastError: string | null;
}

interface RawAccountRow extends Omit<AccountRow, "risk"> {
  worst: number | null;
}

/** A page of accounts is cached per inventory version and filters (inventoryCache.ts). */
export function listAccounts(db: Db, filters: AccountFilters): Promise<Paged<AccountRow>> {
  return cachedPage(db, "accounts", filters, () => queryAccounts(db, filters));
}

async function queryAccounts(db: Db, filters: AccountFilters): Promise<Paged<AccountRow>> {
  const where = [Prisma.sql`a."removedScanId" IS NULL`];
  if (filters.q) {
    const like = `%${escapeLike(filters.q)}%`;
    where.push(Prisma.sql`(a.id LIKE ${like} OR a."name" ILIKE ${like} OR a."ouPath" ILIKE ${like})`);
  }
  if (filters.state === "stale") where.push(Prisma.sql`a."staleSince" IS NOT NULL`);
  if (filters.state === "ok") where.push(Prisma.sql`a."staleSince" IS NULL AND a."lastSuccessScanId" IS NOT NULL`);
  if (filters.state === "never") where.push(Prisma.sql`a."lastSuccessScanId" IS NULL`);
  const order = {
    risk: Prisma.sql`worst DESC NULLS LAST, trusts DESC, a.id`,
    id: Prisma.sql`a.id`,
    name: Prisma.sql`a."name" NULLS LAST, a.id`,
    vendors: Prisma.sql`vendors DESC, a.id`,
    stale: Prisma.sql`a."staleSince" ASC NULLS LAST, a.id`,
  }[filters.sort ?? "risk"];
  const page = filters.page ?? 1;
  const size = filters.pageSize ?? PAGE_SIZE;
  const base = Prisma.sql`
    FROM "Account" a
    LEFT JOIN (
      SELECT "accountId", count(DISTINCT "party")::int AS vendors, count(*)::int AS trusts, max("riskRank")::int AS worst
      FROM "Trust" WHERE "removedScanId" IS NULL AND NOT "internal" GROUP BY "accountId"
    ) t ON t."accountId" = a.id
    WHERE ${Prisma.join(where, " AND ")}`;
  const [rows, count] = await Promise.all([
    db.$queryRaw<RawAccountRow[]>`
      SELECT a.id, a."name", a."ouPath", coalesce(t.vendors, 0) AS vendors, coalesce(t.trusts, 0) AS trusts, t.worst,
        a."lastSuccessAt", a."staleSince", a."lastError"
      ${base} ORDER BY ${order} LIMIT ${size} OFFSET ${(page - 1) * size}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${base}`,
  ]);
  return {
    rows: rows.map(({ worst, ...r }) => ({ ...r, risk: worst === null ? null : RISKS[worst]! })),
    total: count[0]?.n ?? 0,
    page,
    pageSize: size,
  };
}

export async function accountDetail(db: Db, id: string) {
  const account = await db.account.findUnique({ where: { id } });
  if (!account) return null;
  const [scans, users] = await Promise.all([
    db.scanAccount.findMany({ where: { accountId: id, scan: REAL_SCANS }, orderBy: { scanId: "desc" }, take: 20, include: { scan: { select: { startedAt: true, trigger: true } } } }),
    db.iamUser.count({ where: { accountId: id, removedScanId: null, keys: { some: { removedScanId: null, active: true } } } }),
  ]);
  return { account, scans, usersWithKeys: users };
}
