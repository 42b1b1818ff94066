/**
 * Vendors as the dashboard shows them: every party outside the organization holding access
 * (named vendors, unknown accounts, anyone, deleted principals), aggregated over current
 * third-party trusts in SQL, paginated on the server.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { FINDING, type FindingCode } from "../analysis/findings";
import { IDENTITY_PROVIDERS } from "../analysis/identityProviders";
import { bySeverity, riskDrivers, riskReason, RISKS, type Risk } from "../analysis/risk";
import { resourceRiskReason } from "../analysis/resources/resourceRecord";
import type { Db } from "../db/types";
import { parseParty, partyLabel, type PartyKind } from "../inventory/party";
import { cachedQuery } from "./inventoryCache";
import { PAGE_SIZE, type Paged } from "./params";

export const VENDOR_SORTS = ["risk", "name", "trusts", "accounts", "first-seen"] as const;
export type VendorSort = (typeof VENDOR_SORTS)[number];

export const HEADLINE_FINDINGS = [FINDING.WILDCARD_PRINCIPAL, FINDING.OIDC_UNRESTRICTED, FINDING.ADMIN_ACCESS, FINDING.NO_EXTERNAL_ID, FINDING.ROOT_PRINCIPAL, FINDING.UNUSED] as const;

export interface VendorFilters {
  risk?: Risk;
  finding?: FindingCode;
  /** One of our member accounts the vendor can reach. */
  account?: string;
  /** Matches the vendor name or one of its account ids. */
  q?: string;
  /** Only parties of this kind (e.g. "account": unknown external accounts). */
  kind?: PartyKind;
  sort?: VendorSort;
  page?: number;
  pageSize?: number;
}

export type VendorSource = "known" | "user" | "identity provider" | "unknown" | "public" | "deleted principal" | "AWS service" | "other";

export interface VendorRow {
  party: string;
  name: string;
  kind: PartyKind;
  source: VendorSource;
  risk: Risk;
  trusts: number;
  /** Resource grants (policies and shares) it holds. */
  resources: number;
  roles: number;
  /** Our accounts it reaches, through roles or resources. */
  accounts: number;
  externalAccounts: string[];
  /** Headline findings held by any of its trusts (the vendors CSV's column). */
  findings: FindingCode[];
  /**
   * What to show beside the risk: the findings that set it (over its riskiest trusts), then the
   * other headline findings, the most severe first.
   */
  riskFindings: FindingCode[];
  /** Why its risk is what it is, in words, from one of its riskiest trusts. */
  riskReason: string;
  /** Every trust of the vendor is unused. */
  allUnused: boolean;
  firstSeen: Date;
}

interface RawVendorRow {
  party: string;
  worst: number;
  trusts: number;
  resources: number;
  roles: number;
  accounts: number;
  external: string[] | null;
  wildcard: boolean;
  oidc: boolean;
  admin: boolean;
  noexternalid: boolean;
  root: boolean;
  unused: boolean;
  /** The distinct finding lists of its riskiest trusts and resource grants: `trust:CODE CODE`, `resource:CODE`. */
  worstsets: string[] | null;
  firstseen: Date;
}

/** Cached per inventory version and filters (inventoryCache.ts). */
export function listVendors(db: Db, filters: VendorFilters): Promise<Paged<VendorRow>> {
  return cachedQuery(db, "vendors", filters, () => queryVendors(db, filters));
}

