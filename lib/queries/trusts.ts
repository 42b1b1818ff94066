/**
 * Current trusts — who can assume which role — filtered, sorted and paginated on the server.
 * The rows behind the overview's and vendor pages' numbers.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { FindingCode } from "../analysis/findings";
import { RISKS, type Risk } from "../analysis/risk";
import type { Db } from "../db/types";
import type { TrustRow } from "../inventory/accountInventory";
import { partyLabel } from "../inventory/party";
import { cachedPage } from "./inventoryCache";
import { PAGE_SIZE, type Paged } from "./params";
import { escapeLike } from "./vendors";

export const TRUST_SORTS = ["risk", "account", "role", "vendor", "last-used", "first-seen"] as const;
export type TrustSort = (typeof TRUST_SORTS)[number];
export const TRUST_SCOPES = ["external", "internal", "all"] as const;
export type TrustScope = (typeof TRUST_SCOPES)[number];

export interface TrustFilters {
  scope?: TrustScope;
  risk?: Risk;
  finding?: FindingCode;
  account?: string;
  party?: string;
  /** Matches role name, principal, vendor or external account. */
  q?: string;
  sort?: TrustSort;
  page?: number;
  pageSize?: number;
}

/** A current trust as the lists show it: the stored row's facts, with its role and account. */
export interface TrustListRow extends Pick<TrustRow, "principal" | "principalKind" | "party" | "externalAccountId" | "internal" | "externalId"> {
  id: number;
  accountId: string;
  accountName: string | null;
  roleId: number;
  roleName: string;
  roleArn: string;
  partyName: string;
  findings: FindingCode[];
  risk: Risk;
  lastUsed: Date | null;
  firstSeen: Date;
}

/** As SQL returns it: findings untyped and the risk as its rank. */
type RawTrustRow = Omit<TrustListRow, "partyName" | "findings" | "risk"> & Pick<TrustRow, "findings" | "riskRank">;

export function trustWhere(filters: TrustFilters): Prisma.Sql {
  const where = [Prisma.sql`t."removedScanId" IS NULL`];
  const scope = filters.scope ?? "external";
  if (scope !== "all") where.push(scope === "internal" ? Prisma.sql`t."internal"` : Prisma.sql`NOT t."internal"`);
  if (filters.risk) where.push(Prisma.sql`t."riskRank" = ${RISKS.indexOf(filters.risk)}`);
  if (filters.finding) where.push(Prisma.sql`${filters.finding} = ANY(t."findings")`);
  if (filters.account) where.push(Prisma.sql`t."accountId" = ${filters.account}`);
  if (filters.party) where.push(Prisma.sql`t."party" = ${filters.party}`);
  if (filters.q) {
    const like = `%${escapeLike(filters.q)}%`;
    where.push(Prisma.sql`(r."name" ILIKE ${like} OR t."principal" ILIKE ${like} OR t."party" ILIKE ${like} OR t."externalAccountId" LIKE ${like})`);
  }
  return Prisma.join(where, " AND ");
}

/** A page of trusts is cached per inventory version and filters (inventoryCache.ts). */
export function listTrusts(db: Db, filters: TrustFilters): Promise<Paged<TrustListRow>> {
  return cachedPage(db, "trusts", filters, () => queryTrusts(db, filters));
}

async function queryTrusts(db: Db, filters: TrustFilters): Promise<Paged<TrustListRow>> {
  const page = filters.page ?? 1;
  const size = filters.pageSize ?? PAGE_SIZE;
  const order = {
    risk: Prisma.sql`t."riskRank" DESC, t."accountId", r."name", t."principal"`,
    account: Prisma.sql`t."accountId", r."name", t."principal"`,
    role: Prisma.sql`r."name", t."accountId", t."principal"`,
    vendor: Prisma.sql`t."party", t."accountId", r."name"`,
    "last-used": Prisma.sql`r."lastUsed" DESC NULLS LAST, t."id"`,
    "first-seen": Prisma.sql`s."startedAt" DESC, t."id"`,
  }[filters.sort ?? "risk"];
  const from = Prisma.sql`
    FROM "Trust" t
    JOIN "Role" r ON r.id = t."roleId"
    JOIN "Scan" s ON s.id = t."firstSeenScanId"
    LEFT JOIN "Account" a ON a.id = t."accountId"
    WHERE ${trustWhere(filters)}`;
  const [rows, count] = await Promise.all([
    db.$queryRaw<RawTrustRow[]>`
      SELECT t.id, t."accountId", a."name" AS "accountName", r.id AS "roleId", r."name" AS "roleName", r."arn" AS "roleArn",
        t."principal", t."principalKind", t."party", t."externalAccountId", t."internal", t."externalId", t."findings", t."riskRank",
        r."lastUsed", s."startedAt" AS "firstSeen"
      ${from} ORDER BY ${order} LIMIT ${size} OFFSET ${(page - 1) * size}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${from}`,
  ]);
  return {
    rows: rows.map((r) => ({ ...r, partyName: partyLabel(r.party), findings: r.findings as FindingCode[], risk: RISKS[r.riskRank]! })),
    total: count[0]?.n ?? 0,
    page,
    pageSize: size,
  };
}
