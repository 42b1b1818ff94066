import { loadActionCatalog } from "../catalog/iamActions";
import { openDatabase, type Database } from "../db/client";
import { InventoryStore } from "../db/scanStore";

/** Opens the database (DATABASE_URL, else the embedded one), migrated, for the length of `work`. */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

export async function withInventoryStore<T>(work: (store: InventoryStore, db: Database) => Promise<T>): Promise<T> {
  const catalog = await loadActionCatalog();
  return withDatabase(async (db) => work(await InventoryStore.open(db, catalog), db));
}
