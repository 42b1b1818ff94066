/**
 * A live scan reads the organization's SCPs and RCPs (read-only, from the management
 * account), applies them as `analyze` does to the same inputs, keeps them for re-analysis,
 * and without Organizations policy access says so once and keeps what it knew.
 */
import "@/testkit/fakeAws/sdkTestEnv";
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ActionCatalog } from "@/lib/analysis/actionCatalog";
import { AccountAnalyzer } from "@/lib/analysis/accountAnalyzer";
import { AnalysisRun } from "@/lib/analysis/analysisRun";
import { buildInventoryDocument } from "@/lib/analysis/analysisRecords";
import { parseVendorList, VendorDirectory } from "@/lib/analysis/vendorList";
import type { AwsSettings } from "@/lib/aws/clients";
import { DEFAULT_MEMBER_ROLE } from "@/lib/aws/memberCredentials";
import { READ_ONLY_OPERATIONS } from "@/lib/aws/readOnlyOperations";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { readInputDocuments } from "@/lib/collect/inputFiles";
import { loadGuardrails } from "@/lib/db/guardrailStore";
import { currentInventoryDocument } from "@/lib/db/inventoryDocument";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { PermissionSummaries } from "@/lib/db/permissionSummaries";
import { unpackExport } from "@/lib/db/rawExport";
import { replaceKnownVendors, setUserMapping } from "@/lib/db/vendorStore";
import { runAwsScan } from "@/lib/scan/runners/inline";
import { silentProgress } from "@/lib/scan/progress";
import { reanalyze } from "@/lib/scan/sources/reanalyze";
import { loadFixtureDirectory, startFakeAws, type FakeAws, type FakeOrganizationPolicy } from "@/testkit/fakeAws";
import { testDatabase } from "@/testkit/database";
import { sharedData } from "@/testkit/sharedData";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
const KNOWN = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
const ORG = "o-acme1234567";
const PROD = "210000000002";
const INITECH = "888877776666";
const aws: AwsSettings = { region: "us-east-1", maxAttempts: 2, retryBaseMs: 5, callTimeoutMs: 3000 };
const options = { aws, memberRole: DEFAULT_MEMBER_ROLE, concurrency: 4, trigger: "test", resources: { enabled: false, regions: null } };

const doc = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });
const POLICIES: FakeOrganizationPolicy[] = [
  { id: "p-FullAWSAccess", name: "FullAWSAccess", type: "SERVICE_CONTROL_POLICY", document: doc({ Effect: "Allow", Action: "*", Resource: "*" }), targets: ["root", "Workloads", "Workloads/Prod"] },
  { id: "p-denydestroy", name: "DenyDestruction", type: "SERVICE_CONTROL_POLICY", document: doc({ Effect: "Deny", Action: ["ec2:TerminateInstances", "rds:DeleteDBInstance"], Resource: "*" }), targets: ["Workloads"] },
  {
    id: "p-perimeter1",
    name: "OrgAndInitechOnly",
    type: "RESOURCE_CONTROL_POLICY",
    document: doc({
      Effect: "Deny",
      Principal: "*",
      Action: "sts:AssumeRole",
      Resource: "*",
      Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG, "aws:PrincipalAccount": [INITECH] }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
    }),
    targets: ["root"],
  },
];

let catalog: ActionCatalog;
let fake: FakeAws;
const savedEnv = { ...process.env };

beforeAll(async () => {
  catalog = await loadActionCatalog();
  const organization = (await loadFixtureDirectory(ACME)).organization!;
  organization.accounts = organization.accounts.map((a) => (a.id === PROD ? { ...a, ouPath: ["Workloads", "Prod"] } : a));
  // Every account not in an OU is attached FullAWSAccess directly, as AWS does.
  POLICIES[0]!.targets.push(...organization.accounts.map((a) => a.id));
  organization.policies = POLICIES;
  fake = await startFakeAws({ organization });
  for (const [key, value] of Object.entries(fake.env())) {
    if (value === "") delete process.env[key];
    else process.env[key] = value;
  }
});
afterAll(async () => {
  await fake?.stop();
  process.env = savedEnv;
});
afterEach(() => fake.setFaults({}));

async function withStore<T>(work: (store: InventoryStore, db: Awaited<ReturnType<typeof testDatabase>>) => Promise<T>): Promise<T> {
  const db = await testDatabase("postgres");
  try {
    const store = await InventoryStore.open(db, catalog);
    await db.prisma.$transaction((tx) => replaceKnownVendors(tx, KNOWN, "test"));
    await setUserMapping(db.prisma, INITECH, "Initech Consulting");
    return await work(store, db);
  } finally {
    await db.dispose();
  }
}

const stored = async (db: Awaited<ReturnType<typeof testDatabase>>) => currentInventoryDocument(db.prisma, await PermissionSummaries.create(db.prisma, catalog));
const trustOf = (inventory: Awaited<ReturnType<typeof stored>>, role: string) => inventory.trusts.find((t) => t.accountId === PROD && t.roleName === role)!;

