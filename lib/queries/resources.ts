/**
 * Current resource grants — who outside an account can use which bucket, key, queue, topic,
 * function, secret, repository or shared snapshot — filtered, sorted and paginated on the
 * server, as the trust list is.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { FindingCode } from "../analysis/findings";
import { RISKS, type Risk } from "../analysis/risk";
import { RESOURCE_SERVICES, type ResourceService } from "../analysis/resources/resourceServices";
import { resourceRiskReason } from "../analysis/resources/resourceRecord";
import type { Db } from "../db/types";
import { partyLabel } from "../inventory/party";
import { cachedPage } from "./inventoryCache";
import { PAGE_SIZE, type Paged } from "./params";
import { TRUST_SCOPES, type TrustScope } from "./trusts";
import { escapeLike } from "./vendors";

export const RESOURCE_SORTS = ["risk", "account", "service", "vendor", "first-seen"] as const;
export type ResourceSort = (typeof RESOURCE_SORTS)[number];
export { RESOURCE_SERVICES, TRUST_SCOPES as RESOURCE_SCOPES };

export interface ResourceFilters {
  scope?: TrustScope;
  risk?: Risk;
  finding?: FindingCode;
  service?: ResourceService;
  account?: string;
  party?: string;
  /** Matches the resource ARN, principal, vendor or external account. */
  q?: string;
  sort?: ResourceSort;
  page?: number;
  pageSize?: number;
}

export interface ResourceListRow {
  id: number;
  accountId: string;
  accountName: string | null;
  region: string | null;
  service: ResourceService;
  resourceArn: string;
  principal: string;
  principalKind: string;
  party: string;
  partyName: string;
  externalAccountId: string | null;
  internal: boolean;
  actions: string[];
  accessLevels: string[];
  conditions: unknown;
  findings: FindingCode[];
  risk: Risk;
  source: string;
  firstSeen: Date;
}

type RawResourceRow = Omit<ResourceListRow, "partyName" | "findings" | "risk" | "service"> & { service: string; findings: string[]; riskRank: number };

function resourceWhere(filters: ResourceFilters): Prisma.Sql {
  const where = [Prisma.sql`g."removedScanId" IS NULL`];
  const scope = filters.scope ?? "external";
  if (scope !== "all") where.push(scope === "internal" ? Prisma.sql`g."internal"` : Prisma.sql`NOT g."internal"`);
  if (filters.risk) where.push(Prisma.sql`g."riskRank" = ${RISKS.indexOf(filters.risk)}`);
  if (filters.finding) where.push(Prisma.sql`${filters.finding} = ANY(g."findings")`);
  if (filters.service) where.push(Prisma.sql`g."service" = ${filters.service}`);
  if (filters.account) where.push(Prisma.sql`g."accountId" = ${filters.account}`);
  if (filters.party) where.push(Prisma.sql`g."party" = ${filters.party}`);
  if (filters.q) {
    const like = `%${escapeLike(filters.q)}%`;
    where.push(Prisma.sql`(g."resourceArn" ILIKE ${like} OR g."principal" ILIKE ${like} OR g."party" ILIKE ${like} OR g."externalAccountId" LIKE ${like})`);
  }
  return Prisma.join(where, " AND ");
}

/** A page of resource grants, cached per inventory version and filters (inventoryCache.ts). */
export function listResources(db: Db, filters: ResourceFilters): Promise<Paged<ResourceListRow>> {
  return cachedPage(db, "resources", filters, () => queryResources(db, filters));
}

async function queryResources(db: Db, filters: ResourceFilters): Promise<Paged<ResourceListRow>> {
  const page = filters.page ?? 1;
  const size = filters.pageSize ?? PAGE_SIZE;
  const order = {
    risk: Prisma.sql`g."riskRank" DESC, g."accountId", g."service", g."resourceArn", g."principal"`,
    account: Prisma.sql`g."accountId", g."service", g."resourceArn", g."principal"`,
    service: Prisma.sql`g."service", g."accountId", g."resourceArn", g."principal"`,
    vendor: Prisma.sql`g."party", g."accountId", g."resourceArn"`,
    "first-seen": Prisma.sql`s."startedAt" DESC, g."id"`,
  }[filters.sort ?? "risk"];
  const from = Prisma.sql`
    FROM "ResourceGrant" g
    JOIN "Scan" s ON s.id = g."firstSeenScanId"
    LEFT JOIN "Account" a ON a.id = g."accountId"
    WHERE ${resourceWhere(filters)}`;
  const [rows, count] = await Promise.all([
    db.$queryRaw<RawResourceRow[]>`
      SELECT g.id, g."accountId", a."name" AS "accountName", g."region", g."service", g."resourceArn", g."principal", g."principalKind",
        g."party", g."externalAccountId", g."internal", g."actions", g."accessLevels", g."conditions", g."findings", g."riskRank", g."source",
        s."startedAt" AS "firstSeen"
      ${from} ORDER BY ${order} LIMIT ${size} OFFSET ${(page - 1) * size}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${from}`,
  ]);
  return {
    rows: rows.map(({ riskRank, ...r }) => ({ ...r, service: r.service as ResourceService, partyName: partyLabel(r.party), findings: r.findings as FindingCode[], risk: RISKS[riskRank]! })),
    total: count[0]?.n ?? 0,
    page,
    pageSize: size,
  };
}

/**
 * A party's overall risk and why, over its trusts and its riskiest resource grant: the grant's
 * when it is riskier than every trust (or the party holds no trust). The vendor page and the
 * review pack say the same.
 */
export function overallRisk(
  trusts: { trustTotal: number; risk: Risk; riskReason: string | null },
  worstResource: Pick<ResourceListRow, "risk" | "findings" | "internal" | "resourceArn"> | undefined,
): { risk: Risk | null; reason: string | null } {
  if (worstResource && (trusts.trustTotal === 0 || RISKS.indexOf(worstResource.risk) > RISKS.indexOf(trusts.risk))) {
    const reason = worstResource.risk === "low" ? null : resourceRiskReason(worstResource.findings, worstResource.internal, worstResource.resourceArn);
    return { risk: worstResource.risk, reason };
  }
  return trusts.trustTotal ? { risk: trusts.risk, reason: trusts.riskReason } : { risk: null, reason: null };
}
