/** Scan history and one scan's accounts and changes. */
import type { Db } from "../db/types";
import type { InventoryTotals } from "../db/inventoryTotals";
import { PAGE_SIZE, type Paged } from "./params";

export async function listScans(db: Db, page = 1, pageSize = PAGE_SIZE): Promise<Paged<Awaited<ReturnType<typeof scanPage>>[number]>> {
  const [rows, total] = await Promise.all([scanPage(db, page, pageSize), db.scan.count()]);
  return { rows, total, page, pageSize };
}

function scanPage(db: Db, page: number, pageSize: number) {
  return db.scan.findMany({
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

export async function scanDetail(db: Db, id: number, options: { kind?: string; page?: number } = {}) {
  const scan = await db.scan.findUnique({ where: { id } });
  if (!scan) return null;
  const page = options.page ?? 1;
  const eventWhere = { scanId: id, ...(options.kind ? { kind: options.kind } : {}) };
  const [accounts, kinds, events, eventTotal] = await Promise.all([
    db.scanAccount.findMany({ where: { scanId: id }, orderBy: [{ status: "asc" }, { accountId: "asc" }] }),
    db.changeEvent.groupBy({ by: ["kind"], where: { scanId: id }, _count: true, orderBy: { kind: "asc" } }),
    db.changeEvent.findMany({ where: eventWhere, orderBy: { id: "asc" }, skip: (page - 1) * EVENT_PAGE_SIZE, take: EVENT_PAGE_SIZE }),
    db.changeEvent.count({ where: eventWhere }),
  ]);
  return {
    scan: { ...scan, summary: scan.summary as unknown as InventoryTotals | null },
    accounts,
    kinds: kinds.map((k) => ({ kind: k.kind, count: k._count })),
    events,
    eventTotal,
    page,
    pageSize: EVENT_PAGE_SIZE,
  };
}
