/**
 * The web server's database: opened once per process (and kept across hot reloads in
 * development), migrated on first use. Pages and route handlers get it from here.
 */
import { loadActionCatalog } from "../catalog/iamActions";
import { openDatabase, type Database } from "./client";
import { PermissionSummaries } from "./permissionSummaries";
import { InventoryStore } from "./inventoryStore";

const KEY = Symbol.for("vendorscope.database");
type Holder = { [KEY]?: Promise<Database> };

export function serverDatabase(): Promise<Database> {
  const holder = globalThis as Holder;
  holder[KEY] ??= openDatabase().catch((error: unknown) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}

export async function prisma() {
  return (await serverDatabase()).prisma;
}

const STORE = Symbol.for("vendorscope.store");
type StoreHolder = { [STORE]?: Promise<InventoryStore> };

/** The inventory store, for the few actions that write (naming a vendor re-analyzes accounts). */
export function serverStore(): Promise<InventoryStore> {
  const holder = globalThis as StoreHolder;
  holder[STORE] ??= Promise.all([serverDatabase(), loadActionCatalog()]).then(([db, catalog]) => InventoryStore.open(db, catalog));
  return holder[STORE];
}

const SUMMARIES = Symbol.for("vendorscope.permissionSummaries");
type SummariesHolder = { [SUMMARIES]?: Promise<PermissionSummaries> };

/** Rebuilds permission summaries from stored action bits (cached: permission sets never change). */
export function serverSummaries(): Promise<PermissionSummaries> {
  const holder = globalThis as SummariesHolder;
  holder[SUMMARIES] ??= Promise.all([serverDatabase(), loadActionCatalog()]).then(([db, catalog]) => PermissionSummaries.create(db.prisma, catalog));
  return holder[SUMMARIES];
}
