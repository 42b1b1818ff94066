import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionCatalog } from "@/lib/analysis/actionCatalog";
import { parseVendorList } from "@/lib/analysis/vendorList";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { PermissionSummaries } from "@/lib/db/permissionSummaries";
import { InventoryStore } from "@/lib/db/scanStore";
import { replaceKnownVendors, setUserMapping } from "@/lib/db/vendorStore";
import { listAccounts } from "@/lib/queries/accounts";
import { grantsFor, searchActions } from "@/lib/queries/actionSearch";
import { overview } from "@/lib/queries/overview";
import { scanDetail } from "@/lib/queries/scans";
import { listTrusts } from "@/lib/queries/trusts";
import { listUsersWithKeys } from "@/lib/queries/users";
import { vendorDetail } from "@/lib/queries/vendorDetail";
import { listVendors } from "@/lib/queries/vendors";
import { importFiles } from "@/lib/scan/fileImport";
import { silentProgress } from "@/lib/scan/progress";
import { testDatabase } from "../helpers/database";
import { sharedData } from "../helpers/sharedData";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
let catalog: ActionCatalog;
let db: Awaited<ReturnType<typeof testDatabase>>;
let secondScan: number;

beforeAll(async () => {
  catalog = await loadActionCatalog();
  db = await testDatabase("pglite");
  const store = await InventoryStore.open(db, catalog);
  const known = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
  await db.prisma.$transaction((tx) => replaceKnownVendors(tx, known, "test"));
  await setUserMapping(db.prisma, "888877776666", "Initech Consulting");
  // An earlier state without legacy-ci, then today's Acme with a vendor user holding a key.
  const earlier = mkdtempSync(join(tmpdir(), "vs-queries-"));
  cpSync(ACME, earlier, { recursive: true });
  const prodPath = join(earlier, "prod-authz.json");
  const prod = JSON.parse(readFileSync(prodPath, "utf8"));
  prod.RoleDetailList = prod.RoleDetailList.filter((r: { RoleName: string }) => r.RoleName !== "legacy-ci");
  writeFileSync(prodPath, JSON.stringify(prod));
  await importFiles(store, earlier, { trigger: "test" }, silentProgress);
  const today = mkdtempSync(join(tmpdir(), "vs-queries-"));
  cpSync(ACME, today, { recursive: true });
  const mgmtPath = join(today, "management-authz.json");
  const mgmt = JSON.parse(readFileSync(mgmtPath, "utf8"));
  mgmt.UserDetailList.push({ ...mgmt.UserDetailList[0], UserName: "acme-backup", Path: "/vendors/Acme Backup/", Arn: "arn:aws:iam::210000000001:user/vendors/Acme Backup/acme-backup" });
  writeFileSync(mgmtPath, JSON.stringify(mgmt));
  writeFileSync(
    join(today, "management-credential-report.csv"),
    [
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
      "ci-deployer,arn:aws:iam::210000000001:user/ci-deployer,2023-05-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2024-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
      "acme-backup,arn:aws:iam::210000000001:user/vendors/Acme Backup/acme-backup,2023-05-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2026-11-01T00:00:00+00:00,2026-11-26T00:00:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
    ].join("\n"),
  );
  secondScan = (await importFiles(store, today, { trigger: "test" }, silentProgress)).id;
});
afterAll(() => db?.dispose());

