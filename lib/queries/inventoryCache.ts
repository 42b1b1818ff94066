/**
 * Query results that change only when the inventory does, kept in memory per database: the
 * overview, the vendor, trust, account and action-search lists (a page of each), a vendor's
 * page and the summary PDF.
 *
 * Every entry is keyed by the inventory's version: the latest settled scan (any scan that is no
 * longer running), how many accounts running scans have stored so far (each account is written
 * in one transaction with its ScanAccount row), and the user's vendor mappings (which name
 * vendors without a scan). One cheap query reads that version before each use, so a new scan,
 * an account stored by a running scan or a mapping change is seen by the very next request, in
 * this process or any other on the same database; entries of older versions are dropped.
 * Identical concurrent requests share one computation.
 */
import type { Db } from "../db/types";
import { PAGE_SIZE } from "./params";

const MAX_ENTRIES = 200;

interface Store {
  version: string;
  entries: Map<string, Promise<unknown>>;
}

const stores = new WeakMap<object, Store>();

/** Off for measuring the uncached paths (`VENDORSCOPE_QUERY_CACHE=off`, npm run bench:load). */
const enabled = () => process.env.VENDORSCOPE_QUERY_CACHE !== "off";

export async function inventoryVersion(db: Db): Promise<string> {
  const [row] = await db.$queryRaw<{ settled: number; stored: number; mappings: string }[]>`
    SELECT
      (SELECT coalesce(max(id), 0)::int FROM "Scan" WHERE "status" <> 'running') AS settled,
      (SELECT count(*)::int FROM "ScanAccount" a JOIN "Scan" s ON s.id = a."scanId" WHERE s."status" = 'running') AS stored,
      (SELECT count(*)::text || '/' || coalesce(sum("vendorId"), 0)::text || '/' || coalesce(max("updatedAt")::text, '') FROM "VendorAccount" WHERE "source" = 'user') AS mappings`;
  return `${row?.settled}:${row?.stored}:${row?.mappings}`;
}

/** `compute()`'s result for this inventory version and `key` (any JSON-able input), computed once. Callers must not mutate it. */
export async function cachedQuery<T>(db: Db, name: string, key: unknown, compute: () => Promise<T>): Promise<T> {
  if (!enabled()) return compute();
  const version = await inventoryVersion(db);
  let store = stores.get(db);
  if (!store || store.version !== version) {
    store = { version, entries: new Map() };
    stores.set(db, store);
  }
  const id = `${name}\u0000${JSON.stringify(key ?? null)}`;
  const hit = store.entries.get(id) as Promise<T> | undefined;
  if (hit) {
    // Most recently used last: the oldest entry goes first when full.
    store.entries.delete(id);
    store.entries.set(id, hit);
    return hit;
  }
  const entries = store.entries;
  const result = compute();
  entries.set(id, result);
  result.catch(() => entries.delete(id));
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return result;
}

/**
 * As cachedQuery, for one page of a list: a full listing (a CSV download asks for every row,
 * a pageSize beyond a page) is computed each time, not kept in memory.
 */
export function cachedPage<T>(db: Db, name: string, filters: { pageSize?: number }, compute: () => Promise<T>): Promise<T> {
  return (filters.pageSize ?? PAGE_SIZE) > PAGE_SIZE ? compute() : cachedQuery(db, name, filters, compute);
}
