/**
 * Each account's latest stored raw export, read back as the analysis reads an export. Parsing
 * a large export takes a while, so parsed exports are kept by content (sha256) in a small
 * LRU: a reader asks only for the digest, and reads, unpacks and parses the export again
 * only when a scan stored a different one.
 */
import { isAuthorizationDetails, readAuthorizationDetails, type AccountSnapshot } from "../analysis/authorizationDetails";
import { unpackExport } from "./rawExport";
import type { Db } from "./types";

export interface StoredExport {
  accountId: string;
  sha256: string;
  capturedAt: Date;
  /** Null when what is stored is not an authorization-details export. */
  snapshot: AccountSnapshot | null;
}

export class StoredExports {
  /** Parsed snapshots by account and sha256, least recently used first. */
  private readonly parsed = new Map<string, AccountSnapshot | null>();
  /** How many exports were read and parsed (a cache miss each), for tests and benchmarks. */
  parses = 0;

  constructor(private readonly capacity = 4) {}

  async latest(db: Db, accountId: string): Promise<StoredExport | null> {
    const digest = await db.rawExport.findUnique({ where: { accountId }, select: { sha256: true, capturedAt: true } });
    if (!digest) return null;
    const key = `${accountId}:${digest.sha256}`;
    if (this.parsed.has(key)) {
      const snapshot = this.parsed.get(key)!;
      this.remember(key, snapshot);
      return { accountId, ...digest, snapshot };
    }
    // Read again with the content: a scan may have replaced the export since the digest.
    const row = await db.rawExport.findUnique({ where: { accountId }, select: { sha256: true, capturedAt: true, authorizationDetails: true } });
    if (!row) return null;
    this.parses++;
    const { authorizationDetails } = await unpackExport({ authorizationDetails: row.authorizationDetails, credentialReport: null });
    const snapshot = isAuthorizationDetails(authorizationDetails) ? readAuthorizationDetails(authorizationDetails, accountId) : null;
    this.remember(`${accountId}:${row.sha256}`, snapshot);
    return { accountId, sha256: row.sha256, capturedAt: row.capturedAt, snapshot };
  }

  private remember(key: string, snapshot: AccountSnapshot | null): void {
    this.parsed.delete(key);
    this.parsed.set(key, snapshot);
    while (this.parsed.size > this.capacity) this.parsed.delete(this.parsed.keys().next().value!);
  }
}