async function queryVendors(db: Db, filters: VendorFilters): Promise<Paged<VendorRow>> {
  const where = [Prisma.sql`t."removedScanId" IS NULL`, Prisma.sql`NOT t."internal"`];
  if (filters.account) where.push(Prisma.sql`t."accountId" = ${filters.account}`);
  if (filters.kind) where.push(Prisma.sql`t."party" LIKE ${`${filters.kind}%`}`);
  const having: Prisma.Sql[] = [Prisma.sql`true`];
  if (filters.risk) having.push(Prisma.sql`max(t."riskRank") = ${RISKS.indexOf(filters.risk)}`);
  if (filters.finding) having.push(Prisma.sql`bool_or(${filters.finding} = ANY(t."findings"))`);
  if (filters.q) {
    const like = `%${escapeLike(filters.q)}%`;
    having.push(Prisma.sql`(t."party" ILIKE ${like} OR bool_or(t."externalAccountId" LIKE ${like}))`);
  }
  const order = {
    risk: Prisma.sql`worst DESC, trusts DESC, resources DESC, t."party"`,
    name: Prisma.sql`lower(regexp_replace(t."party", '^[a-z]+:', '')), t."party"`,
    trusts: Prisma.sql`trusts DESC, worst DESC, t."party"`,
    accounts: Prisma.sql`accounts DESC, worst DESC, t."party"`,
    "first-seen": Prisma.sql`firstseen DESC, t."party"`,
  }[filters.sort ?? "risk"];
  const page = filters.page ?? 1;
  const size = filters.pageSize ?? PAGE_SIZE;
  const grouped = Prisma.sql`
    SELECT t."party",
      max(t."riskRank")::int AS worst,
      (count(*) FILTER (WHERE t.held = 'trust'))::int AS trusts,
      (count(*) FILTER (WHERE t.held = 'resource'))::int AS resources,
      count(DISTINCT t."roleId")::int AS roles,
      count(DISTINCT t."accountId")::int AS accounts,
      array_agg(DISTINCT t."externalAccountId") FILTER (WHERE t."externalAccountId" IS NOT NULL) AS external,
      bool_or(${FINDING.WILDCARD_PRINCIPAL} = ANY(t."findings")) AS wildcard,
      bool_or(${FINDING.OIDC_UNRESTRICTED} = ANY(t."findings")) AS oidc,
      bool_or(${FINDING.ADMIN_ACCESS} = ANY(t."findings")) AS admin,
      bool_or(${FINDING.NO_EXTERNAL_ID} = ANY(t."findings")) AS noexternalid,
      bool_or(${FINDING.ROOT_PRINCIPAL} = ANY(t."findings")) AS root,
      bool_and(${FINDING.UNUSED} = ANY(t."findings")) AS unused,
      array_agg(DISTINCT t.held || ':' || array_to_string(t."findings", ' ')) FILTER (WHERE t."riskRank" = t.partyworst) AS worstsets,
      min(s."startedAt") AS firstseen
    FROM (
      SELECT *, max("riskRank") OVER (PARTITION BY "party") AS partyworst FROM (
        SELECT 'trust' AS held, t."party", t."riskRank", t."findings", t."roleId", t."accountId", t."externalAccountId", t."firstSeenScanId"
          FROM "Trust" t WHERE ${Prisma.join(where, " AND ")}
        UNION ALL
        SELECT 'resource', t."party", t."riskRank", t."findings", NULL, t."accountId", t."externalAccountId", t."firstSeenScanId"
          FROM "ResourceGrant" t WHERE ${Prisma.join(where, " AND ")}
      ) held
    ) t
    JOIN "Scan" s ON s.id = t."firstSeenScanId"
    GROUP BY t."party"
    HAVING ${Prisma.join(having, " AND ")}`;
  const [rows, count, userVendors] = await Promise.all([
    db.$queryRaw<RawVendorRow[]>`${grouped} ORDER BY ${order} LIMIT ${size} OFFSET ${(page - 1) * size}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${grouped}) g`,
    userMappedVendors(db),
  ]);
  return {
    rows: rows.map((r) => ({
      party: r.party,
      name: partyLabel(r.party),
      kind: parseParty(r.party).kind,
      source: vendorSource(r.party, userVendors),
      risk: RISKS[r.worst]!,
      trusts: r.trusts,
      resources: r.resources,
      roles: r.roles,
      accounts: r.accounts,
      externalAccounts: (r.external ?? []).sort(),
      ...vendorFindings(r),
      allUnused: r.unused,
      firstSeen: r.firstseen,
    })),
    total: count[0]?.n ?? 0,
    page,
    pageSize: size,
  };
}

function vendorFindings(r: RawVendorRow): { findings: FindingCode[]; riskFindings: FindingCode[]; riskReason: string } {
  const findings = HEADLINE_FINDINGS.filter((f) => ({ WILDCARD_PRINCIPAL: r.wildcard, OIDC_UNRESTRICTED: r.oidc, ADMIN_ACCESS: r.admin, NO_EXTERNAL_ID: r.noexternalid, ROOT_PRINCIPAL: r.root, UNUSED: r.unused })[f]);
  // Trusts first: a vendor as risky through a role as through a resource is explained by the role.
  const sets = (r.worstsets ?? []).map((set) => {
    const [held, codes] = [set.slice(0, set.indexOf(":")), set.slice(set.indexOf(":") + 1)];
    return { resource: held === "resource", codes: codes ? (codes.split(" ") as FindingCode[]) : [] };
  }).sort((a, b) => Number(a.resource) - Number(b.resource));
  const drivers = sets.flatMap((set) => (set.resource ? set.codes : riskDrivers(set.codes, false)));
  const first = sets[0];
  return {
    findings,
    riskFindings: [...bySeverity(drivers), ...bySeverity(findings).filter((f) => !drivers.includes(f))],
    riskReason: first?.resource ? resourceRiskReason(first.codes, false) : riskReason(first?.codes ?? [], false),
  };
}

async function userMappedVendors(db: Db): Promise<Set<string>> {
  const rows = await db.vendorAccount.findMany({ where: { source: "user" }, select: { vendor: { select: { name: true } } } });
  return new Set(rows.map((r) => r.vendor.name));
}

export function vendorSource(party: string, userVendors: ReadonlySet<string>): VendorSource {
  const { kind, value } = parseParty(party);
  switch (kind) {
    case "vendor":
      if (userVendors.has(value)) return "user";
      return IDENTITY_PROVIDERS.some((p) => p.name === value) ? "identity provider" : "known";
    case "account":
      return "unknown";
    case "anyone":
      return "public";
    case "deleted":
      return "deleted principal";
    case "aws":
      return "AWS service";
    default:
      return "other";
  }
}

/** Escapes % and _ so user text matches literally inside a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
