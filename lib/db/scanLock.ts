/**
 * Only one scan runs at a time per database. On PostgreSQL a session advisory lock, held on a
 * connection of its own for the whole scan, says so across processes and machines — and is
 * released by the server if the scanning process dies. An embedded PGlite database belongs
 * to one process, so an in-process flag is enough there.
 *
 * The lock is lost with its connection (a network blip, a restarted server, an administrator's
 * pg_terminate_backend): another scan may then take it. A scan asks `isHeld()` before each
 * write and at its finish, and stops as interrupted once it is not.
 */
import pg from "pg";
import type { Database } from "./client";

const SCAN_LOCK_KEY = 0x76656e64; // "vend"
const lockedPGlite = new WeakSet<object>();

export class ScanInProgressError extends Error {
  override name = "ScanInProgressError";
}

export interface ScanLock {
  /** Whether this process still holds the lock (PostgreSQL: its connection is alive and holds it). */
  isHeld(): Promise<boolean>;
  release(): Promise<void>;
}

export async function acquireScanLock(db: Database): Promise<ScanLock> {
  if (db.kind === "pglite") {
    if (lockedPGlite.has(db.pglite)) throw new ScanInProgressError("a scan is already running in this process");
    lockedPGlite.add(db.pglite);
    return { isHeld: async () => lockedPGlite.has(db.pglite), release: async () => void lockedPGlite.delete(db.pglite) };
  }
  const client = new pg.Client({ connectionString: db.url, application_name: "vendorscope-scan-lock" });
  await client.connect();
  const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [SCAN_LOCK_KEY]);
  if (!rows[0]?.locked) {
    await client.end();
    throw new ScanInProgressError("another scan is running on this database");
  }
  let lost = false;
  // A dropped lock connection is noticed by the scan at its next check (isHeld).
  client.on("error", () => (lost = true));
  client.on("end", () => (lost = true));
  const check = async () => {
    try {
      const held = await client.query<{ held: boolean }>(
        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objid = $1) AS held",
        [SCAN_LOCK_KEY],
      );
      return held.rows[0]?.held === true;
    } catch {
      lost = true;
      return false;
    }
  };
  // Writers ask concurrently; one question at a time on the lock's connection, shared by all who ask meanwhile.
  let asking: Promise<boolean> | null = null;
  return {
    async isHeld() {
      if (lost) return false;
      asking ??= check().finally(() => (asking = null));
      return asking;
    },
    release: async () => {
      await client.query("SELECT pg_advisory_unlock($1)", [SCAN_LOCK_KEY]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
