/** The CISO's overview: totals, riskiest vendors, the last scan's changes, trends over scans. */
import { FINDING } from "../analysis/findings";
import { REAL_SCANS } from "../history/attribution";
import type { Db } from "../db/types";
import { inventoryTotals, type InventoryTotals } from "../db/inventoryTotals";
import { cachedQuery } from "./inventoryCache";
import { scanChanges, type ScanChange } from "./scanChanges";
import { runningScanProgress, type ScanProgressView } from "./scanProgress";
import { listVendors, type VendorRow } from "./vendors";

/** How many vendors the overview lists, riskiest first (then a link to all). */
export const RISKIEST_SHOWN = 10;
/** The last scan's changes shown, the most alarming first (then a link to the scan). */
const LAST_CHANGES_SHOWN = 12;

export interface ScanBrief {
  id: number;
  status: string;
  trigger: string;
  startedAt: Date;
  finishedAt: Date | null;
  accountsTotal: number;
  accountsOk: number;
  accountsFailed: number;
  changes: number;
}

export interface TrendPoint {
  scanId: number;
  at: string;
  vendors: number;
  critical: number;
  high: number;
  trusts: number;
}

/** What a CISO acts on, each a count that links to its list. */
export interface Attention {
  /** Third-party trusts not used in 90 days: access that can go. */
  unused: number;
  /** Trusts whose role can escalate its own privileges. */
  escalation: number;
  /** External accounts nobody has named. */
  unknown: number;
  /** Trusts anyone in the world can assume. */
  public: number;
  /** Resources anyone in the world can use (a public bucket, a snapshot shared with all). */
  publicResources: number;
}

export interface Overview {
  totals: InventoryTotals;
  riskiest: VendorRow[];
  lastScan: ScanBrief | null;
  running: ScanProgressView | null;
  attention: Attention;
  /** The last scan's third-party changes, the most alarming first (the first few). */
  lastChanges: ScanChange[];
  /** How many third-party changes the last scan has (what its link leads to). */
  lastChangesTotal: number;
  trend: TrendPoint[];
  staleAccounts: { id: string; name: string | null; staleSince: Date; lastError: string | null }[];
}

const SCAN_BRIEF = { id: true, status: true, trigger: true, startedAt: true, finishedAt: true, accountsTotal: true, accountsOk: true, accountsFailed: true, changes: true } as const;

/** Everything but the running scan's progress is cached per inventory version (inventoryCache.ts). */
export async function overview(db: Db): Promise<Overview> {
  const [settled, running] = await Promise.all([cachedQuery(db, "overview", null, () => settledOverview(db)), runningScanProgress(db)]);
  return { ...settled, running };
}

async function settledOverview(db: Db): Promise<Omit<Overview, "running">> {
  const [totals, riskiest, lastScan, trendRows, staleAccounts] = await Promise.all([
    inventoryTotals(db),
    listVendors(db, { sort: "risk" }),
    db.scan.findFirst({ where: { ...REAL_SCANS, status: { notIn: ["running", "skipped"] } }, orderBy: { id: "desc" }, select: SCAN_BRIEF }),
    db.scan.findMany({ where: { ...REAL_SCANS, status: { in: ["succeeded", "partial"] }, summary: { not: { equals: null } } }, orderBy: { id: "desc" }, take: 60, select: { id: true, startedAt: true, summary: true } }),
    db.account.findMany({ where: { removedScanId: null, staleSince: { not: null } }, orderBy: { staleSince: "asc" }, take: 10, select: { id: true, name: true, staleSince: true, lastError: true } }),
  ]);
  const [attention] = await db.$queryRaw<Attention[]>`
    SELECT
      count(*) FILTER (WHERE ${FINDING.UNUSED} = ANY("findings"))::int AS unused,
      count(*) FILTER (WHERE ${FINDING.PRIVILEGE_ESCALATION} = ANY("findings"))::int AS escalation,
      (SELECT count(DISTINCT p) FROM (
        SELECT "party" AS p FROM "Trust" WHERE "removedScanId" IS NULL AND "party" LIKE 'account:%'
        UNION SELECT "party" FROM "ResourceGrant" WHERE "removedScanId" IS NULL AND "party" LIKE 'account:%') parties)::int AS unknown,
      count(*) FILTER (WHERE ${FINDING.WILDCARD_PRINCIPAL} = ANY("findings"))::int AS public,
      (SELECT count(*) FROM "ResourceGrant" WHERE "removedScanId" IS NULL AND NOT "internal" AND ${FINDING.WILDCARD_PRINCIPAL} = ANY("findings"))::int AS "publicResources"
    FROM "Trust" WHERE "removedScanId" IS NULL AND NOT "internal" AND NOT (${FINDING.DANGLING_PRINCIPAL} = ANY("findings"))`;
  const lastChanges = lastScan ? await scanChanges(db, lastScan.id, { pageSize: LAST_CHANGES_SHOWN }) : null;
  return {
    totals,
    riskiest: riskiest.rows.slice(0, RISKIEST_SHOWN),
    lastScan,
    attention: attention ?? { unused: 0, escalation: 0, unknown: 0, public: 0, publicResources: 0 },
    lastChanges: lastChanges?.events ?? [],
    lastChangesTotal: lastChanges?.total ?? 0,
    trend: trendRows.reverse().map((s) => {
      const summary = s.summary as unknown as InventoryTotals;
      return { scanId: s.id, at: s.startedAt.toISOString(), vendors: summary.vendors, critical: summary.risk.critical, high: summary.risk.high, trusts: summary.trusts };
    }),
    staleAccounts: staleAccounts.map((a) => ({ ...a, staleSince: a.staleSince! })),
  };
}
