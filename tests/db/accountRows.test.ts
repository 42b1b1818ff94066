/**
 * lib/db/accountRows: an account's current inventory read back from the database exactly as
 * the scan stored it, and an AccountDiff written into it: inserts, updates in place, and rows
 * that end are closed (kept for history), never deleted.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseVendorList } from "@/lib/analysis/vendorList";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { loadCurrentInventory, writeAccountDiff } from "@/lib/db/accountRows";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { replaceKnownVendors } from "@/lib/db/vendorStore";
import type { AccountDiff, CurrentInventory } from "@/lib/history/accountDiff";
import { importFiles } from "@/lib/scan/sources/fileImport";
import { silentProgress } from "@/lib/scan/progress";
import { testDatabase } from "@/testkit/database";
import { sharedData } from "@/testkit/sharedData";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
const PROD = "210000000002";
const MANAGEMENT = "210000000001";
const prodRole = (name: string) => `arn:aws:iam::${PROD}:role/${name}`;

let db: Awaited<ReturnType<typeof testDatabase>>;

const noChanges = (): AccountDiff => ({
  roles: { insert: [], update: [], close: [] },
  trusts: { insert: [], update: [], close: [] },
  resources: { insert: [], update: [], close: [] },
  users: { insert: [], update: [], close: [] },
  keys: { insert: [], update: [], close: [] },
  events: [],
});

async function newScan(): Promise<number> {
  return (await db.prisma.scan.create({ data: { status: "running", trigger: "test", source: "files" } })).id;
}

/** The permission set ids by fingerprint, as a scan passes them in. */
async function permissionSetIds(): Promise<Map<string, number>> {
  return new Map((await db.prisma.permissionSet.findMany({ select: { id: true, fingerprint: true } })).map((p) => [p.fingerprint, p.id]));
}

async function write(accountId: string, current: CurrentInventory, diff: AccountDiff): Promise<number> {
  const scanId = await newScan();
  const ids = await permissionSetIds();
  await db.prisma.$transaction((tx) => writeAccountDiff(tx, current, diff, { scanId, accountId, permissionSetIds: ids }));
  return scanId;
}

beforeAll(async () => {
  const catalog = await loadActionCatalog();
  db = await testDatabase("pglite");
  const known = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
  await db.prisma.$transaction((tx) => replaceKnownVendors(tx, known, "test"));
  await importFiles(await InventoryStore.open(db, catalog), ACME, { trigger: "test" }, silentProgress);
});
afterAll(() => db?.dispose());

