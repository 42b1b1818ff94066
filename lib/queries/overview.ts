/** The CISO's overview: totals, riskiest vendors, the last scan's changes, trends over scans. */
import type { Db } from "../db/types";
import { inventoryTotals, type InventoryTotals } from "../db/inventoryTotals";
import { cachedQuery } from "./inventoryCache";
import { runningScanProgress, type ScanProgressView } from "./scanProgress";
import { listVendors, type VendorRow } from "./vendors";

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

export interface Overview {
  totals: InventoryTotals;
  riskiest: VendorRow[];
  lastScan: ScanBrief | null;
  running: ScanProgressView | null;
  lastChanges: { id: number; kind: string; summary: string; party: string | null; accountId: string | null; roleArn: string | null }[];
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
    db.scan.findFirst({ where: { status: { notIn: ["running", "skipped"] } }, orderBy: { id: "desc" }, select: SCAN_BRIEF }),
    db.scan.findMany({ where: { status: { in: ["succeeded", "partial"] }, summary: { not: { equals: null } } }, orderBy: { id: "desc" }, take: 60, select: { id: true, startedAt: true, summary: true } }),
    db.account.findMany({ where: { removedScanId: null, staleSince: { not: null } }, orderBy: { staleSince: "asc" }, take: 10, select: { id: true, name: true, staleSince: true, lastError: true } }),
  ]);
  const lastChanges = lastScan
    ? await db.changeEvent.findMany({
        where: { scanId: lastScan.id },
        orderBy: { id: "asc" },
        take: 12,
        select: { id: true, kind: true, summary: true, party: true, accountId: true, roleArn: true },
      })
    : [];
  return {
    totals,
    riskiest: riskiest.rows.slice(0, 5),
    lastScan,
    lastChanges,
    trend: trendRows.reverse().map((s) => {
      const summary = s.summary as unknown as InventoryTotals;
      return { scanId: s.id, at: s.startedAt.toISOString(), vendors: summary.vendors, critical: summary.risk.critical, high: summary.risk.high, trusts: summary.trusts };
    }),
    staleAccounts: staleAccounts.map((a) => ({ ...a, staleSince: a.staleSince! })),
  };
}
