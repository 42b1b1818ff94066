import "@/testkit/fakeAws/sdkTestEnv";
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ActionCatalog } from "@/lib/analysis/actionCatalog";
import { AccountAnalyzer } from "@/lib/analysis/accountAnalyzer";
import { AnalysisRun } from "@/lib/analysis/analysisRun";
import { parseVendorList, VendorDirectory } from "@/lib/analysis/vendorList";
import type { AwsSettings } from "@/lib/aws/clients";
import { DEFAULT_MEMBER_ROLE } from "@/lib/aws/memberCredentials";
import { READ_ONLY_OPERATIONS } from "@/lib/aws/readOnlyOperations";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { readInputDocuments } from "@/lib/collect/inputFiles";
import { currentInventoryDocument } from "@/lib/db/inventoryDocument";
import { PermissionSummaries } from "@/lib/db/permissionSummaries";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { replaceKnownVendors, setUserMapping } from "@/lib/db/vendorStore";
import { runAwsScan } from "@/lib/scan/runners/inline";
import type { AwsScanOptions } from "@/lib/scan/sources/awsStart";
import { silentProgress, type ScanProgress } from "@/lib/scan/progress";
import { loadFixtureDirectory, startFakeAws, syntheticOrganization, type FakeAws, type FakeOrganization } from "@/testkit/fakeAws";
import { tableCounts, testDatabase } from "@/testkit/database";
import { sharedData } from "@/testkit/sharedData";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
const KNOWN = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
const PROD = "210000000002";
const STAGING = "210000000003";

const aws: AwsSettings = { region: "us-east-1", maxAttempts: 4, retryBaseMs: 5, callTimeoutMs: 1500 };
const options = (extra: Partial<AwsScanOptions> = {}): AwsScanOptions => ({ aws, memberRole: DEFAULT_MEMBER_ROLE, concurrency: 4, trigger: "test", ...extra });

let catalog: ActionCatalog;
let fake: FakeAws;
const savedEnv = { ...process.env };

async function startFake(organization: FakeOrganization | null, standalone?: Awaited<ReturnType<typeof loadFixtureDirectory>>["standaloneAccount"]) {
  await fake?.stop();
  fake = await startFakeAws({ organization, standaloneAccount: standalone });
  for (const [key, value] of Object.entries(fake.env())) {
    if (value === "") delete process.env[key];
    else process.env[key] = value;
  }
}

beforeAll(async () => {
  catalog = await loadActionCatalog();
  await startFake((await loadFixtureDirectory(ACME)).organization);
});
afterAll(async () => {
  await fake?.stop();
  process.env = savedEnv;
});

async function withStore<T>(work: (store: InventoryStore, db: Awaited<ReturnType<typeof testDatabase>>) => Promise<T>): Promise<T> {
  const db = await testDatabase("postgres");
  try {
    const store = await InventoryStore.open(db, catalog);
    await db.prisma.$transaction((tx) => replaceKnownVendors(tx, KNOWN, "test"));
    await setUserMapping(db.prisma, "888877776666", "Initech Consulting");
    return await work(store, db);
  } finally {
    await db.dispose();
  }
}

function recordingProgress() {
  const lines: string[] = [];
  const progress: ScanProgress = {
    started: (id, n) => lines.push(`started ${n}`),
    account: (id, outcome, detail) => lines.push(`${id} ${outcome} ${detail}`),
    notice: (m) => lines.push(`notice ${m}`),
    finished: (r) => lines.push(`finished ${r.status}`),
  };
  return { lines, progress };
}

