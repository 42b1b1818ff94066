/**
 * The words a scan is described in, shared by the store, the session, the account writer and
 * every runner: how a scan starts, what is recorded per account, and how it ended.
 */
/**
 * Where a scan's inventory came from. "attribution" is not a scan of anything: someone named
 * who holds access (an unknown account's vendor), and the stored exports were judged again.
 * It is history (renames), never "the last scan" (lib/history/attribution.ts).
 */
export type ScanSource = "aws" | "files" | "stored" | "attribution";
export type ScanStatus = "running" | "succeeded" | "partial" | "failed" | "interrupted" | "cancelled";

export interface ScanStart {
  trigger: string;
  source: ScanSource;
  executor?: "inline" | "queue";
  startedBy?: string | null;
  /** Settings worth recording; never credentials or ExternalIds. */
  options?: Record<string, unknown>;
}

export interface MemberAccountInfo {
  id: string;
  name: string | null;
  email: string | null;
  status: string | null;
  ouPath: string | null;
}

export interface AccountMeta {
  startedAt: Date;
  durationMs: number;
  apiCalls: number;
  /** Service → calls, when counted by service. */
  apiCallsByService?: Record<string, number>;
  roles: number;
  users: number;
  rawExport?: { gzip: Uint8Array; sha256: string; credentialReport: Uint8Array | null };
  /** Problems that did not stop the account (a missing credential report, bad policies). */
  warnings?: string[];
  /**
   * Judged again from its stored export (re-analysis, attribution): nothing was read, so the
   * account's freshness — last read, last error, stale since — stays as its last real scan left it.
   */
  fromStoredExport?: boolean;
}

export interface ScanResult {
  id: number;
  status: ScanStatus;
  error: string | null;
  accountsOk: number;
  accountsFailed: number;
  changes: number;
  apiCalls: number;
  /** Service → calls over the scan. */
  apiCallsByService: Record<string, number>;
  durationMs: number;
}

/**
 * How a scan's run ended, as its runner tells the finish. `incomplete`: some input could not
 * be read, so the scan is partial even when every account it knows of was read.
 */
export interface ScanOutcome {
  error?: string;
  cancelled?: boolean;
  warnings?: string[];
  incomplete?: boolean;
  /** An attribution pass in which someone (or null: nobody recorded) named a party: its renames say who. */
  namedBy?: string | null;
}
