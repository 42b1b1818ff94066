import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionCatalog } from "@/lib/analysis/actionCatalog";
import { RiskLists } from "@/lib/analysis/riskLists";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { PermissionSummaries } from "@/lib/db/permissionSummaries";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { StoredExports } from "@/lib/db/storedExports";
import { roleDetail } from "@/lib/queries/roleDetail";
import { importFiles } from "@/lib/scan/sources/fileImport";
import { silentProgress } from "@/lib/scan/progress";
import { testDatabase, type DatabaseKind } from "@/testkit/database";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
const PROD = "210000000002";

describe.each<DatabaseKind>(["pglite", "postgres"])("a role's page on %s", (kind) => {
  let catalog: ActionCatalog;
  let risk: RiskLists;
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let store: InventoryStore;
  let summaries: PermissionSummaries;

  beforeAll(async () => {
    catalog = await loadActionCatalog();
    risk = new RiskLists(catalog);
    db = await testDatabase(kind);
    store = await InventoryStore.open(db, catalog);
    await importFiles(store, ACME, { trigger: "test" }, silentProgress);
    summaries = await PermissionSummaries.create(db.prisma, catalog);
  });
  afterAll(() => db?.dispose());

  const roleId = async (name: string) => (await db.prisma.role.findFirstOrThrow({ where: { accountId: PROD, name, removedScanId: null } })).id;

  it("shows the role, its trusts and each policy with the statements behind the findings", async () => {
    const detail = (await roleDetail(db.prisma, summaries, await roleId("contractor-admin"), risk, new StoredExports()))!;
    expect(detail.role).toMatchObject({ name: "contractor-admin", accountId: PROD, removed: false });
    expect(detail.trusts.map((t) => t.risk)).toEqual(["critical"]);
    expect(detail.trusts[0]!.findings).toEqual(expect.arrayContaining(["ADMIN_ACCESS", "NO_EXTERNAL_ID", "ROOT_PRINCIPAL"]));
    expect(detail.permissions.admin).toBe(true);
    expect(detail.policies.map((p) => [p.kind, p.name, p.error])).toEqual([
      ["trust", "Trust policy", null],
      ["managed", "arn:aws:iam::aws:policy/AdministratorAccess", null],
    ]);
    expect(detail.policies[0]!.notes[0]!.codes).toEqual(expect.arrayContaining(["ROOT_PRINCIPAL", "NO_EXTERNAL_ID"]));
    expect(detail.policies[1]!.notes[0]).toMatchObject({ statement: 0, codes: expect.arrayContaining(["ADMIN_ACCESS", "WRITE_ACCESS"]) });
    expect(detail.policies[1]!.notes[0]!.text).toMatch(/^grants every action on every resource/);
    expect(detail.exportedAt).toBeInstanceOf(Date);
  });

  it("names a statement as evidence of escalation or admin only when the role holds it after Denies and its boundary", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vs-role-evidence-"));
    cpSync(ACME, dir, { recursive: true });
    const path = join(dir, "prod-authz.json");
    const prod = JSON.parse(readFileSync(path, "utf8"));
    const base = prod.RoleDetailList.find((r: { RoleName: string }) => r.RoleName === "contractor-admin");
    const statement = (Effect: string, Action: string) => ({ Effect, Action, Resource: "*" });
    prod.RoleDetailList.push(
      {
        ...base,
        RoleName: "half-method",
        RoleId: "AROAHALFMETHOD000001",
        Arn: `arn:aws:iam::${PROD}:role/half-method`,
        AttachedManagedPolicies: [],
        // PassRole and RunInstances together would escalate, but RunInstances is denied.
        RolePolicyList: [{ PolicyName: "launch", PolicyDocument: { Version: "2012-10-17", Statement: [statement("Allow", "iam:PassRole"), statement("Allow", "ec2:RunInstances"), statement("Deny", "ec2:RunInstances")] } }],
      },
      {
        ...base,
        RoleName: "whole-method",
        RoleId: "AROAWHOLEMETHOD00001",
        Arn: `arn:aws:iam::${PROD}:role/whole-method`,
        AttachedManagedPolicies: [],
        RolePolicyList: [{ PolicyName: "launch", PolicyDocument: { Version: "2012-10-17", Statement: [statement("Allow", "iam:PassRole"), statement("Allow", "ec2:RunInstances")] } }],
      },
      { ...base, RoleName: "capped-admin", RoleId: "AROACAPPEDADMIN00001", Arn: `arn:aws:iam::${PROD}:role/capped-admin`, PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: `arn:aws:iam::${PROD}:policy/ReadOnlyBoundary` } },
    );
    prod.Policies.push({
      PolicyName: "ReadOnlyBoundary",
      Arn: `arn:aws:iam::${PROD}:policy/ReadOnlyBoundary`,
      DefaultVersionId: "v1",
      PolicyVersionList: [{ VersionId: "v1", IsDefaultVersion: true, Document: { Version: "2012-10-17", Statement: [statement("Allow", "s3:Get*")] } }],
    });
    writeFileSync(path, JSON.stringify(prod));
    await importFiles(store, dir, { trigger: "test" }, silentProgress);
    const notes = async (name: string) => (await roleDetail(db.prisma, summaries, await roleId(name), risk, new StoredExports()))!.policies.filter((p) => p.kind !== "trust").flatMap((p) => p.notes);

    expect((await notes("half-method")).flatMap((n) => n.codes)).not.toContain("PRIVILEGE_ESCALATION");
    const whole = await notes("whole-method");
    expect(whole.map((n) => [n.statement, n.codes.includes("PRIVILEGE_ESCALATION")])).toEqual([[0, true], [1, true]]);
    expect(whole[0]!.text).toContain("PassRole+RunInstances");

    const capped = await notes("capped-admin");
    expect(capped[0]!.codes).not.toContain("ADMIN_ACCESS");
    expect(capped[0]!.text).toContain(`every action on every resource, but the permissions boundary arn:aws:iam::${PROD}:policy/ReadOnlyBoundary caps it: the role is not an administrator`);
  });

  it("lists inline policies and the permissions boundary, which adds no notes", async () => {
    const detail = (await roleDetail(db.prisma, summaries, await roleId("github-deploy"), risk, new StoredExports()))!;
    expect(detail.policies.map((p) => [p.kind, p.name])).toEqual([
      ["trust", "Trust policy"],
      ["inline", "deploy"],
      ["boundary", "arn:aws:iam::210000000002:policy/DeployBoundary"],
    ]);
    expect(detail.policies[2]!.notes).toEqual([]);
    expect(detail.policies[1]!.document).toMatchObject({ Statement: expect.anything() });
  });

  it("parses an account's stored export once, and again only after a scan stores a different one", async () => {
    const exports = new StoredExports();
    const first = await roleDetail(db.prisma, summaries, await roleId("contractor-admin"), risk, exports);
    const again = await roleDetail(db.prisma, summaries, await roleId("DatadogAWSIntegrationRole"), risk, exports);
    expect(exports.parses).toBe(1);
    expect(again!.policies.map((p) => p.kind)).toEqual(["trust", "inline"]);
    expect(await roleDetail(db.prisma, summaries, await roleId("contractor-admin"), risk, exports)).toEqual(first);
    expect(exports.parses).toBe(1);

    // A later export where the contractor's role reads only: the page follows the new export.
    const later = mkdtempSync(join(tmpdir(), "vs-role-"));
    cpSync(ACME, later, { recursive: true });
    const path = join(later, "prod-authz.json");
    const prod = JSON.parse(readFileSync(path, "utf8"));
    const contractor = prod.RoleDetailList.find((r: { RoleName: string }) => r.RoleName === "contractor-admin");
    contractor.AttachedManagedPolicies = [];
    contractor.RolePolicyList = [{ PolicyName: "read", PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:Describe*", Resource: "*" }] } }];
    writeFileSync(path, JSON.stringify(prod));
    await importFiles(store, later, { trigger: "test" }, silentProgress);
    const changed = (await roleDetail(db.prisma, summaries, await roleId("contractor-admin"), risk, exports))!;
    expect(exports.parses).toBe(2);
    expect(changed.policies.map((p) => [p.kind, p.name])).toEqual([
      ["trust", "Trust policy"],
      ["inline", "read"],
    ]);
    expect(changed.permissions.admin).toBe(false);
  });

  it("shows only the trust policy when no export is stored, and nothing for an unknown role", async () => {
    const id = await roleId("old-partner");
    const stored = await db.prisma.rawExport.findUniqueOrThrow({ where: { accountId: PROD } });
    await db.prisma.rawExport.delete({ where: { accountId: PROD } });
    try {
      const detail = (await roleDetail(db.prisma, summaries, id, risk, new StoredExports()))!;
      expect(detail.policies.map((p) => p.kind)).toEqual(["trust"]);
      expect(detail.exportedAt).toBeNull();
    } finally {
      await db.prisma.rawExport.create({ data: stored });
    }
    expect(await roleDetail(db.prisma, summaries, 999_999, risk, new StoredExports())).toBeNull();
  });
});
