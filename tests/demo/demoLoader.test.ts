import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { awsConfigured, demoSnapshots, isDemoLoaded, loadDemo, shiftDates } from "@/lib/demo/demoOrganization";
import { ImportDateError, importFiles } from "@/lib/scan/sources/fileImport";
import { silentProgress } from "@/lib/scan/progress";
import { testDatabase } from "@/testkit/database";

const NOW = new Date(Math.floor(Date.now() / 1000) * 1000 - 7 * 86_400_000);

describe("loading the demo organization", () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let store: InventoryStore;
  beforeAll(async () => {
    db = await testDatabase("pglite");
    store = await InventoryStore.open(db, await loadActionCatalog());
  });
  afterAll(() => db.dispose());

  it("imports each snapshot as a scan, dated like the snapshots with the newest an hour ago", async () => {
    expect(await isDemoLoaded(store)).toBe(false);
    const results = await loadDemo(store, { now: NOW });
    expect(results.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    const scans = await db.prisma.scan.findMany({ orderBy: { id: "asc" } });
    const snapshots = await demoSnapshots();
    const gap = (i: number) => snapshots[i]!.date.getTime() - snapshots[snapshots.length - 1]!.date.getTime();
    expect(scans.map((s) => s.startedAt.getTime() - NOW.getTime())).toEqual(snapshots.map((_, i) => gap(i) - 3_600_000));
    expect(scans.every((s) => s.trigger === "demo" && s.finishedAt! >= s.startedAt)).toBe(true);
    // What each scan changed is dated with it, so vendor histories read in order.
    const events = await db.prisma.changeEvent.findMany({ where: { scanId: scans[2]!.id } });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.createdAt.getTime() === scans[2]!.startedAt.getTime())).toBe(true);
    expect(await isDemoLoaded(store)).toBe(true);
  });

  it("names the demo's vendors and leaves its unknown accounts unnamed", async () => {
    const named = await db.prisma.vendor.findMany({ where: { accounts: { some: {} } }, select: { name: true } });
    expect(named.map((v) => v.name)).toEqual(expect.arrayContaining(["Northwind Monitoring", "Oscorp Deploy", "Cyberdyne MDR"]));
    expect(await db.prisma.trust.count({ where: { removedScanId: null, externalAccountId: "930417258863" } })).toBeGreaterThan(0);
  });

  it("refuses an import dated before the last scan: history runs forwards", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vs-asof-"));
    await expect(importFiles(store, dir, { trigger: "cli", asOf: new Date("2020-01-01T00:00:00Z") }, silentProgress)).rejects.toThrow(ImportDateError);
  });
});

describe("the demo's helpers", () => {
  it("moves every ISO timestamp in a text, keeping its style", () => {
    const day = 86_400_000;
    expect(shiftDates('{"CreateDate": "2026-01-01T00:00:00Z", "LastUsedDate": "2026-02-01T10:00:00+00:00"}', day)).toBe(
      '{"CreateDate": "2026-01-02T00:00:00Z", "LastUsedDate": "2026-02-02T10:00:00.000Z"}',
    );
    expect(shiftDates("user,arn,2026-03-01T00:00:00+00:00,N/A", -day)).toBe("user,arn,2026-02-28T00:00:00.000Z,N/A");
  });

  it("sees AWS configuration in the environment or in ~/.aws, and nothing else", () => {
    const home = mkdtempSync(join(tmpdir(), "vs-home-"));
    expect(awsConfigured({}, home)).toBe(false);
    expect(awsConfigured({ AWS_PROFILE: "prod" }, home)).toBe(true);
    expect(awsConfigured({ AWS_ACCESS_KEY_ID: "AKIA…" }, home)).toBe(true);
    mkdirSync(join(home, ".aws"));
    writeFileSync(join(home, ".aws", "config"), "[default]\nregion = eu-west-1\n");
    expect(awsConfigured({}, home)).toBe(true);
  });
});
