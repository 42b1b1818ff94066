/**
 * The words a scan is described in, shared by the store, the session, the account writer and
 * every runner: how a scan starts, what is recorded per account, and how it ended.
 */
export type ScanSource = "aws" | "files" | "stored";
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
  roles: number;
  users: number;
  rawExport?: { gzip: Uint8Array; sha256: string; credentialReport: Uint8Array | null };
  /** Problems that did not stop the account (a missing credential report, bad policies). */
  warnings?: string[];
}

export interface ScanResult {
  id: number;
  status: ScanStatus;
  error: string | null;
  accountsOk: number;
  accountsFailed: number;
  changes: number;
  apiCalls: number;
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
}
