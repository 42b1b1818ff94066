import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountAnalyzer } from "@/lib/analysis/accountAnalyzer";
import { AnalysisRun } from "@/lib/analysis/analysisRun";
import type { ActionCatalog } from "@/lib/analysis/actionCatalog";
import { parseVendorList, VendorDirectory } from "@/lib/analysis/vendorList";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { readInputDocuments } from "@/lib/collect/inputFiles";
import { currentInventoryDocument } from "@/lib/db/inventoryDocument";
import { PermissionSummaries } from "@/lib/db/permissionSummaries";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { replaceKnownVendors, setUserMapping } from "@/lib/db/vendorStore";
import { importFiles } from "@/lib/scan/sources/fileImport";
import { silentProgress } from "@/lib/scan/progress";
import { reanalyze } from "@/lib/scan/sources/reanalyze";
import { testDatabase, type DatabaseKind } from "@/testkit/database";
import { sharedData } from "@/testkit/sharedData";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
const KNOWN = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
const PROD = "210000000002";
const INITECH = "888877776666";
const STRANGER = "999988887777";
const SNAPSHOT = `arn:aws:ec2:eu-west-1:${PROD}:snapshot/snap-0abc`;

let catalog: ActionCatalog;
beforeAll(async () => {
  catalog = await loadActionCatalog();
});

