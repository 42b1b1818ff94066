/**
 * A live scan run in this process (the "inline" executor): every active member account is
 * read with bounded concurrency, analyzed and saved; an account that can't be read is recorded
 * with its error and the scan goes on. Cancelling (signal, or a request stored on the scan)
 * stops new accounts from starting; finished ones are kept. A scan that must stop (its lock
 * lost, or interrupted by someone else) ends with the status already decided.
 */
import type { InventoryStore } from "../../db/inventoryStore";
import type { ScanResult } from "../../db/scanTypes";
import { scanAccount } from "../sources/awsAccount";
import { startAwsScan, type AwsScanOptions } from "../sources/awsStart";
import { endAfterError, finishScan } from "../finishScan";
import { forEachConcurrent, WriteLimiter, type ScanProgress } from "../progress";
import { ResourceReadThreads } from "../../aws/resources/readerThreads";

/** How often a running scan looks for a cancel request stored by another process. */
const CANCEL_POLL_MS = 2000;

export async function runAwsScan(store: InventoryStore, options: AwsScanOptions, progress: ScanProgress): Promise<ScanResult> {
  const started = await startAwsScan(store, options, "inline", progress);
  if (!("session" in started)) return started;
  const { session, accounts, context } = started;
  let cancelled = options.signal?.aborted === true;
  options.signal?.addEventListener("abort", () => (cancelled = true));
  const resourceThreads = context.resources.enabled ? ResourceReadThreads.open() : null;
  const poll = setInterval(() => {
    void session.cancelRequested().then((requested) => (cancelled ||= requested), () => {});
  }, CANCEL_POLL_MS);
  try {
    // PGlite runs one transaction at a time anyway; PostgreSQL takes a few accounts at once.
    const ctx = { ...context, writer: session.writer, writes: new WriteLimiter(store.db.kind === "postgres" ? 4 : 1), resourceThreads };
    await forEachConcurrent(
      accounts,
      options.concurrency,
      async (accountId) => {
        const { outcome, detail } = await scanAccount(ctx, accountId);
        progress.account(accountId, outcome, detail);
      },
      () => cancelled || session.stopped,
    );
    return await finishScan(session, progress, { cancelled: cancelled || (await session.cancelRequested()) });
  } catch (error) {
    return await endAfterError(session, error, progress);
  } finally {
    clearInterval(poll);
    await resourceThreads?.close();
  }
}
