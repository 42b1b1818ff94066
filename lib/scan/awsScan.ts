/**
 * A live scan run in this process (the "inline" executor): every active member account is
 * read with bounded concurrency, analysed and saved; an account that can't be read is recorded
 * with its error and the scan goes on. Cancelling (signal, or a request stored on the scan)
 * stops new accounts from starting; finished ones are kept.
 */
import type { InventoryStore, ScanResult } from "../db/scanStore";
import { scanAccount } from "./accountScan";
import { startAwsScan, type AwsScanOptions } from "./awsScanStart";
import { forEachConcurrent, WriteLimiter, type ScanProgress } from "./progress";

export type { AwsScanOptions } from "./awsScanStart";

export const DEFAULT_CONCURRENCY = 16;

/** Accounts read at once by scans nobody gave a number: VENDORSCOPE_CONCURRENCY, else the default. */
export function configuredConcurrency(): number {
  return Number(process.env.VENDORSCOPE_CONCURRENCY) || DEFAULT_CONCURRENCY;
}
/** How often a running scan looks for a cancel request stored by another process. */
const CANCEL_POLL_MS = 2000;

export async function runAwsScan(store: InventoryStore, options: AwsScanOptions, progress: ScanProgress): Promise<ScanResult> {
  const started = await startAwsScan(store, options, "inline", progress);
  if (!("session" in started)) return started;
  const { session, accounts, context } = started;
  let cancelled = options.signal?.aborted === true;
  options.signal?.addEventListener("abort", () => (cancelled = true));
  const poll = setInterval(() => {
    void session.cancelRequested().then((requested) => (cancelled ||= requested), () => {});
  }, CANCEL_POLL_MS);
  try {
    // PGlite runs one transaction at a time anyway; PostgreSQL takes a few accounts at once.
    const ctx = { ...context, writer: session.writer, writes: new WriteLimiter(store.db.kind === "postgres" ? 4 : 1) };
    await forEachConcurrent(
      accounts,
      options.concurrency,
      async (accountId) => {
        const { outcome, detail } = await scanAccount(ctx, accountId);
        progress.account(accountId, outcome, detail);
      },
      () => cancelled,
    );
    const result = await session.finish({ cancelled: cancelled || (await session.cancelRequested()) });
    progress.finished(result);
    return result;
  } catch (error) {
    await session.finish({ error: (error as Error).message }).catch(() => {});
    throw error;
  } finally {
    clearInterval(poll);
  }
}
