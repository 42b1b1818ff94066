/** The running scan's progress, for the live indicator (polled by the browser). */
import type { Db } from "../db/types";

export interface ScanProgressView {
  id: number;
  trigger: string;
  executor: string;
  startedAt: string;
  total: number;
  done: number;
  failed: number;
  /** Accounts per second so far. */
  rate: number;
  /** Seconds left at that rate, when it can be told. */
  etaSeconds: number | null;
  cancelRequested: boolean;
}

export async function runningScanProgress(db: Db, now = new Date()): Promise<ScanProgressView | null> {
  const scan = await db.scan.findFirst({ where: { status: "running" }, omit: { options: true }, orderBy: { id: "desc" } });
  if (!scan) return null;
  const counts = await db.scanAccount.groupBy({ by: ["status"], where: { scanId: scan.id }, _count: true });
  const done = counts.reduce((n, c) => n + c._count, 0);
  const failed = counts.find((c) => c.status === "failed")?._count ?? 0;
  const seconds = Math.max(1, (now.getTime() - scan.startedAt.getTime()) / 1000);
  const rate = done / seconds;
  return {
    id: scan.id,
    trigger: scan.trigger,
    executor: scan.executor,
    startedAt: scan.startedAt.toISOString(),
    total: scan.accountsTotal,
    done,
    failed,
    rate: Math.round(rate * 100) / 100,
    etaSeconds: rate > 0 && scan.accountsTotal > done ? Math.round((scan.accountsTotal - done) / rate) : null,
    cancelRequested: scan.cancelRequested,
  };
}
