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
import { tableCounts, testDatabase, type DatabaseKind } from "@/testkit/database";
import { sharedData } from "@/testkit/sharedData";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
const KNOWN = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
const INITECH = "888877776666";

let catalog: ActionCatalog;
beforeAll(async () => {
  catalog = await loadActionCatalog();
});

/** What `vendorscope analyze` says of the same files, for comparison. */
async function analyze(path: string) {
  const run = new AnalysisRun(new AccountAnalyzer(catalog));
  for await (const doc of readInputDocuments(path)) if ("value" in doc) run.add(doc.source, doc.value);
  const user = parseVendorList(`- name: Initech Consulting\n  accounts: ['${INITECH}']\n`, "user").entries;
  return run.inventoryDocument({ vendors: new VendorDirectory(KNOWN, user), now: new Date() });
}

function copyOfAcme(): string {
  const dir = mkdtempSync(join(tmpdir(), "vendorscope-acme-"));
  cpSync(ACME, dir, { recursive: true });
  return dir;
}

function editExport(dir: string, file: string, edit: (doc: { RoleDetailList: Record<string, unknown>[] }) => void) {
  const path = join(dir, file);
  const doc = JSON.parse(readFileSync(path, "utf8"));
  edit(doc);
  writeFileSync(path, JSON.stringify(doc));
}

