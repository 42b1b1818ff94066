/**
 * Whether a `running` scan is still alive. The process that runs a scan (for a queued scan:
 * the coordinating process, not its workers) writes the scan's heartbeat every 15 s; a scan
 * whose heartbeat is older than the timeout has lost its process (killed, crashed, machine
 * gone) and is interrupted by whoever looks next — server start, scheduler tick, any CLI
 * command, the Scans page and its progress API, Scan now, Cancel — all through
 * `interruptStaleScans`. Interrupting keeps the accounts the scan finished and decides
 * nothing else: no removals, no vendor events.
 *
 * A scan's status is written only while it is `running` (conditional updates): once decided
 * — interrupted by a look like this one, cancelled, finished — it is never overwritten.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { scanTally } from "./scanTally";
import type { Db } from "./types";

export const HEARTBEAT_TIMEOUT_ENV = "VENDORSCOPE_SCAN_HEARTBEAT_TIMEOUT_SECONDS";
export const DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = 60;
const HEARTBEAT_EVERY_MS = 15_000;

export const SCAN_PROCESS_STOPPED = "the scanning process stopped before the scan finished";
export const SCAN_LOCK_LOST = "the scan lost its database lock (its connection was dropped), so another scan could start: stopped";

/** How long a running scan may go without a heartbeat: VENDORSCOPE_SCAN_HEARTBEAT_TIMEOUT_SECONDS, default 60 s. */
export function heartbeatTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const seconds = Number(env[HEARTBEAT_TIMEOUT_ENV]);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_HEARTBEAT_TIMEOUT_SECONDS) * 1000;
}

/** How often a running scan beats: every 15 s, or four times per timeout when that is shorter. */
export function heartbeatIntervalMs(timeoutMs: number = heartbeatTimeoutMs()): number {
  return Math.max(50, Math.min(HEARTBEAT_EVERY_MS, Math.floor(timeoutMs / 4)));
}

/** A scan that must not write any more: interrupted, cancelled or finished elsewhere, or its lock lost. */
export class ScanStoppedError extends Error {
  override name = "ScanStoppedError";
}

/**
 * The one check: interrupts every running scan whose heartbeat (or, before its first beat,
 * its start) is older than the timeout. Returns the ids interrupted. Cheap when nothing runs.
 */
export async function interruptStaleScans(db: Db, now: Date = new Date(), timeoutMs: number = heartbeatTimeoutMs()): Promise<number[]> {
  const cutoff = new Date(now.getTime() - timeoutMs);
  const stale: Prisma.ScanWhereInput = { OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null, startedAt: { lt: cutoff } }] };
  return markInterrupted(db, stale, `${SCAN_PROCESS_STOPPED} (no heartbeat for ${Math.round(timeoutMs / 1000)} s)`);
}

/**
 * Marks the running scans matching `where` interrupted, with the counts of the accounts they
 * finished (those stay saved). Conditional: a scan decided meanwhile is left as it is.
 */
export async function markInterrupted(db: Db, where: Prisma.ScanWhereInput, error: string): Promise<number[]> {
  const candidates = await db.scan.findMany({ where: { AND: [{ status: "running" }, where] }, select: { id: true } });
  const interrupted: number[] = [];
  for (const { id } of candidates) {
    const tally = await scanTally(db, id);
    const finishedAt = new Date();
    const { count } = await db.scan.updateMany({
      where: { AND: [{ id, status: "running" }, where] },
      data: { status: "interrupted", finishedAt, error, ...tally },
    });
    if (count > 0) interrupted.push(id);
  }
  return interrupted;
}

/**
 * Inside a write transaction: the scan must still be running, and stays so until the
 * transaction ends (a share lock on its row: concurrent account writes go on together, while
 * a status change waits for them). Throws ScanStoppedError otherwise.
 */
export async function assertScanRunning(tx: Prisma.TransactionClient, scanId: number): Promise<void> {
  const rows = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Scan" WHERE id = ${scanId} FOR SHARE`;
  const status = rows[0]?.status;
  if (status !== "running") throw new ScanStoppedError(`scan #${scanId} is ${status ?? "gone"}: nothing more is written to it`);
}