describe("a live scan with the organization's guardrails", () => {
  it("reads the policies with read-only calls, blocks the vendor outside the perimeter and cuts the allowed one's actions, as analyze would", async () => {
    await withStore(async (store, db) => {
      const since = fake.calls.length;
      const result = await runAwsScan(store, options, silentProgress);
      expect(result).toMatchObject({ status: "succeeded", accountsFailed: 0 });
      const calls = fake.calls.slice(since);
      expect([...new Set(calls.map((c) => `${c.service}:${c.operation}`))].filter((op) => !READ_ONLY_OPERATIONS.includes(op))).toEqual([]);
      expect(calls.filter((c) => c.operation === "ListPolicies").map((c) => c.params.Filter).sort()).toEqual(["RESOURCE_CONTROL_POLICY", "SERVICE_CONTROL_POLICY"]);
      expect(calls.filter((c) => c.operation === "DescribePolicy")).toHaveLength(3);

      const inventory = await stored(db);
      const datadog = trustOf(inventory, "DatadogAWSIntegrationRole");
      expect(datadog.blockedBy).toEqual({ policyId: "p-perimeter1", name: "OrgAndInitechOnly", target: expect.stringMatching(/^r-/) });
      expect(datadog.risk).toBe("low");
      const contractor = trustOf(inventory, "contractor-admin");
      expect(contractor.blockedBy).toBeNull();
      expect(contractor.permissions.admin).toBe(false);
      expect(contractor.permissions.guardrails).toEqual([
        { policyId: "p-denydestroy", name: "DenyDestruction", type: "scp", target: expect.stringMatching(/^ou-/), removed: ["ec2:TerminateInstances", "rds:DeleteDBInstance"], mayRemove: [], conditionKeys: [] },
      ]);
      expect(contractor.permissions.destructive).not.toContain("ec2:TerminateInstances");
      // Other accounts are outside the Workloads OU: not cut.
      expect(inventory.trusts.filter((t) => t.accountId !== PROD).every((t) => t.permissions.guardrails.length === 0)).toBe(true);

      // What was stored is what `analyze` says of the exports and the guardrails the scan kept.
      const run = new AnalysisRun(new AccountAnalyzer(catalog));
      for await (const d of readInputDocuments(ACME)) if ("value" in d && d.source.includes("list-accounts")) run.add(d.source, d.value);
      for (const row of await db.prisma.rawExport.findMany()) run.add(`${row.accountId}-authz`, (await unpackExport(row)).authorizationDetails);
      const kept = (await loadGuardrails(db.prisma))!;
      expect(kept.scanId).toBe(result.id);
      const user = parseVendorList(`- name: Initech Consulting\n  accounts: ['${INITECH}']\n`, "user").entries;
      const analysed = run.inventoryDocument({ vendors: new VendorDirectory(KNOWN, user), now: new Date() });
      const withGuardrails = run.guardrails(kept.input)!;
      expect(withGuardrails.problems).toEqual([]);
      const judged = buildInventoryDocument(run.accountResults, [], { organization: run.organization, vendors: new VendorDirectory(KNOWN, user), now: new Date(), guardrails: withGuardrails });
      const shape = (trusts: typeof inventory.trusts) => trusts.map((t) => ({ role: t.roleName, principal: t.principal, blockedBy: t.blockedBy, risk: t.risk, guardrails: t.permissions.guardrails, fingerprint: t.permissions.fingerprint }));
      expect(shape(inventory.trusts)).toEqual(shape(judged.trusts));
      expect(shape(analysed.trusts)).not.toEqual(shape(judged.trusts)); // without them, it would say otherwise

      // Re-analysis applies the kept guardrails again: nothing changes.
      const again = await reanalyze(store, { trigger: "test" }, silentProgress);
      expect(again).toMatchObject({ status: "succeeded", changes: 0 });
      expect(shape((await stored(db)).trusts)).toEqual(shape(inventory.trusts));
    });
  });

  it("without Organizations policy access it says so once, keeps the guardrails read before, and with none before shows access before guardrails", async () => {
    await withStore(async (store, db) => {
      const first = await runAwsScan(store, options, silentProgress);
      fake.setFaults({ deny: [{ operation: "ListPolicies" }] });
      const second = await runAwsScan(store, options, silentProgress);
      expect(second).toMatchObject({ status: "succeeded", changes: 0 });
      const warnings = (await db.prisma.scan.findUniqueOrThrow({ where: { id: second.id } })).warnings.filter((w) => w.includes("Guardrails"));
      expect(warnings).toEqual([expect.stringContaining("Guardrails (SCPs and RCPs) not read: AccessDenied")]);
      expect((await loadGuardrails(db.prisma))!.scanId).toBe(first.id);
      expect(trustOf(await stored(db), "DatadogAWSIntegrationRole").blockedBy).not.toBeNull();
    });
    await withStore(async (store, db) => {
      fake.setFaults({ deny: [{ operation: "ListPolicies" }] });
      const result = await runAwsScan(store, options, silentProgress);
      expect(result).toMatchObject({ status: "succeeded" });
      const inventory = await stored(db);
      expect(trustOf(inventory, "DatadogAWSIntegrationRole").blockedBy).toBeNull();
      expect(trustOf(inventory, "contractor-admin").permissions.admin).toBe(true);
      expect(await loadGuardrails(db.prisma)).toBeNull();
    });
  });
});
