/**
 * How a scan that ends on its own is judged, from how its run ended and its accounts' counts.
 * Removals (accounts that left the organization) and vendor appearances are decided only when
 * the scan was not cancelled, did not fail and read at least one account.
 */
import type { ScanTally } from "./scanTally";
import type { ScanOutcome, ScanStatus } from "./scanTypes";

/** Whether the finish decides removals and vendor appearances. */
export function decidesChanges(outcome: ScanOutcome, tally: ScanTally): boolean {
  return !outcome.cancelled && !outcome.error && tally.accountsOk > 0;
}

/**
 * Cancelled; failed (an error, or no account read); partial (an account failed, or some input
 * could not be read); else succeeded.
 */
export function finalStatus(outcome: ScanOutcome, tally: ScanTally): ScanStatus {
  return outcome.cancelled
    ? "cancelled"
    : outcome.error || tally.accountsOk === 0
      ? "failed"
      : tally.accountsFailed > 0 || outcome.incomplete
        ? "partial"
        : "succeeded";
}

/** The scan's error: the run's own, or that every account it tried failed. */
export function finalError(outcome: ScanOutcome, tally: ScanTally): string | null {
  return outcome.error ?? (tally.accountsOk === 0 && tally.accountsFailed > 0 ? "no account could be read" : null);
}
