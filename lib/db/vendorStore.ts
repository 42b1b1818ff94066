/**
 * Vendors in the database: the known-accounts list (replaced as a whole by `vendors update`)
 * and the user's own mappings (which win), read back as a VendorDirectory for analysis.
 */
import { VendorDirectory, type VendorEntry, type VendorSource } from "../analysis/vendorList";
import type { Db } from "./types";

export const VENDOR_LIST_SETTING = "vendorList";

export interface VendorListMeta {
  source: string;
  updatedAt: string;
  accounts: number;
}

export async function loadVendorDirectory(db: Db): Promise<VendorDirectory> {
  const rows = await db.vendorAccount.findMany({ include: { vendor: { select: { name: true, type: true } } } });
  const entries = (source: VendorSource): VendorEntry[] =>
    rows
      .filter((r) => r.source === source)
      .map((r) => ({ accountId: r.accountId, name: r.vendor.name, type: r.vendor.type === "aws" ? "aws" : "vendor", source }));
  return new VendorDirectory(entries("known"), entries("user"));
}

async function vendorIds(db: Db, entries: readonly VendorEntry[]): Promise<Map<string, number>> {
  const names = [...new Map(entries.map((e) => [e.name, e.type])).entries()];
  await db.vendor.createMany({ data: names.map(([name, type]) => ({ name, type })), skipDuplicates: true });
  const rows = await db.vendor.findMany({ where: { name: { in: names.map(([n]) => n) } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** Replaces the known-accounts list; the user's mappings are untouched. */
export async function replaceKnownVendors(db: Db, entries: readonly VendorEntry[], source: string): Promise<VendorListMeta> {
  const ids = await vendorIds(db, entries);
  const first = new Map<string, VendorEntry>();
  for (const e of entries) if (!first.has(e.accountId)) first.set(e.accountId, e);
  await db.vendorAccount.deleteMany({ where: { source: "known" } });
  await db.vendorAccount.createMany({
    data: [...first.values()].map((e) => ({ accountId: e.accountId, source: "known", vendorId: ids.get(e.name)! })),
  });
  const meta: VendorListMeta = { source, updatedAt: new Date().toISOString(), accounts: first.size };
  await db.setting.upsert({ where: { key: VENDOR_LIST_SETTING }, create: { key: VENDOR_LIST_SETTING, value: { ...meta } }, update: { value: { ...meta } } });
  return meta;
}

/** Records (or replaces) the user's own name for an AWS account. */
export async function setUserMapping(db: Db, accountId: string, name: string): Promise<void> {
  const ids = await vendorIds(db, [{ accountId, name, type: "vendor", source: "user" }]);
  const vendorId = ids.get(name)!;
  await db.vendorAccount.upsert({
    where: { accountId_source: { accountId, source: "user" } },
    create: { accountId, source: "user", vendorId },
    update: { vendorId },
  });
}

export async function vendorListMeta(db: Db): Promise<VendorListMeta | null> {
  const row = await db.setting.findUnique({ where: { key: VENDOR_LIST_SETTING } });
  return row ? (row.value as unknown as VendorListMeta) : null;
}