describe("loading an account's current inventory", () => {
  it("reads every stored role, trust, user and key of the account, and only that account's", async () => {
    const prod = await loadCurrentInventory(db.prisma, PROD);
    expect(prod.roles.map((r) => r.row.name).sort()).toEqual(
      ["DatadogAWSIntegrationRole", "OrganizationAccountAccessRole", "contractor-admin", "github-deploy", "legacy-ci", "old-partner", "public-reports"].sort(),
    );
    const stored = await db.prisma.role.findMany({ where: { accountId: PROD, removedScanId: null }, select: { id: true } });
    expect(prod.roles.map((r) => r.id).sort()).toEqual(stored.map((r) => r.id).sort());
    expect(prod.roles.every((r) => r.row.arn.startsWith(`arn:aws:iam::${PROD}:`))).toBe(true);
    expect(prod.trusts.every((t) => t.row.roleArn.startsWith(`arn:aws:iam::${PROD}:`))).toBe(true);
    expect(prod.users).toEqual([]);
    const management = await loadCurrentInventory(db.prisma, MANAGEMENT);
    expect(management.users.map((u) => u.row.name)).toContain("ci-deployer");
    expect(await loadCurrentInventory(db.prisma, "999999999999")).toEqual({ roles: [], trusts: [], resources: [], users: [], keys: [] });
  });

  it("gives each row in the shape the diff compares: ISO dates, the role's permission fingerprint, the trust's role ARN", async () => {
    const prod = await loadCurrentInventory(db.prisma, PROD);
    const datadog = prod.roles.find((r) => r.row.name === "DatadogAWSIntegrationRole")!;
    expect(datadog.row.createDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(datadog.row.fingerprint).toMatch(/^[0-9a-f]{16,}$/);
    const stored = await db.prisma.role.findUniqueOrThrow({ where: { id: datadog.id }, include: { permissionSet: true } });
    expect(datadog.row.fingerprint).toBe(stored.permissionSet.fingerprint);
    const trust = prod.trusts.find((t) => t.row.roleArn === prodRole("DatadogAWSIntegrationRole"))!;
    expect(trust.row).toMatchObject({ externalAccountId: "464622532012", internal: false, externalId: "required" });
    expect(["critical", "high", "medium", "low"]).toContain(trust.row.risk);
  });
});

describe("writing an account's diff", () => {
  it("writes nothing for a diff without changes", async () => {
    const before = await loadCurrentInventory(db.prisma, PROD);
    await write(PROD, before, noChanges());
    expect(await loadCurrentInventory(db.prisma, PROD)).toEqual(before);
  });

  it("closes ended rows with the scan that ended them and keeps them in the database", async () => {
    const current = await loadCurrentInventory(db.prisma, PROD);
    const legacy = current.roles.find((r) => r.row.name === "legacy-ci")!;
    const legacyTrusts = current.trusts.filter((t) => t.row.roleArn === legacy.row.arn);
    expect(legacyTrusts.length).toBeGreaterThan(0);
    const diff = noChanges();
    diff.roles.close.push(legacy.id);
    diff.trusts.close.push(...legacyTrusts.map((t) => t.id));
    const scanId = await write(PROD, current, diff);

    const after = await loadCurrentInventory(db.prisma, PROD);
    expect(after.roles.map((r) => r.row.name)).not.toContain("legacy-ci");
    expect(after.trusts.filter((t) => t.row.roleArn === legacy.row.arn)).toEqual([]);
    expect(after.roles).toHaveLength(current.roles.length - 1);
    expect(await db.prisma.role.findUniqueOrThrow({ where: { id: legacy.id } })).toMatchObject({ name: "legacy-ci", removedScanId: scanId });
    for (const t of legacyTrusts) expect((await db.prisma.trust.findUniqueOrThrow({ where: { id: t.id } })).removedScanId).toBe(scanId);
  });

  it("updates rows in place, marking a changed role with the scan", async () => {
    const current = await loadCurrentInventory(db.prisma, PROD);
    const role = current.roles.find((r) => r.row.name === "github-deploy")!;
    const diff = noChanges();
    diff.roles.update.push({ id: role.id, row: { ...role.row, lastUsed: "2026-11-20T10:00:00.000Z", lastUsedRegion: "eu-west-1" } });
    const scanId = await write(PROD, current, diff);
    const after = (await loadCurrentInventory(db.prisma, PROD)).roles.find((r) => r.row.name === "github-deploy")!;
    expect(after.id).toBe(role.id);
    expect(after.row).toEqual({ ...role.row, lastUsed: "2026-11-20T10:00:00.000Z", lastUsedRegion: "eu-west-1" });
    expect((await db.prisma.role.findUniqueOrThrow({ where: { id: role.id } })).changedScanId).toBe(scanId);
  });

  it("inserts a trust on an existing role, and records its external account once", async () => {
    const current = await loadCurrentInventory(db.prisma, PROD);
    const template = current.trusts.find((t) => t.row.roleArn === prodRole("DatadogAWSIntegrationRole"))!.row;
    const newcomer = { ...template, principal: "arn:aws:iam::123456789012:root", externalAccountId: "123456789012", vendorName: null, party: "account:123456789012" };
    const diff = noChanges();
    diff.trusts.insert.push(newcomer);
    const scanId = await write(PROD, current, diff);

    const after = await loadCurrentInventory(db.prisma, PROD);
    expect(after.trusts.map((t) => t.row)).toContainEqual(newcomer);
    expect(await db.prisma.externalAccount.findUnique({ where: { id: "123456789012" } })).toMatchObject({ firstSeenScanId: scanId });
    const again = noChanges();
    again.trusts.insert.push({ ...newcomer, roleArn: prodRole("github-deploy") });
    await write(PROD, after, again);
    expect(await db.prisma.externalAccount.findUnique({ where: { id: "123456789012" } })).toMatchObject({ firstSeenScanId: scanId });
  });

  it("updates a user and closes an access key without touching the user's other rows", async () => {
    const current = await loadCurrentInventory(db.prisma, MANAGEMENT);
    const user = current.users.find((u) => u.row.name === "ci-deployer")!;
    const diff = noChanges();
    diff.users.update.push({ id: user.id, row: { ...user.row, tags: { team: "platform" } } });
    const keys = current.keys.filter((k) => k.userArn === user.row.arn);
    diff.keys.close.push(...keys.map((k) => k.id));
    await write(MANAGEMENT, current, diff);
    const after = await loadCurrentInventory(db.prisma, MANAGEMENT);
    expect(after.users.find((u) => u.id === user.id)!.row).toEqual({ ...user.row, tags: { team: "platform" } });
    expect(after.keys.filter((k) => k.userArn === user.row.arn)).toEqual([]);
    expect(after.roles).toEqual(current.roles);
  });
});