describe("vendors list", () => {
  it("lists every party with access, riskiest first", async () => {
    const result = await listVendors(db.prisma, {});
    expect(result.total).toBe(9);
    expect(result.rows.slice(0, 4).map((v) => v.risk)).toEqual(["critical", "critical", "critical", "critical"]);
    expect(result.rows.find((v) => v.name === "Initech Consulting")).toMatchObject({ source: "user", accounts: 1, trusts: 1, findings: ["ADMIN_ACCESS", "NO_EXTERNAL_ID", "ROOT_PRINCIPAL"] });
    expect(result.rows.find((v) => v.name === "GitHub Actions")).toMatchObject({ source: "identity provider", findings: ["OIDC_UNRESTRICTED"] });
    expect(result.rows.find((v) => v.name === "Datadog")).toMatchObject({ source: "known", accounts: 2, externalAccounts: ["464622532012"] });
  });

  it("filters by risk, finding, our account, kind and text, and pages", async () => {
    expect((await listVendors(db.prisma, { risk: "low" })).rows.map((v) => v.name).sort()).toEqual(["Cloudhealth", "Deleted principal AROA3XFRBF535PLBIFPI4", "Rackspace"]);
    expect((await listVendors(db.prisma, { finding: "WEAK_EXTERNAL_ID" })).rows.map((v) => v.name)).toEqual(["Datadog"]);
    expect((await listVendors(db.prisma, { account: "210000000003" })).rows.map((v) => v.name).sort()).toEqual(["Datadog", "Snyk"]);
    expect((await listVendors(db.prisma, { kind: "account" })).rows.map((v) => v.name)).toEqual(["Unknown account 777766665555"]);
    expect((await listVendors(db.prisma, { q: "7777" })).rows.map((v) => v.name).sort()).toEqual(["Initech Consulting", "Unknown account 777766665555"]);
    expect((await listVendors(db.prisma, { q: "datadog" })).rows.map((v) => v.name)).toEqual(["Datadog"]);
    expect((await listVendors(db.prisma, { q: "100%_" })).total).toBe(0);
    const page2 = await listVendors(db.prisma, { page: 2 });
    expect(page2).toMatchObject({ total: 9, page: 2, rows: [] });
  });

  it("sorts by name, ignoring the kind of party", async () => {
    const names = (await listVendors(db.prisma, { sort: "name" })).rows.map((v) => v.party.replace(/^[a-z]+:/, "").toLowerCase());
    expect(names).toEqual([...names].sort());
  });
});