describe("a live scan through the AWS SDK", () => {
  afterEach(() => fake.setFaults({}));

  it("reads every account in a few read-only calls and stores what analyze would say", async () => {
    await withStore(async (store, db) => {
      const result = await runAwsScan(store, options(), silentProgress);
      expect(result).toMatchObject({ status: "succeeded", accountsOk: 5, accountsFailed: 0 });

      const operations = new Set(fake.calls.map((c) => `${c.service}:${c.operation}`));
      expect([...operations].filter((op) => !READ_ONLY_OPERATIONS.includes(op))).toEqual([]);
      for (const id of ["210000000001", PROD, STAGING]) {
        const perAccount = fake.calls.filter((c) => c.accountId === id && c.service === "iam").length + fake.calls.filter((c) => c.operation === "AssumeRole" && JSON.stringify(c.params).includes(id)).length;
        expect(perAccount, id).toBeLessThanOrEqual(6);
      }

      const run = new AnalysisRun(new AccountAnalyzer(catalog));
      for await (const doc of readInputDocuments(ACME)) if ("value" in doc) run.add(doc.source, doc.value);
      const user = parseVendorList("- name: Initech Consulting\n  accounts: ['888877776666']\n", "user").entries;
      const analyzed = run.inventoryDocument({ vendors: new VendorDirectory(KNOWN, user), now: new Date() });
      const stored = await currentInventoryDocument(db.prisma, await PermissionSummaries.create(db.prisma, catalog));
      expect(stored.trusts).toEqual(analyzed.trusts);

      const scan = await db.prisma.scan.findUniqueOrThrow({ where: { id: result.id }, include: { accounts: true } });
      expect(scan.apiCalls).toBe(fake.calls.length);
      expect(scan.options).toEqual({
        roleName: "OrganizationAccountAccessRole",
        externalId: "none",
        concurrency: 4,
        region: "us-east-1",
        callerAccountId: "210000000001",
        partition: "aws",
        orgId: "o-acme1234567",
        members: ["210000000001", PROD, STAGING, "210000000004", "210000000005"],
        resources: { enabled: true, regions: null },
        // What the organization's Access Analyzer said, for workers of a queued scan (the fixture has none).
        // This organization has no Access Analyzer: the region read is not covered, so what it reported before would be kept.
        accessAnalyzer: { findings: {}, unread: [], uncovered: [{ region: "us-east-1", error: "no active organization analyzer" }] },
      });
      expect(await db.prisma.rawExport.count()).toBe(5);
    });
  });

  it("retries throttling and server errors, and still reads everything", async () => {
    await withStore(async (store) => {
      fake.setFaults({ throttle: { rate: 0.25 }, serverErrors: { operation: "GetAccountAuthorizationDetails", times: 3, status: 503 }, maxItemsCap: 3 });
      const { lines, progress } = recordingProgress();
      const result = await runAwsScan(store, options({ aws: { ...aws, maxAttempts: 10 } }), progress);
      expect(lines.filter((l) => l.includes(" failed "))).toEqual([]);
      expect(result).toMatchObject({ status: "succeeded", accountsOk: 5 });
      expect(fake.calls.filter((c) => c.status === 400 || c.status === 503).length).toBeGreaterThan(3);
    });
  });

  it("records a denied AssumeRole as a failed account, keeps its last inventory, and goes on", async () => {
    await withStore(async (store, db) => {
      await runAwsScan(store, options(), silentProgress);
      const before = await db.prisma.trust.count({ where: { accountId: PROD, removedScanId: null } });
      fake.setFaults({ denyAssumeRole: [PROD] });
      const { lines, progress } = recordingProgress();
      const result = await runAwsScan(store, options(), progress);
      expect(result).toMatchObject({ status: "partial", accountsOk: 4, accountsFailed: 1 });
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${PROD} failed AccessDenied: .*not authorized to perform: sts:AssumeRole`)));
      const account = await db.prisma.account.findUniqueOrThrow({ where: { id: PROD } });
      expect(account.lastError).toMatch(/^AccessDenied/);
      expect(account.staleSince).not.toBeNull();
      expect(await db.prisma.trust.count({ where: { accountId: PROD, removedScanId: null } })).toBe(before);
      expect(await db.prisma.changeEvent.count({ where: { scanId: result.id } })).toBe(0);
      const failed = await db.prisma.scanAccount.findUniqueOrThrow({ where: { scanId_accountId: { scanId: result.id, accountId: PROD } } });
      expect(failed).toMatchObject({ status: "failed", apiCalls: 1 });

      fake.setFaults({});
      await runAwsScan(store, options(), silentProgress);
      expect(await db.prisma.account.findUniqueOrThrow({ where: { id: PROD } })).toMatchObject({ lastError: null, staleSince: null });
    });
  });

  it("gives up on a call that hangs past the timeout, after the retries", async () => {
    await withStore(async (store) => {
      fake.setFaults({ hangMs: { operation: "GetAccountAuthorizationDetails", accountId: STAGING, ms: 5000 } });
      const { lines, progress } = recordingProgress();
      const result = await runAwsScan(store, options({ aws: { ...aws, maxAttempts: 2, callTimeoutMs: 300 } }), progress);
      expect(result).toMatchObject({ status: "partial", accountsOk: 4, accountsFailed: 1 });
      expect(lines.find((l) => l.startsWith(STAGING))).toMatch(/failed .*(timeout|Timeout)/);
    });
  });

  it("passes the ExternalId and role name given", async () => {
    await withStore(async (store) => {
      fake.setFaults({ assumableRoleNames: ["VendorscopeAudit"], requireExternalId: { [PROD]: "s3cret-ext" } });
      const result = await runAwsScan(store, options({ memberRole: { ...DEFAULT_MEMBER_ROLE, roleName: "VendorscopeAudit", externalId: "s3cret-ext" } }), silentProgress);
      expect(result.status).toBe("succeeded");
      const denied = await runAwsScan(store, options({ memberRole: { ...DEFAULT_MEMBER_ROLE, roleName: "VendorscopeAudit", externalId: "wrong" } }), silentProgress);
      expect(denied).toMatchObject({ status: "partial", accountsFailed: 1 });
    });
  });

  it("stops starting accounts when cancelled, keeps the finished ones and decides no removals", async () => {
    await withStore(async (store, db) => {
      await runAwsScan(store, options(), silentProgress);
      const controller = new AbortController();
      const { progress } = recordingProgress();
      const cancelling: ScanProgress = { ...progress, account: () => controller.abort() };
      await startFake({ ...(await loadFixtureDirectory(ACME)).organization!, accounts: (await loadFixtureDirectory(ACME)).organization!.accounts.slice(0, 4) });
      const result = await runAwsScan(store, options({ concurrency: 1, signal: controller.signal }), cancelling);
      expect(result).toMatchObject({ status: "cancelled", accountsOk: 1 });
      // The fifth account is gone from the listing, but a cancelled scan removes nothing.
      expect(await db.prisma.account.count({ where: { removedScanId: null } })).toBe(5);
      const after = await runAwsScan(store, options(), silentProgress);
      expect(after.status).toBe("succeeded");
      const removed = await db.prisma.changeEvent.findMany({ where: { scanId: after.id, kind: "ACCOUNT_REMOVED" } });
      expect(removed.map((e) => e.accountId)).toEqual(["210000000005"]);
      await startFake((await loadFixtureDirectory(ACME)).organization);
    });
  });

  it("scans the credentials' own account, saying why, without Organizations access", async () => {
    await withStore(async (store, db) => {
      fake.setFaults({ organizationsAccess: "denied" });
      const { lines, progress } = recordingProgress();
      const result = await runAwsScan(store, options(), progress);
      expect(result).toMatchObject({ status: "succeeded", accountsOk: 1 });
      expect(lines[0]).toMatch(/^notice Scanning only account 210000000001: Organizations is not readable with these credentials \(AccessDeniedException/);
      expect(await db.prisma.account.findMany({ select: { id: true } })).toEqual([{ id: "210000000001" }]);
    });
  });

  it("fails with a clear error when the credentials are refused", async () => {
    await withStore(async (store) => {
      process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:9"; // nothing listens there
      process.env.AWS_ENDPOINT_URL_STS = "http://127.0.0.1:9";
      process.env.AWS_ENDPOINT_URL_ORGANIZATIONS = "http://127.0.0.1:9";
      try {
        const result = await runAwsScan(store, options({ aws: { ...aws, maxAttempts: 1 } }), silentProgress);
        expect(result).toMatchObject({ status: "failed" });
        expect(result.error).toMatch(/^cannot start: .*ECONNREFUSED/);
      } finally {
        for (const [key, value] of Object.entries(fake.env())) if (value) process.env[key] = value;
      }
    });
  });
});

describe("history over rescans of a changing organization", () => {
  it("adds only scan records when nothing changed, and events matching the churn otherwise", async () => {
    const org = (generation: number) => syntheticOrganization({ accounts: 6, rolesPerAccount: 120, vendorShare: 0.1, generation, churnShare: 0.05 });
    await startFake(org(0));
    try {
      await withStore(async (store, db) => {
        expect((await runAwsScan(store, options(), silentProgress)).status).toBe("succeeded");
        const ouPaths = new Set((await db.prisma.account.findMany()).map((a) => a.ouPath));
        expect([...ouPaths].every((p) => p?.startsWith("Root"))).toBe(true);
        expect(ouPaths.size).toBeGreaterThan(1);
        const before = await tableCounts(db);
        const again = await runAwsScan(store, options(), silentProgress);
        expect(again.changes).toBe(0);
        expect(await tableCounts(db)).toEqual({ ...before, Scan: before.Scan! + 1, ScanAccount: before.ScanAccount! + 6 });

        await startFake(org(1));
        const changed = await runAwsScan(store, options(), silentProgress);
        expect(changed.status).toBe("succeeded");
        expect(changed.changes).toBeGreaterThan(0);
        const kinds = await db.prisma.changeEvent.groupBy({ by: ["kind"], where: { scanId: changed.id }, _count: true });
        expect(kinds.length).toBeGreaterThan(1);
      });
    } finally {
      await startFake((await loadFixtureDirectory(ACME)).organization);
    }
  });
});
