/** How a scan tells the outside world how it is going (CLI bar, log lines, dashboard). */
import type { ScanResult } from "../db/scanTypes";

export interface ScanProgress {
  /** The scan has a number and knows how many accounts it will read. */
  started(scanId: number, accounts: number): void;
  account(accountId: string, outcome: "ok" | "failed", detail: string): void;
  notice(message: string): void;
  finished(result: ScanResult): void;
}

export const silentProgress: ScanProgress = {
  started() {},
  account() {},
  notice() {},
  finished() {},
};

/** Runs `work` over `items` with at most `limit` at once; stops starting new ones once `stop()` says so. */
export async function forEachConcurrent<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** At most `limit` database writes at once from the concurrent account readers. */
export { Limiter as WriteLimiter } from "../concurrency";