describe.each<DatabaseKind>(["pglite", "postgres"])("importing exported files into %s", (kind) => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let store: InventoryStore;
  const dirs: string[] = [];

  beforeAll(async () => {
    db = await testDatabase(kind);
    store = await InventoryStore.open(db, catalog);
    await db.prisma.$transaction((tx) => replaceKnownVendors(tx, KNOWN, "test"));
    await setUserMapping(db.prisma, INITECH, "Initech Consulting");
  });
  afterAll(async () => {
    await db?.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("stores the organization so that the export equals what analyze says", async () => {
    const result = await importFiles(store, ACME, { trigger: "test" }, silentProgress);
    expect(result).toMatchObject({ status: "succeeded", accountsOk: 4, accountsFailed: 0 });
    const stored = await currentInventoryDocument(db.prisma, await PermissionSummaries.create(db.prisma, catalog));
    const analyzed = await analyze(ACME);
    expect(stored.trusts).toEqual(analyzed.trusts);
    expect(stored.vendors).toEqual(analyzed.vendors);
    expect(stored.unknownAccounts).toEqual(analyzed.unknownAccounts);
    expect(stored.organization).toEqual(analyzed.organization);
    const events = await db.prisma.changeEvent.groupBy({ by: ["kind"], _count: true, orderBy: { kind: "asc" } });
    expect(Object.fromEntries(events.map((e) => [e.kind, e._count]))).toEqual({ ACCOUNT_ADDED: 5, TRUST_ADDED: 15, VENDOR_APPEARED: 9 });
  });

  it("adds only the scan's own records when nothing changed", async () => {
    const before = await tableCounts(db);
    const result = await importFiles(store, ACME, { trigger: "test" }, silentProgress);
    expect(result).toMatchObject({ status: "succeeded", changes: 0 });
    const after = await tableCounts(db);
    expect(after).toEqual({ ...before, Scan: before.Scan! + 1, ScanAccount: before.ScanAccount! + 4 });
  });

  it("records exactly the changes between two scans", async () => {
    const dir = copyOfAcme();
    dirs.push(dir);
    editExport(dir, "prod-authz.json", (doc) => {
      const byName = (name: string) => doc.RoleDetailList.find((r) => r.RoleName === name)!;
      // Datadog's ExternalId dropped; contractor-admin removed; a new vendor role added.
      const datadog = byName("DatadogAWSIntegrationRole") as { AssumeRolePolicyDocument: { Statement: { Condition?: unknown }[] } };
      delete datadog.AssumeRolePolicyDocument.Statement[0]!.Condition;
      doc.RoleDetailList = doc.RoleDetailList.filter((r) => r.RoleName !== "contractor-admin");
      doc.RoleDetailList.push({
        ...byName("old-partner"),
        RoleName: "new-vendor",
        RoleId: "AROANEWVENDOR0000001",
        Arn: "arn:aws:iam::210000000002:role/new-vendor",
        AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::454464851268:root" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "x-123" } } }] },
      });
    });
    const result = await importFiles(store, dir, { trigger: "test" }, silentProgress);
    expect(result.status).toBe("succeeded");
    const events = await db.prisma.changeEvent.findMany({ where: { scanId: result.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => `${e.kind} ${e.summary}`)).toEqual([
      "EXTERNAL_ID_CHANGED ExternalId required → missing: Datadog (464622532012) → 210000000002/DatadogAWSIntegrationRole",
      `FINDING_RAISED New finding "No ExternalId required": Datadog (464622532012) → 210000000002/DatadogAWSIntegrationRole`,
      "RISK_CHANGED Risk medium → high: Datadog (464622532012) → 210000000002/DatadogAWSIntegrationRole",
      "TRUST_REMOVED Initech Consulting (888877776666) can no longer assume 210000000002/contractor-admin",
      "TRUST_ADDED Cloudhealth (454464851268) can now assume 210000000002/new-vendor (low)",
      "VENDOR_DISAPPEARED Initech Consulting no longer has access to any account",
    ]);
    expect(result.changes).toBe(6);
    // The removed trust is kept as history, closed by this scan.
    const removed = await db.prisma.trust.findFirstOrThrow({ where: { vendorName: "Initech Consulting" } });
    expect(removed.removedScanId).toBe(result.id);
  });

  it("re-analyses stored exports after the user names an unknown account", async () => {
    await setUserMapping(db.prisma, "777766665555", "Acme Billing Partner");
    const result = await reanalyze(store, { trigger: "test" }, silentProgress);
    expect(result).toMatchObject({ status: "succeeded", accountsOk: 4 });
    const events = await db.prisma.changeEvent.findMany({ where: { scanId: result.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => `${e.kind} ${e.summary}`)).toEqual([
      "VENDOR_CHANGED Now attributed to Acme Billing Partner (777766665555) (was unknown account 777766665555): 210000000001/billing-export",
      `FINDING_RESOLVED Finding resolved "External account with no known owner": Acme Billing Partner (777766665555) → 210000000001/billing-export`,
      "RISK_CHANGED Risk critical → high: Acme Billing Partner (777766665555) → 210000000001/billing-export",
      // A rename: neither a new party with access nor access removed.
      "ATTRIBUTED Unknown account 777766665555 is now Acme Billing Partner",
    ]);
    const trust = await db.prisma.trust.findFirstOrThrow({ where: { externalAccountId: "777766665555", removedScanId: null } });
    expect(trust).toMatchObject({ vendorName: "Acme Billing Partner", risk: "high" });
    expect(trust.findings).not.toContain("UNKNOWN_VENDOR");
  });

  it("fails the account whose export is unreadable, marking it stale with its inventory kept, and is partial", async () => {
    const dir = copyOfAcme();
    dirs.push(dir);
    const staging = readFileSync(join(dir, "staging-authz.json"), "utf8");
    rmSync(join(dir, "staging-authz.json"));
    writeFileSync(join(dir, "210000000003.json"), staging.slice(0, 100));
    writeFileSync(join(dir, "nested.json"), `{"RoleDetailList": ${"[".repeat(5000)}${"]".repeat(5000)}}`);
    const trustsBefore = await db.prisma.trust.count({ where: { accountId: "210000000003", removedScanId: null } });
    expect(trustsBefore).toBeGreaterThan(0);

    const result = await importFiles(store, dir, { trigger: "test" }, silentProgress);
    expect(result).toMatchObject({ status: "partial", accountsOk: 3, accountsFailed: 1, error: null });
    const scan = await db.prisma.scan.findUniqueOrThrow({ where: { id: result.id }, include: { accounts: { where: { status: "failed" } } } });
    expect(scan.warnings).toEqual([
      expect.stringMatching(/210000000003\.json: not valid JSON: /),
      expect.stringMatching(/nested\.json: not read: JSON nested deeper than 64 levels/),
    ]);
    expect(scan.accounts).toEqual([expect.objectContaining({ accountId: "210000000003", error: expect.stringMatching(/210000000003\.json: not valid JSON/) })]);
    const account = await db.prisma.account.findUniqueOrThrow({ where: { id: "210000000003" } });
    expect(account.staleSince).toEqual(scan.startedAt);
    expect(account.lastError).toMatch(/not valid JSON/);
    expect(await db.prisma.trust.count({ where: { accountId: "210000000003", removedScanId: null } })).toBe(trustsBefore);

    // Read again: current, no longer stale.
    const healed = await importFiles(store, ACME, { trigger: "test" }, silentProgress);
    expect(healed.status).toBe("succeeded");
    expect(await db.prisma.account.findUniqueOrThrow({ where: { id: "210000000003" } })).toMatchObject({ staleSince: null, lastError: null });
  });

  it("fails cleanly on a directory with nothing to import, keeping the inventory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vendorscope-empty-"));
    dirs.push(dir);
    writeFileSync(join(dir, "notes.txt"), "nothing here");
    const before = await db.prisma.trust.count({ where: { removedScanId: null } });
    const result = await importFiles(store, dir, { trigger: "test" }, silentProgress);
    expect(result).toMatchObject({ status: "failed", error: `no account export could be read from ${dir}` });
    const scan = await db.prisma.scan.findUniqueOrThrow({ where: { id: result.id } });
    expect(scan.warnings).toEqual([expect.stringMatching(/notes\.txt: not valid JSON/)]);
    expect(await db.prisma.trust.count({ where: { removedScanId: null } })).toBe(before);
  });
});
