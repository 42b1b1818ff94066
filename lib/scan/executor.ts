/**
 * How a live scan is run: "inline" — this process reads every account (the embedded database,
 * small organizations) — or "queue" — one pg-boss job per account for `vendorscope worker`
 * processes (PostgreSQL). VENDORSCOPE_EXECUTOR picks the default.
 */
import type { Database } from "../db/client";
import type { InventoryStore, ScanResult } from "../db/scanStore";
import { runAwsScan, type AwsScanOptions } from "./awsScan";
import type { ScanProgress } from "./progress";
import { runQueuedScan } from "./queueScan";

export const EXECUTORS = ["inline", "queue"] as const;
export type ExecutorKind = (typeof EXECUTORS)[number];

export class ExecutorError extends Error {
  override name = "ExecutorError";
}

export function configuredExecutor(db: Database, requested: string | undefined = process.env.VENDORSCOPE_EXECUTOR): ExecutorKind {
  const kind = requested?.trim() || "inline";
  if (kind !== "inline" && kind !== "queue") throw new ExecutorError(`unknown executor "${kind}" (inline or queue)`);
  if (kind === "queue" && db.kind !== "postgres") throw new ExecutorError("the queue executor needs PostgreSQL: set DATABASE_URL");
  return kind;
}

export function runLiveScan(store: InventoryStore, kind: ExecutorKind, options: AwsScanOptions, progress: ScanProgress): Promise<ScanResult> {
  return kind === "queue" ? runQueuedScan(store, options, progress) : runAwsScan(store, options, progress);
}

/** Asks the running scan (or the given one) to stop; returns its id, or null when none runs. */
export async function requestCancel(store: InventoryStore, scanId?: number): Promise<number | null> {
  const scan = await store.prisma.scan.findFirst({ where: { status: "running", ...(scanId ? { id: scanId } : {}) }, orderBy: { id: "desc" }, select: { id: true } });
  if (!scan) return null;
  await store.prisma.scan.update({ where: { id: scan.id }, data: { cancelRequested: true } });
  return scan.id;
}