describe("a vendor's page", () => {
  it("gathers where it gets in, what it can do, its findings and its history", async () => {
    const summaries = await PermissionSummaries.create(db.prisma, catalog);
    const datadog = (await vendorDetail(db.prisma, summaries, "vendor:Datadog"))!;
    expect(datadog.trusts.map((t) => [t.accountId, t.roleName, t.externalId, t.risk])).toEqual([
      ["210000000003", "DatadogAWSIntegrationRole", "weak", "high"],
      ["210000000002", "DatadogAWSIntegrationRole", "required", "medium"],
    ]);
    expect(datadog.services.map((s) => s.service)).toEqual(["ec2", "cloudwatch", "logs"]);
    expect(datadog.risky).toEqual({ privilegeEscalation: [], destructive: [], costImpact: [], dataAccess: ["logs:FilterLogEvents"] });
    expect(datadog.findings.map((f) => [f.code, f.trusts])).toEqual([
      ["ROOT_PRINCIPAL", 2],
      ["DATA_ACCESS", 2],
      ["WEAK_EXTERNAL_ID", 1],
    ]);
    expect(datadog.findings[0]!.remediation).toMatch(/Trust the vendor's specific role ARN/);
    expect(new Set(datadog.history.map((e) => e.kind))).toEqual(new Set(["TRUST_ADDED", "VENDOR_APPEARED"]));
    expect(await vendorDetail(db.prisma, summaries, "vendor:Nobody")).toBeNull();
  });

  it("keeps a vendor's history after its access is gone", async () => {
    const summaries = await PermissionSummaries.create(db.prisma, catalog);
    const github = (await vendorDetail(db.prisma, summaries, "vendor:GitHub Actions"))!;
    expect(github.history.map((e) => e.summary)).toContain("GitHub Actions can now assume 210000000002/legacy-ci (critical)");
  });
});

describe("trusts", () => {
  it("lists third-party trusts by default, and internal ones on request", async () => {
    expect((await listTrusts(db.prisma, {})).total).toBe(11);
    expect((await listTrusts(db.prisma, { scope: "internal" })).rows.map((t) => t.roleName).sort()).toEqual(["OrganizationAccountAccessRole", "OrganizationAccountAccessRole", "OrganizationAccountAccessRole", "org-readers"]);
    expect((await listTrusts(db.prisma, { q: "contractor" })).rows.map((t) => [t.roleName, t.partyName, t.risk])).toEqual([["contractor-admin", "Initech Consulting", "critical"]]);
    expect((await listTrusts(db.prisma, { finding: "DANGLING_PRINCIPAL" })).rows.map((t) => t.principal)).toEqual(["AROA3XFRBF535PLBIFPI4"]);
  });
});

describe("action search", () => {
  it("finds who can perform an exact action, and the policy that grants it", async () => {
    const result = await searchActions(db.prisma, catalog, { q: "ec2:TerminateInstances" });
    expect(result).toMatchObject({ matchedActions: 1, error: null });
    expect(result.rows.map((r) => [r.partyName, r.roleName])).toEqual([
      ["GitHub Actions", "legacy-ci"],
      ["Initech Consulting", "contractor-admin"],
    ]);
    expect(result.rows.find((r) => r.roleName === "contractor-admin")!.grantedBy).toEqual([{ policy: "arn:aws:iam::aws:policy/AdministratorAccess", statement: 0, sid: null }]);
  });

  it("expands wildcards and services, and filters by access level", async () => {
    const wildcard = await searchActions(db.prisma, catalog, { q: "s3:Get*" });
    expect(wildcard.matchedActions).toBeGreaterThan(30);
    expect(new Set(wildcard.rows.map((r) => r.partyName))).toEqual(new Set(["GitHub Actions", "Initech Consulting", "Anyone (public trust)", "Unknown account 777766665555", "Snyk", "Rackspace"]));
    const logsRead = await searchActions(db.prisma, catalog, { q: "logs", level: "Read" });
    expect(logsRead.rows.map((r) => r.partyName)).toContain("Datadog");
    const internal = await searchActions(db.prisma, catalog, { q: "iam:CreateAccessKey", scope: "internal" });
    expect(internal.rows.map((r) => r.roleName)).toEqual(["OrganizationAccountAccessRole", "OrganizationAccountAccessRole", "OrganizationAccountAccessRole"]);
  });

  it("says what is wrong with a bad query instead of matching nothing", async () => {
    expect((await searchActions(db.prisma, catalog, { q: "drop table" })).error).toMatch(/is not an action pattern/);
    expect((await searchActions(db.prisma, catalog, { q: "s3:NoSuchAction" })).error).toBe("no AWS action is called s3:NoSuchAction");
  });

  it("reads NotAction grants as everything but those", () => {
    const grants = [{ policy: "PowerUser", statement: 0, sid: null, actions: null, notActions: ["iam:*"], resources: ["*"], notResources: null, conditional: false }];
    expect(grantsFor(grants, ["ec2:TerminateInstances"])).toHaveLength(1);
    expect(grantsFor(grants, ["iam:CreateUser"])).toHaveLength(0);
  });
});

describe("IAM users with keys", () => {
  it("attributes users by tag, path and the admin's choice, and filters by key state", async () => {
    const now = new Date("2026-11-27T00:00:00Z");
    const all = await listUsersWithKeys(db.prisma, { now });
    expect(all.rows.map((u) => [u.name, u.vendor, u.attributedBy])).toEqual([
      ["acme-backup", "Acme Backup", "path"],
      ["ci-deployer", null, null],
    ]);
    expect((await listUsersWithKeys(db.prisma, { now, state: "never-used" })).rows.map((u) => u.name)).toEqual(["ci-deployer"]);
    expect((await listUsersWithKeys(db.prisma, { now, state: "older-than-90d" })).rows.map((u) => u.name)).toEqual(["ci-deployer"]);
    await db.prisma.userAttribution.create({ data: { userArn: "arn:aws:iam::210000000001:user/ci-deployer", vendorName: "Globex" } });
    expect((await listUsersWithKeys(db.prisma, { now, attribution: "unattributed" })).total).toBe(0);
  });
});

describe("overview, accounts and scans", () => {
  it("totals, trend over scans and the last scan's changes", async () => {
    const data = await overview(db.prisma);
    expect(data.totals).toMatchObject({ vendors: 9, externalAccounts: 6, trusts: 11, risk: { critical: 4, high: 2, medium: 2, low: 3 }, usersWithKeys: 2, accounts: 5 });
    expect(data.trend.map((p) => p.critical)).toEqual([3, 4]);
    expect(data.lastScan?.id).toBe(secondScan);
    expect(data.lastChanges.map((e) => e.kind)).toContain("TRUST_ADDED");
    expect(data.riskiest).toHaveLength(5);
  });

  it("accounts with their worst risk; the one never exported is 'never read'", async () => {
    const accounts = await listAccounts(db.prisma, {});
    expect(accounts.rows[0]).toMatchObject({ id: "210000000002", risk: "critical" });
    expect((await listAccounts(db.prisma, { state: "never" })).rows.map((a) => a.id)).toEqual(["210000000005"]);
  });

  it("a scan's changes grouped by kind", async () => {
    const detail = (await scanDetail(db.prisma, secondScan))!;
    expect(detail.kinds.map((k) => k.kind)).toEqual(["KEY_CREATED", "TRUST_ADDED"]);
    expect((await scanDetail(db.prisma, secondScan, { kind: "TRUST_ADDED" }))!.events.map((e) => e.summary)).toEqual(["GitHub Actions can now assume 210000000002/legacy-ci (critical)"]);
  });
});
