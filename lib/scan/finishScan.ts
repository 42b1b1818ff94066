/** How every runner ends its scan: finished as its run ended, or after an error. */
import { ScanStoppedError } from "../db/scanLiveness";
import type { ScanSession } from "../db/scanSession";
import type { ScanOutcome, ScanResult } from "../db/scanTypes";
import type { ScanProgress } from "./progress";

/** Finishes the scan and tells the progress how it ended. */
export async function finishScan(session: Pick<ScanSession, "finish">, progress: ScanProgress, outcome?: ScanOutcome): Promise<ScanResult> {
  const result = await session.finish(outcome);
  progress.finished(result);
  return result;
}

/**
 * Ends the scan after its run threw. A scan that had to stop (ScanStoppedError: its lock lost,
 * or its status decided elsewhere) ends with the status already decided, and that is the
 * result — unless `rethrowStopped`, when it is handled as any other error. Any other error is
 * recorded as the scan's failure (if the database still lets it) and thrown again.
 */
export async function endAfterError(session: Pick<ScanSession, "finish">, error: unknown, progress: ScanProgress, options: { rethrowStopped?: boolean } = {}): Promise<ScanResult> {
  if (error instanceof ScanStoppedError && !options.rethrowStopped) return finishScan(session, progress);
  await session.finish({ error: (error as Error).message }).catch(() => {});
  throw error;
}
