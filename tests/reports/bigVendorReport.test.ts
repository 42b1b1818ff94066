import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { PermissionSummaries } from "@/lib/db/permissionSummaries";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { setUserMapping } from "@/lib/db/vendorStore";
import { reportPeriod } from "@/lib/reports/reportBasis";
import { vendorReportFile } from "@/lib/reports/reportFiles";
import { TRUST_PAGE_SIZE, vendorDetail } from "@/lib/queries/vendorDetail";
import { importFiles } from "@/lib/scan/sources/fileImport";
import { silentProgress } from "@/lib/scan/progress";
import { BIG_VENDOR, bigVendorRoleName, writeBigVendorExports } from "@/testkit/bigVendor";
import { testDatabase } from "@/testkit/database";
import { pdfText } from "@/testkit/pdfText";

const ACCOUNTS = 10;
const ROLES = 50;
let db: Awaited<ReturnType<typeof testDatabase>>;
let summaries: PermissionSummaries;

beforeAll(async () => {
  db = await testDatabase("pglite");
  const catalog = await loadActionCatalog();
  summaries = await PermissionSummaries.create(db.prisma, catalog);
  const store = await InventoryStore.open(db, catalog);
  await setUserMapping(db.prisma, BIG_VENDOR.accountId, BIG_VENDOR.name);
  for (const generation of [0, 1]) {
    const dir = mkdtempSync(join(tmpdir(), "vs-big-vendor-"));
    writeBigVendorExports(dir, { accounts: ACCOUNTS, rolesPerAccount: ROLES, generation });
    await importFiles(store, dir, { trigger: "test" }, silentProgress);
  }
}, 120_000);
afterAll(() => db?.dispose());

it("a vendor with 500 roles gets a complete review pack over many pages", async () => {
  const file = (await vendorReportFile(db.prisma, summaries, `vendor:${BIG_VENDOR.name}`, "pdf", reportPeriod()))!;
  const { pages } = await pdfText(file.body as Buffer);
  const flatPages = pages.map((p) => p.replace(/\s+/g, ""));
  const flat = flatPages.join("");

  expect(pages.length).toBeGreaterThan(10);
  pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
  // The access table runs over several pages and repeats its header on each.
  expect(flatPages.filter((p) => p.includes("Whocanassumeit,andhow")).length).toBeGreaterThan(5);

  const current = Array.from({ length: ACCOUNTS }, (_, a) => Array.from({ length: ROLES }, (_, r) => bigVendorRoleName(a, r))).flat();
  expect(current).toHaveLength(500);
  for (const role of current) expect(flat).toContain(role);
  expect(flat).toContain("500rolesin10ofouraccounts");

  // The roles the second scan no longer found are in the period's changes, as removals.
  for (let a = 0; a < ACCOUNTS; a++)
    for (const r of [ROLES, ROLES + 1]) expect(flat).toMatch(new RegExp(`TRUST_REMOVED.{0,120}${bigVendorRoleName(a, r)}`));
}, 60_000);

it("the vendor page shows its 500 trusts a page at a time, with totals, risk and findings over all of them", async () => {
  const party = `vendor:${BIG_VENDOR.name}`;
  const whole = (await vendorDetail(db.prisma, summaries, party))!;
  const pageCount = Math.ceil((ACCOUNTS * ROLES) / TRUST_PAGE_SIZE);
  const first = (await vendorDetail(db.prisma, summaries, party, { trustPage: 1 }))!;
  const last = (await vendorDetail(db.prisma, summaries, party, { trustPage: pageCount }))!;
  expect(whole.trusts).toHaveLength(ACCOUNTS * ROLES);
  expect(first.trusts).toHaveLength(TRUST_PAGE_SIZE);
  expect(first).toMatchObject({ trustTotal: ACCOUNTS * ROLES, accountCount: ACCOUNTS, risk: whole.risk, findings: whole.findings, services: whole.services });
  // Pages follow the whole list's order, without gaps or repeats.
  expect(pageCount).toBeGreaterThan(1);
  const pages = await Promise.all(Array.from({ length: pageCount }, (_, i) => vendorDetail(db.prisma, summaries, party, { trustPage: i + 1 })));
  expect(pages.flatMap((p) => p!.trusts.map((t) => t.id))).toEqual(whole.trusts.map((t) => t.id));
  expect(last.trusts.at(-1)!.id).toBe(whole.trusts.at(-1)!.id);
  expect((await vendorDetail(db.prisma, summaries, party, { trustPage: pageCount + 1 }))!.trusts).toEqual([]);
});
