/**
 * Cached queries never show stale data: load, change the inventory (a new scan, a vendor
 * mapping, an account named from the dashboard), load again — the change is there. Unchanged,
 * a second load is the cached answer itself; a full listing (CSV) is never kept.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { parseVendorList } from "@/lib/analysis/vendorList";
import { replaceKnownVendors, setUserMapping } from "@/lib/db/vendorStore";
import { PermissionSummaries } from "@/lib/db/permissionSummaries";
import { listAccounts } from "@/lib/queries/accounts";
import { searchActions } from "@/lib/queries/actionSearch";
import { inventoryVersion } from "@/lib/queries/inventoryCache";
import { overview } from "@/lib/queries/overview";
import { listTrusts } from "@/lib/queries/trusts";
import { vendorDetail } from "@/lib/queries/vendorDetail";
import { listVendors } from "@/lib/queries/vendors";
import { reportPeriod } from "@/lib/reports/reportBasis";
import { organizationSummaryFile } from "@/lib/reports/reportFiles";
import { importFiles } from "@/lib/scan/sources/fileImport";
import { nameExternalAccount } from "@/lib/scan/nameAccount";
import { silentProgress } from "@/lib/scan/progress";
import { testDatabase } from "@/testkit/database";
import { pdfText } from "@/testkit/pdfText";
import { sharedData } from "@/testkit/sharedData";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
let db: Awaited<ReturnType<typeof testDatabase>>;
let store: InventoryStore;
let catalog: Awaited<ReturnType<typeof loadActionCatalog>>;

function acmeWithout(roleName: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), "vs-cache-"));
  cpSync(ACME, dir, { recursive: true });
  if (roleName) {
    const path = join(dir, "prod-authz.json");
    const prod = JSON.parse(readFileSync(path, "utf8"));
    prod.RoleDetailList = prod.RoleDetailList.filter((r: { RoleName: string }) => r.RoleName !== roleName);
    writeFileSync(path, JSON.stringify(prod));
  }
  return dir;
}

beforeAll(async () => {
  db = await testDatabase("pglite");
  catalog = await loadActionCatalog();
  store = await InventoryStore.open(db, catalog);
  const known = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
  await db.prisma.$transaction((tx) => replaceKnownVendors(tx, known, "test"));
  await importFiles(store, acmeWithout("legacy-ci"), { trigger: "test" }, silentProgress);
});
afterAll(() => db?.dispose());

describe("the inventory cache", () => {
  it("a new scan shows at once on the overview, the vendor list and the summary PDF", async () => {
    const before = await overview(db.prisma);
    const vendorsBefore = await listVendors(db.prisma, { sort: "risk" });
    const period = reportPeriod(null, null);
    const pdfBefore = await organizationSummaryFile(db.prisma, period);
    // Loaded twice without a change: the same answer (from the cache).
    expect(await overview(db.prisma)).toEqual(before);
    expect((await organizationSummaryFile(db.prisma, period)).body).toBe(pdfBefore.body);

    const scan = await importFiles(store, acmeWithout(null), { trigger: "test" }, silentProgress);
    const after = await overview(db.prisma);
    expect(after.lastScan?.id).toBe(scan.id);
    expect(after.totals.trusts).toBeGreaterThan(before.totals.trusts);
    expect(after.lastChanges.map((c) => c.summary).join("\n")).toContain("legacy-ci");
    const vendorsAfter = await listVendors(db.prisma, { sort: "risk" });
    expect(vendorsAfter.rows.find((v) => v.name === "GitHub Actions")!.trusts).toBeGreaterThan(vendorsBefore.rows.find((v) => v.name === "GitHub Actions")?.trusts ?? 0);
    const pdfAfter = await organizationSummaryFile(db.prisma, period);
    expect(pdfAfter.body).not.toBe(pdfBefore.body);
    expect((await pdfText(pdfAfter.body as Buffer)).text.replace(/\s+/g, "")).toContain(`scan#${scan.id}`);
  });

  it("a vendor mapping made without a scan shows at once", async () => {
    const version = await inventoryVersion(db.prisma);
    const before = await listVendors(db.prisma, { sort: "name" });
    const datadog = before.rows.find((v) => v.name === "Datadog")!;
    expect(datadog.source).toBe("known");
    // The user's own mapping of a vendor name the known list also has: only its source changes.
    await setUserMapping(db.prisma, datadog.externalAccounts[0]!, "Datadog");
    expect(await inventoryVersion(db.prisma)).not.toBe(version);
    const after = await listVendors(db.prisma, { sort: "name" });
    expect(after.rows.find((v) => v.name === "Datadog")!.source).toBe("user");
  });

  it("an unknown account named from the dashboard shows under its new name at once", async () => {
    const unknown = (await listVendors(db.prisma, { kind: "account", sort: "risk" })).rows[0]!;
    const accountId = unknown.externalAccounts[0]!;
    await nameExternalAccount(store, accountId, "Cache Test Vendor", null);
    const after = await listVendors(db.prisma, { sort: "risk" });
    expect(after.rows.map((v) => v.name)).toContain("Cache Test Vendor");
    expect(after.rows.map((v) => v.party)).not.toContain(unknown.party);
    expect((await overview(db.prisma)).totals.vendors).toBeGreaterThan(0);
  });

  it("identical concurrent loads share one computation and agree", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => listVendors(db.prisma, { sort: "trusts", page: 1 })));
    for (const r of results) expect(r).toBe(results[0]);
  });

  it("a scan that removes a role shows at once on the trust, account, action-search and vendor pages", async () => {
    const summaries = await PermissionSummaries.create(db.prisma, catalog);
    const PROD = "210000000002";
    const pages = () =>
      Promise.all([
        listTrusts(db.prisma, { q: "legacy-ci" }),
        listAccounts(db.prisma, { sort: "id" }),
        searchActions(db.prisma, catalog, { q: "s3:DeleteBucket" }),
        vendorDetail(db.prisma, summaries, "vendor:GitHub Actions", { trustPage: 1 }),
      ]);
    const [trusts, accounts, actions, github] = await pages();
    expect(trusts.total).toBe(1);
    expect(actions.rows.map((r) => r.roleName)).toContain("legacy-ci");
    expect(github!.trusts.map((t) => t.roleName)).toContain("legacy-ci");
    // Unchanged: the cached answers themselves. A full listing is computed anew each time.
    const again = await pages();
    for (const [i, page] of [trusts, accounts, actions, github].entries()) expect(again[i]).toBe(page);
    expect(await listTrusts(db.prisma, { pageSize: 100_000 })).not.toBe(await listTrusts(db.prisma, { pageSize: 100_000 }));

    await importFiles(store, acmeWithout("legacy-ci"), { trigger: "test" }, silentProgress);
    const [trustsAfter, accountsAfter, actionsAfter, githubAfter] = await pages();
    expect(trustsAfter.total).toBe(0);
    const prodTrusts = (rows: typeof accounts.rows) => rows.find((a) => a.id === PROD)!.trusts;
    expect(prodTrusts(accountsAfter.rows)).toBe(prodTrusts(accounts.rows) - 1);
    expect(actionsAfter.rows.map((r) => r.roleName)).not.toContain("legacy-ci");
    expect(actionsAfter.total).toBe(actions.total - 1);
    expect(githubAfter!.trusts.map((t) => t.roleName)).not.toContain("legacy-ci");
    expect(githubAfter!.trustTotal).toBe(github!.trustTotal - 1);
    expect(githubAfter!.history[0]!.summary).toContain("legacy-ci");
  });
});
