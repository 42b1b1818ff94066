/**
 * How a live scan is run: "inline" — this process reads every account (the embedded database,
 * small organizations) — or "queue" — one pg-boss job per account for `vendorscope worker`
 * processes (PostgreSQL). VENDORSCOPE_EXECUTOR picks the default; VENDORSCOPE_CONCURRENCY how
 * many accounts are read at once by the scans the server and the schedule start.
 */
import { DEFAULT_AWS_SETTINGS } from "../../aws/clients";
import { configuredMemberRole } from "../../aws/memberCredentials";
import type { Database } from "../../db/client";
import { interruptStaleScans } from "../../db/scanLiveness";
import type { InventoryStore } from "../../db/inventoryStore";
import type { ScanResult } from "../../db/scanTypes";
import type { ScanProgress } from "../progress";
import type { AwsScanOptions } from "../sources/awsStart";
import { runAwsScan } from "./inline";
import { runQueuedScan } from "./queued";

export const DEFAULT_CONCURRENCY = 16;

/** Accounts read at once by scans nobody gave a number: VENDORSCOPE_CONCURRENCY, else the default. */
export function configuredConcurrency(): number {
  return Number(process.env.VENDORSCOPE_CONCURRENCY) || DEFAULT_CONCURRENCY;
}

/** A live scan as configured (member role and concurrency from the environment): "Scan now" and the schedule. */
export function configuredScanOptions(trigger: string, startedBy: string): AwsScanOptions {
  return {
    aws: DEFAULT_AWS_SETTINGS,
    memberRole: configuredMemberRole(),
    concurrency: configuredConcurrency(),
    trigger,
    startedBy,
  };
}

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

/**
 * Asks the running scan (or the given one) to stop; returns its id, or null when none runs —
 * also when the scan had lost its process (stale heartbeat): it is then interrupted here.
 */
export async function requestCancel(store: InventoryStore, scanId?: number): Promise<number | null> {
  await interruptStaleScans(store.prisma);
  const scan = await store.prisma.scan.findFirst({ where: { status: "running", ...(scanId ? { id: scanId } : {}) }, orderBy: { id: "desc" }, select: { id: true } });
  if (!scan) return null;
  const { count } = await store.prisma.scan.updateMany({ where: { id: scan.id, status: "running" }, data: { cancelRequested: true } });
  return count > 0 ? scan.id : null;
}
