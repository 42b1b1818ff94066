/**
 * `vendorscope worker`: takes account jobs of queued scans and runs them — read, analyze,
 * save — as the scanning process would. Idempotent: a job whose account is already saved for
 * its scan (a retry after a crash between saving and acknowledging) does nothing. Failures
 * are retried by the queue; the last attempt records the account as failed. Workers do not
 * beat for the scan: its heartbeat is the coordinating process's, so a queued scan whose
 * coordinator died goes stale and is interrupted, and its remaining jobs are skipped.
 */
import type PgBoss from "pg-boss";
import { AccountAnalyzer } from "../../analysis/accountAnalyzer";
import { ScanStoppedError } from "../../db/scanLiveness";
import type { InventoryStore } from "../../db/inventoryStore";
import { scanAccount, type AccountScanContext } from "../sources/awsAccount";
import { storedScanContext, type StoredScanOptions } from "../sources/awsStart";
import { WriteLimiter } from "../progress";
import { ResourceReadThreads } from "../../aws/resources/readerThreads";
import { ACCOUNT_QUEUE, openQueue, queueSettings, type AccountJob } from "./accountQueue";

export interface WorkerEvents {
  account(scanId: number, accountId: string, outcome: "ok" | "failed" | "retry" | "skipped", detail: string): void;
}

export interface RunningWorker {
  stop(): Promise<void>;
}

export async function startWorker(store: InventoryStore, concurrency: number, events: WorkerEvents): Promise<RunningWorker> {
  if (store.db.kind !== "postgres") throw new Error("workers need PostgreSQL (DATABASE_URL)");
  const boss: PgBoss = await openQueue(store.db.url, queueSettings());
  const analyzer = new AccountAnalyzer(store.catalog);
  const writes = new WriteLimiter(Math.max(1, Math.min(4, concurrency)));
  const contexts = new Map<number, Promise<AccountScanContext>>();
  // Started with the first scan that reads resources, for the worker's life.
  let resourceThreads: ResourceReadThreads | null | undefined;

  const contextFor = (scan: { id: number; startedAt: Date; options: unknown }) => {
    let ctx = contexts.get(scan.id);
    if (!ctx) {
      ctx = storedScanContext(store, scan.options as StoredScanOptions, analyzer).then((base) => {
        if (base.resources.enabled && resourceThreads === undefined) resourceThreads = ResourceReadThreads.open();
        return { ...base, writer: store.writerFor(scan), writes, resourceThreads };
      });
      ctx.catch(() => contexts.delete(scan.id));
      if (contexts.size > 20) contexts.clear();
      contexts.set(scan.id, ctx);
    }
    return ctx;
  };

  const handle = async (job: PgBoss.JobWithMetadata<AccountJob>) => {
    const { scanId, accountId } = job.data;
    const scan = await store.prisma.scan.findUnique({ where: { id: scanId }, select: { id: true, status: true, startedAt: true, options: true, cancelRequested: true } });
    if (!scan || scan.status !== "running" || scan.cancelRequested) {
      events.account(scanId, accountId, "skipped", scan ? `scan is ${scan.cancelRequested ? "cancelled" : scan.status}` : "no such scan");
      return;
    }
    if (await store.prisma.scanAccount.findUnique({ where: { scanId_accountId: { scanId, accountId } }, select: { status: true } })) {
      events.account(scanId, accountId, "skipped", "already saved");
      return;
    }
    const lastAttempt = job.retryCount >= job.retryLimit;
    try {
      const { outcome, detail } = await scanAccount(await contextFor(scan), accountId, { recordFailure: lastAttempt });
      events.account(scanId, accountId, outcome, detail);
    } catch (error) {
      if (error instanceof ScanStoppedError) {
        events.account(scanId, accountId, "skipped", error.message);
        return;
      }
      events.account(scanId, accountId, "retry", (error as Error).message);
      throw error;
    }
  };

  for (let i = 0; i < concurrency; i++) {
    await boss.work<AccountJob>(ACCOUNT_QUEUE, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job) await handle(job);
    });
  }
  return {
    stop: async () => {
      await boss.stop({ graceful: true, wait: true });
      await resourceThreads?.close();
    },
  };
}