const bucketPolicy = (actions: string[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${INITECH}:root` }, Action: actions, Resource: "arn:aws:s3:::acme-reports/*" }] });

/** The Acme exports, with a resource export of acme-prod unless `resources` is null. */
function acme(resources: { bucket: string[]; snapshotSharedWith: string[] } | null, extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "vendorscope-acme-resources-"));
  cpSync(ACME, dir, { recursive: true });
  if (resources) {
    writeFileSync(
      join(dir, "prod-resources.json"),
      JSON.stringify({
        AccountId: PROD,
        ResourcePolicies: [{ Service: "s3", Region: "eu-west-1", Arn: "arn:aws:s3:::acme-reports", Policy: bucketPolicy(resources.bucket) }],
        ResourceShares: [{ Service: "ebs-snapshot", Region: "eu-west-1", Arn: SNAPSHOT, SharedWith: resources.snapshotSharedWith }],
      }),
    );
  }
  for (const [file, value] of Object.entries(extra)) writeFileSync(join(dir, file), JSON.stringify(value));
  return dir;
}

async function analyze(path: string) {
  const run = new AnalysisRun(new AccountAnalyzer(catalog));
  for await (const doc of readInputDocuments(path)) if ("value" in doc) run.add(doc.source, doc.value);
  const user = parseVendorList(`- name: Initech Consulting\n  accounts: ['${INITECH}']\n`, "user").entries;
  return run.inventoryDocument({ vendors: new VendorDirectory(KNOWN, user), now: new Date() });
}

describe.each<DatabaseKind>(["pglite", "postgres"])("resource grants imported into %s", (kind) => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let store: InventoryStore;
  const dirs: string[] = [];
  const dir = (...args: Parameters<typeof acme>) => {
    const made = acme(...args);
    dirs.push(made);
    return made;
  };
  const stored = async () => currentInventoryDocument(db.prisma, await PermissionSummaries.create(db.prisma, catalog));
  const eventsOf = async (scanId: number) =>
    (await db.prisma.changeEvent.findMany({ where: { scanId, kind: { startsWith: "RESOURCE_" } }, orderBy: { id: "asc" } })).map((e) => `${e.kind} ${e.summary}`);

  beforeAll(async () => {
    db = await testDatabase(kind);
    store = await InventoryStore.open(db, catalog);
    await db.prisma.$transaction((tx) => replaceKnownVendors(tx, KNOWN, "test"));
    await setUserMapping(db.prisma, INITECH, "Initech Consulting");
  });
  afterAll(async () => {
    await db?.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("stores them so that the export equals what analyze says, each one a change", async () => {
    const path = dir({ bucket: ["s3:GetObject"], snapshotSharedWith: [STRANGER] });
    const result = await importFiles(store, path, { trigger: "test" }, silentProgress);
    expect(result).toMatchObject({ status: "succeeded", accountsOk: 4 });
    const [inventory, analyzed] = [await stored(), await analyze(path)];
    expect(inventory.resources).toHaveLength(2);
    expect(inventory.resources).toEqual(analyzed.resources);
    expect(inventory.vendors).toEqual(analyzed.vendors);
    expect(inventory.unknownAccounts).toEqual(analyzed.unknownAccounts);
    expect(await eventsOf(result.id)).toEqual([
      `RESOURCE_GRANTED Initech Consulting (${INITECH}) can now use s3 arn:aws:s3:::acme-reports (high)`,
      `RESOURCE_GRANTED unknown account ${STRANGER} can now use ebs-snapshot ${SNAPSHOT} (critical)`,
    ]);
    // A party reached only through a resource is a new party with access.
    expect(await db.prisma.changeEvent.count({ where: { scanId: result.id, kind: "VENDOR_APPEARED", party: `account:${STRANGER}` } })).toBe(1);
  });

  it("keeps the stored grants when a scan reads no resource export", async () => {
    const result = await importFiles(store, dir(null), { trigger: "test" }, silentProgress);
    expect(result).toMatchObject({ status: "succeeded", changes: 0 });
    expect((await stored()).resources).toHaveLength(2);
  });

  it("records a widened grant and a share that ended, keeping the ended one as history", async () => {
    const result = await importFiles(store, dir({ bucket: ["s3:GetObject", "s3:DeleteObject"], snapshotSharedWith: [] }), { trigger: "test" }, silentProgress);
    expect(await eventsOf(result.id)).toEqual([
      `RESOURCE_GRANT_CHANGED Initech Consulting (${INITECH}) on s3 arn:aws:s3:::acme-reports: now also s3:DeleteObject; can delete or destroy the resource or its data, can write to the resource`,
      `RESOURCE_REVOKED unknown account ${STRANGER} can no longer use ebs-snapshot ${SNAPSHOT}`,
    ]);
    expect(await db.prisma.changeEvent.count({ where: { scanId: result.id, kind: "VENDOR_DISAPPEARED", party: `account:${STRANGER}` } })).toBe(1);
    const ended = await db.prisma.resourceGrant.findFirstOrThrow({ where: { service: "ebs-snapshot" } });
    expect(ended.removedScanId).toBe(result.id);
    expect((await stored()).resources.map((r) => [r.service, r.actions])).toEqual([["s3", ["s3:DeleteObject", "s3:GetObject"]]]);
  });

  it("re-analyses the stored resource export after an unknown account is named", async () => {
    await importFiles(store, dir({ bucket: ["s3:GetObject"], snapshotSharedWith: [STRANGER] }), { trigger: "test" }, silentProgress);
    await setUserMapping(db.prisma, STRANGER, "Stranger Analytics");
    const result = await reanalyze(store, { trigger: "test" }, silentProgress);
    expect(result.status).toBe("succeeded");
    const snapshot = (await stored()).resources.find((r) => r.service === "ebs-snapshot")!;
    expect(snapshot).toMatchObject({ vendor: "Stranger Analytics", findings: ["DATA_ACCESS"], risk: "high" });
  });

  it("warns of a resource export whose account's authorization details are not in the input", async () => {
    const result = await importFiles(store, dir(null, { "other-resources.json": { AccountId: "210000000009", ResourceShares: [] } }), { trigger: "test" }, silentProgress);
    const scan = await db.prisma.scan.findUniqueOrThrow({ where: { id: result.id } });
    expect(scan.warnings).toContainEqual(expect.stringContaining("resources of 210000000009: a resource export without the account's authorization details export"));
  });
});
