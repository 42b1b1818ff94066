import { loadActionCatalog } from "../catalog/iamActions";
import { openDatabase, type Database } from "../db/client";
import { interruptStaleScans } from "../db/scanLiveness";
import { InventoryStore } from "../db/inventoryStore";

/**
 * Opens the database (DATABASE_URL, else the embedded one), migrated, for the length of `work`.
 * Every command that opens it first interrupts scans whose process died (stale heartbeat).
 */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    await interruptStaleScans(db.prisma);
    return await work(db);
  } finally {
    await db.close();
  }
}

export async function withInventoryStore<T>(work: (store: InventoryStore, db: Database) => Promise<T>): Promise<T> {
  const catalog = await loadActionCatalog();
  return withDatabase(async (db) => work(await InventoryStore.open(db, catalog), db));
}
