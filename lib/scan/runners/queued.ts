/**
 * A live scan spread over worker processes (the "queue" executor). This process starts the
 * scan (lock, organization, members), sends one pg-boss job per account, follows the
 * accounts as workers save them, and runs the finishing step — removals and change events,
 * exactly as a single-process scan does — once every account is done. Cancelling cancels the
 * jobs not started yet and waits for those running.
 */
import type { InventoryStore } from "../../db/inventoryStore";
import type { ScanResult } from "../../db/scanTypes";
import { startAwsScan, type AwsScanOptions } from "../sources/awsStart";
import { endAfterError, finishScan } from "../finishScan";
import type { ScanProgress } from "../progress";
import { ACCOUNT_QUEUE, enqueueAccounts, openQueue, queueSettings } from "./accountQueue";

const POLL_MS = 500;
const JOB_CHECK_EVERY = 10;

export async function runQueuedScan(store: InventoryStore, options: AwsScanOptions, progress: ScanProgress): Promise<ScanResult> {
  if (store.db.kind !== "postgres") throw new Error("the queue executor needs PostgreSQL (DATABASE_URL)");
  const boss = await openQueue(store.db.url, queueSettings());
  try {
    const started = await startAwsScan(store, options, "queue", progress);
    if (!("session" in started)) return started;
    const { session, accounts } = started;
    try {
      const jobs = await enqueueAccounts(boss, session.id, accounts);
      const reported = new Set<string>();
      let cancelled = false;
      for (let round = 1; ; round++) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const done = await store.prisma.scanAccount.findMany({ where: { scanId: session.id, accountId: { notIn: [...reported] } }, select: { accountId: true, status: true, error: true, roles: true, trusts: true, changes: true } });
        for (const row of done) {
          reported.add(row.accountId);
          progress.account(row.accountId, row.status === "ok" ? "ok" : "failed", row.status === "ok" ? `${row.roles} roles, ${row.trusts} trusts, ${row.changes} changes` : (row.error ?? "failed"));
        }
        if (reported.size >= accounts.length || session.stopped) break;
        if (!cancelled && (options.signal?.aborted || (await session.cancelRequested()))) {
          cancelled = true;
          await boss.cancel(ACCOUNT_QUEUE, [...jobs.values()]);
        }
        if (cancelled || round % JOB_CHECK_EVERY === 0) {
          // Jobs that ended without saving their account: given up after the last retry, or cancelled.
          let running = 0;
          for (const [accountId, id] of jobs) {
            if (reported.has(accountId)) continue;
            const job = await boss.getJobById(ACCOUNT_QUEUE, id);
            if (!job || job.state === "completed") continue;
            if (job.state === "failed") {
              // A worker may have settled the account meanwhile (its lease had expired while it
              // worked): then its own outcome stands and the next poll reports it.
              const recorded = await session.failAccount(accountId, `the account's job failed after ${job.retryCount + 1} attempts: ${jobFailure(job.output)}`, { startedAt: job.startedOn ?? new Date(), durationMs: 0, apiCalls: 0 });
              if (recorded) {
                reported.add(accountId);
                progress.account(accountId, "failed", "job failed");
              }
            } else if (job.state === "active") running++;
          }
          if (cancelled && running === 0) break;
        }
      }
      return await finishScan(session, progress, { cancelled });
    } catch (error) {
      return await endAfterError(session, error, progress);
    }
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
  }
}

function jobFailure(output: unknown): string {
  const value = (output as { value?: { message?: string } } | null)?.value;
  return value?.message ?? (typeof output === "object" ? JSON.stringify(output) : String(output));
}
