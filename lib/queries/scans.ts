/** Scan history and one scan's accounts and changes. */
import type { Db } from "../db/types";
import { REAL_SCANS } from "../history/attribution";
import type { InventoryTotals } from "../db/inventoryTotals";
import { PAGE_SIZE, type Paged } from "./params";
import { scanChanges } from "./scanChanges";

/** The scans (attribution passes are history, not scans: lib/history/attribution.ts). */
export async function listScans(db: Db, page = 1, pageSize = PAGE_SIZE): Promise<Paged<Awaited<ReturnType<typeof scanPage>>[number]>> {
  const [rows, total] = await Promise.all([scanPage(db, page, pageSize), db.scan.count({ where: REAL_SCANS })]);
  return { rows, total, page, pageSize };
}

function scanPage(db: Db, page: number, pageSize: number) {
  return db.scan.findMany({
    where: REAL_SCANS,
    orderBy: { id: "desc" },
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      status: true,
      trigger: true,
      source: true,
      startedBy: true,
      startedAt: true,
      finishedAt: true,
      accountsTotal: true,
      accountsOk: true,
      accountsFailed: true,
      apiCalls: true,
      changes: true,
      error: true,
    },
  });
}

export const EVENT_PAGE_SIZE = 200;

export async function scanDetail(db: Db, id: number, options: { kind?: string; page?: number; internal?: boolean } = {}) {
  // The stored options can hold the organization's Access Analyzer findings: not what a page shows.
  const scan = await db.scan.findUnique({ where: { id }, omit: { options: true } });
  if (!scan) return null;
  const page = options.page ?? 1;
  const [accounts, changes] = await Promise.all([
    db.scanAccount.findMany({ where: { scanId: id }, orderBy: [{ status: "asc" }, { accountId: "asc" }] }),
    scanChanges(db, id, { kind: options.kind, internal: options.internal, page, pageSize: EVENT_PAGE_SIZE }),
  ]);
  return {
    scan: { ...scan, summary: scan.summary as unknown as InventoryTotals | null },
    accounts,
    kinds: changes.kinds,
    events: changes.events,
    eventTotal: changes.total,
    internalHidden: changes.internalHidden,
    page,
    pageSize: EVENT_PAGE_SIZE,
  };
}
