/**
 * Only one scan runs at a time per database. On PostgreSQL a session advisory lock, held on a
 * connection of its own for the whole scan, says so across processes and machines — and is
 * released by the server if the scanning process dies. An embedded PGlite database belongs
 * to one process, so an in-process flag is enough there.
 */
import pg from "pg";
import type { Database } from "./client";

const SCAN_LOCK_KEY = 0x76656e64; // "vend"
const lockedPGlite = new WeakSet<object>();

export class ScanInProgressError extends Error {
  override name = "ScanInProgressError";
}

export interface ScanLock {
  release(): Promise<void>;
}

export async function acquireScanLock(db: Database): Promise<ScanLock> {
  if (db.kind === "pglite") {
    if (lockedPGlite.has(db.pglite)) throw new ScanInProgressError("a scan is already running in this process");
    lockedPGlite.add(db.pglite);
    return { release: async () => void lockedPGlite.delete(db.pglite) };
  }
  const client = new pg.Client({ connectionString: db.url, application_name: "vendorscope-scan-lock" });
  await client.connect();
  const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [SCAN_LOCK_KEY]);
  if (!rows[0]?.locked) {
    await client.end();
    throw new ScanInProgressError("another scan is running on this database");
  }
  client.on("error", () => {}); // a dropped lock connection surfaces when the scan writes next
  return {
    release: async () => {
      await client.query("SELECT pg_advisory_unlock($1)", [SCAN_LOCK_KEY]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
