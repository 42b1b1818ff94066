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
import { InventoryStore } from "@/lib/db/inventoryStore";
import { PermissionSummaries } from "@/lib/db/permissionSummaries";
import { unpackExport } from "@/lib/db/rawExport";
import { replaceKnownVendors, setUserMapping } from "@/lib/db/vendorStore";
import { runAwsScan } from "@/lib/scan/runners/inline";
import { silentProgress } from "@/lib/scan/progress";
import type { AwsScanOptions } from "@/lib/scan/sources/awsStart";
import { loadFixtureDirectory, startFakeAws, type FakeAccount, type FakeAnalyzer, type FakeAws, type FakeResources } from "@/testkit/fakeAws";
import { testDatabase } from "@/testkit/database";
import { sharedData } from "@/testkit/sharedData";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
const KNOWN = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
const ORG = "o-acme1234567";
const PROD = "210000000002";
const STAGING = "210000000003";
const INITECH = "888877776666";
const STRANGER = "999988887777";

const aws: AwsSettings = { region: "us-east-1", maxAttempts: 4, retryBaseMs: 5, callTimeoutMs: 3000 };
const options = (extra: Partial<AwsScanOptions> = {}): AwsScanOptions => ({ aws, memberRole: DEFAULT_MEMBER_ROLE, concurrency: 4, trigger: "test", ...extra });

function policy(statements: Record<string, unknown>[]) {
  return { Version: "2012-10-17", Statement: statements };
}
const allow = (principal: unknown, action: string | string[], resource: string, condition?: Record<string, unknown>) => ({
  Effect: "Allow",
  Principal: principal,
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});

/** Acme prod: something of every kind, in two regions. */
function prodResources(queuePolicy: unknown): FakeResources {
  return {
    buckets: [
      { name: "acme-reports", region: "us-east-1", policy: policy([allow({ AWS: `arn:aws:iam::${INITECH}:root` }, "s3:GetObject", "arn:aws:s3:::acme-reports/*")]) },
      { name: "acme-public-site", region: "eu-west-1", policy: policy([allow("*", "s3:GetObject", "arn:aws:s3:::acme-public-site/*")]) },
      { name: "acme-logs", region: "us-east-1" },
    ],
    keys: [
      { id: "1234abcd-12ab-34cd-56ef-1234567890ab", region: "eu-west-1", policy: policy([allow({ AWS: `arn:aws:iam::${STRANGER}:root` }, ["kms:Decrypt", "kms:DescribeKey"], "*")]) },
      // AWS managed: skipped, whatever its policy says.
      { id: "0000aaaa-12ab-34cd-56ef-1234567890ab", region: "us-east-1", manager: "AWS", alias: "alias/aws/s3", policy: policy([allow({ AWS: `arn:aws:iam::${STRANGER}:root` }, "kms:*", "*")]) },
    ],
    queues: [{ name: "acme-events", region: "us-east-1", policy: queuePolicy }],
    topics: [{ name: "acme-alerts", region: "us-east-1", policy: policy([allow({ AWS: `arn:aws:iam::${PROD}:root` }, "sns:Publish", `arn:aws:sns:us-east-1:${PROD}:acme-alerts`)]) }],
    functions: [{ name: "acme-hook", region: "us-east-1", policy: policy([allow({ AWS: `arn:aws:iam::${INITECH}:root` }, "lambda:InvokeFunction", `arn:aws:lambda:us-east-1:${PROD}:function:acme-hook`)]) }],
    secrets: [{ name: "acme-db", region: "us-east-1", policy: policy([allow("*", "secretsmanager:GetSecretValue", "*", { StringEquals: { "aws:PrincipalOrgID": ORG } })]) }],
    repositories: [{ name: "acme-api", region: "eu-west-1", policy: policy([allow({ AWS: `arn:aws:iam::${INITECH}:root` }, ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], "*")]) }],
    snapshots: [
      { id: "snap-0a1b2c3d4e5f60718", region: "us-east-1", sharedWith: [STRANGER] },
      { id: "snap-0000000000000000a", region: "us-east-1", sharedWith: [] },
    ],
    images: [{ id: "ami-0a1b2c3d4e5f60718", region: "eu-west-1", sharedWith: ["all"] }],
    dbSnapshots: [{ id: "acme-db-final", region: "us-east-1", sharedWith: [INITECH] }],
    dbClusterSnapshots: [{ id: "acme-aurora-copy", region: "eu-west-1", sharedWith: [] }],
    resourceShares: [{ name: "acme-subnets", region: "us-east-1", principals: [INITECH], resources: [{ arn: `arn:aws:ec2:us-east-1:${PROD}:subnet/subnet-0a1b`, type: "ec2:Subnet" }], permissions: ["AWSRAMDefaultPermissionSubnet"] }],
  };
}

const QUEUE_FOR_VENDOR_SERVICE = policy([
  allow({ Service: "sns.amazonaws.com" }, "sqs:SendMessage", `arn:aws:sqs:us-east-1:${PROD}:acme-events`, { ArnEquals: { "aws:SourceArn": `arn:aws:sns:us-east-1:${INITECH}:vendor-feed` } }),
]);

let catalog: ActionCatalog;
let fake: FakeAws;
let management: string;
/** The fake asks for an account's resources once; tests change this object in place. */
const prod = prodResources(QUEUE_FOR_VENDOR_SERVICE);
/** The organization's analyzer in the management account; tests fill in its findings. */
const orgAnalyzer: FakeAnalyzer = { name: "org-analyzer", region: "us-east-1", findings: [] };
const savedEnv = { ...process.env };

beforeAll(async () => {
  catalog = await loadActionCatalog();
  const organization = (await loadFixtureDirectory(ACME)).organization!;
  organization.accounts = organization.accounts.map((account): FakeAccount => {
    if (account.id === PROD) return { ...account, enabledRegions: ["us-east-1", "eu-west-1"], resources: () => prod };
    if (account.id === STAGING) {
      return { ...account, resources: () => ({ buckets: [{ name: "acme-staging-exports", region: "us-east-1", policy: policy([allow({ AWS: `arn:aws:iam::${INITECH}:root` }, "s3:PutObject", "arn:aws:s3:::acme-staging-exports/*")]) }] }) };
    }
    return account;
  });
  organization.accessAnalyzers = [orgAnalyzer];
  management = organization.managementAccountId;
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

async function storedInventory(db: Awaited<ReturnType<typeof testDatabase>>) {
  return currentInventoryDocument(db.prisma, await PermissionSummaries.create(db.prisma, catalog));
}

async function accountWarnings(db: Awaited<ReturnType<typeof testDatabase>>, scanId: number, accountId: string): Promise<string> {
  const row = await db.prisma.scanAccount.findUniqueOrThrow({ where: { scanId_accountId: { scanId, accountId } } });
  return row.error ?? "";
}

describe("a live scan of resource policies and shares", () => {
  afterEach(() => {
    fake.setFaults({});
    prod.queues![0]!.policy = QUEUE_FOR_VENDOR_SERVICE;
    orgAnalyzer.findings = [];
    orgAnalyzer.region = "us-east-1";
  });

  it("reads every kind in every enabled region, with read-only calls, and stores what analyze says of what it read", async () => {
    await withStore(async (store, db) => {
      const result = await runAwsScan(store, options(), silentProgress);
      expect(result).toMatchObject({ status: "succeeded", accountsOk: 5, accountsFailed: 0 });
      const operations = new Set(fake.calls.map((c) => `${c.service}:${c.operation}`));
      expect([...operations].filter((op) => !READ_ONLY_OPERATIONS.includes(op))).toEqual([]);
      // Buckets are listed once per account, and each policy is read in the bucket's own region.
      expect(fake.calls.filter((c) => c.accountId === PROD && c.operation === "ListBuckets")).toHaveLength(1);
      expect(fake.calls.filter((c) => c.accountId === PROD && c.operation === "GetBucketPolicy").map((c) => c.region).sort()).toEqual(["eu-west-1", "us-east-1", "us-east-1"]);
      // Only the enabled regions are read: eu-west-1 in prod only.
      expect(new Set(fake.calls.filter((c) => c.accountId === STAGING && c.service !== "iam" && c.service !== "sts").map((c) => c.region))).toEqual(new Set(["us-east-1"]));
      expect(fake.calls.some((c) => c.operation === "GetKeyPolicy" && JSON.stringify(c.params).includes("0000aaaa"))).toBe(false);

      const stored = await storedInventory(db);
      const prodGrants = stored.resources.filter((r) => r.accountId === PROD && !r.internal);
      const byService = Object.fromEntries(prodGrants.map((r) => [`${r.service} ${r.principal}`, { region: r.region, vendor: r.vendor, risk: r.risk, findings: r.findings, source: r.source }]));
      expect(byService).toEqual({
        [`s3 arn:aws:iam::${INITECH}:root`]: { region: "us-east-1", vendor: "Initech Consulting", risk: expect.any(String), findings: expect.arrayContaining(["DATA_ACCESS"]), source: "policy" },
        "s3 *": { region: "eu-west-1", vendor: null, risk: "critical", findings: expect.arrayContaining(["WILDCARD_PRINCIPAL"]), source: "policy" },
        [`kms arn:aws:iam::${STRANGER}:root`]: { region: "eu-west-1", vendor: null, risk: expect.any(String), findings: expect.arrayContaining(["UNKNOWN_VENDOR"]), source: "policy" },
        [`sqs sns.amazonaws.com for ${INITECH}`]: expect.objectContaining({ vendor: "Initech Consulting", source: "policy" }),
        [`lambda arn:aws:iam::${INITECH}:root`]: expect.objectContaining({ vendor: "Initech Consulting" }),
        [`ecr arn:aws:iam::${INITECH}:root`]: expect.objectContaining({ region: "eu-west-1", vendor: "Initech Consulting" }),
        [`ebs-snapshot arn:aws:iam::${STRANGER}:root`]: expect.objectContaining({ source: "share", findings: expect.arrayContaining(["UNKNOWN_VENDOR"]) }),
        "ami *": expect.objectContaining({ region: "eu-west-1", risk: "critical", source: "share" }),
        [`rds-snapshot arn:aws:iam::${INITECH}:root`]: expect.objectContaining({ vendor: "Initech Consulting", source: "share" }),
        [`ram arn:aws:iam::${INITECH}:root`]: expect.objectContaining({ vendor: "Initech Consulting", source: "share" }),
      });
      // The org-pinned secret is internal; the topic, open to our own account only, is not listed.
      expect(stored.resources.filter((r) => r.accountId === PROD && r.internal).map((r) => r.service)).toEqual(["secretsmanager"]);
      expect(stored.resources.some((r) => r.service === "sns")).toBe(false);
      expect(stored.vendors.find((v) => v.name === "Initech Consulting")?.resources).toBe(7);

      // What was stored is what `analyze` says of the exports the scan kept.
      const run = new AnalysisRun(new AccountAnalyzer(catalog));
      for await (const doc of readInputDocuments(ACME)) if ("value" in doc && doc.source.includes("list-accounts")) run.add(doc.source, doc.value);
      for (const row of await db.prisma.rawExport.findMany()) {
        const raw = await unpackExport(row);
        run.add(`${row.accountId}-authz`, raw.authorizationDetails);
        if (raw.resources) run.add(`${row.accountId}-resources`, raw.resources);
      }
      const user = parseVendorList(`- name: Initech Consulting\n  accounts: ['${INITECH}']\n`, "user").entries;
      expect(stored.resources).toEqual(run.inventoryDocument({ vendors: new VendorDirectory(KNOWN, user), now: new Date() }).resources);

      const scan = await db.prisma.scan.findUniqueOrThrow({ where: { id: result.id }, include: { accounts: true } });
      expect(scan.apiCalls).toBe(fake.calls.length);
      const byServiceTotal = scan.apiCallsByService as Record<string, number>;
      expect(Object.values(byServiceTotal).reduce((a, b) => a + b, 0)).toBe(scan.apiCalls);
      expect(byServiceTotal.s3).toBe(fake.calls.filter((c) => c.service === "s3").length);
      const prodRow = scan.accounts.find((a) => a.accountId === PROD)!;
      expect(prodRow.apiCallsByService).toMatchObject({ iam: expect.any(Number), kms: fake.callsFor(PROD).filter((c) => c.service === "kms").length });
    });
  });

  it("warns for a denied service, a region not enabled and a throttled call, and keeps going", async () => {
    await withStore(async (store, db) => {
      const since = fake.calls.length;
      fake.setFaults({ deny: [{ service: "kms", accountId: STAGING }], throttle: { operation: "GetBucketPolicy", accountId: STAGING, times: 2 } });
      const result = await runAwsScan(store, options({ resources: { enabled: true, regions: ["eu-west-1", "us-east-1", "ap-south-2"] } }), silentProgress);
      expect(result).toMatchObject({ status: "succeeded", accountsOk: 5, accountsFailed: 0 });
      const staging = await accountWarnings(db, result.id, STAGING);
      expect(staging).toContain("resources: kms in us-east-1: access denied (AccessDeniedException");
      expect(staging).toContain("resources in eu-west-1: the region is not enabled for this account");
      expect(staging).toContain("resources in ap-south-2: the region is not enabled for this account");
      expect(await accountWarnings(db, result.id, PROD)).not.toContain("eu-west-1");
      // The throttled bucket policy was retried and read.
      const stored = await storedInventory(db);
      expect(stored.resources.filter((r) => r.accountId === STAGING).map((r) => r.resourceArn)).toEqual(["arn:aws:s3:::acme-staging-exports"]);
      expect(fake.calls.slice(since).filter((c) => c.accountId === STAGING && c.operation === "GetBucketPolicy").map((c) => c.status)).toEqual([503, 503, 200]);
    });
  });

  it("keeps the stored grants of what it could not read, and closes them once read and gone", async () => {
    await withStore(async (store, db) => {
      await runAwsScan(store, options(), silentProgress);
      const queue = async () => (await storedInventory(db)).resources.filter((r) => r.service === "sqs");
      expect(await queue()).toHaveLength(1);

      fake.setFaults({ deny: [{ operation: "ListQueues", accountId: PROD }] });
      const denied = await runAwsScan(store, options(), silentProgress);
      expect(await accountWarnings(db, denied.id, PROD)).toContain("resources: sqs in us-east-1: access denied");
      expect(await queue()).toHaveLength(1);
      expect(await db.prisma.changeEvent.count({ where: { scanId: denied.id, kind: { startsWith: "RESOURCE_" } } })).toBe(0);

      fake.setFaults({ deny: [{ operation: "GetQueueAttributes", accountId: PROD }] });
      const oneDenied = await runAwsScan(store, options(), silentProgress);
      expect(await accountWarnings(db, oneDenied.id, PROD)).toContain("resources: sqs in us-east-1: 1 of 1 could not be read");
      expect(await queue()).toHaveLength(1);

      fake.setFaults({});
      prod.queues![0]!.policy = undefined;
      const gone = await runAwsScan(store, options(), silentProgress);
      expect(await queue()).toHaveLength(0);
      expect(await db.prisma.changeEvent.findMany({ where: { scanId: gone.id, kind: { startsWith: "RESOURCE_" } }, select: { kind: true } })).toEqual([{ kind: "RESOURCE_REVOKED" }]);
    });
  });

  it("takes the organization analyzer's findings for the kinds it does not read itself, keeps them while the analyzer cannot be read or has moved, and ends one once resolved", async () => {
    const efs = `arn:aws:elasticfilesystem:us-east-1:${PROD}:file-system/fs-0123456789abcdef0`;
    const table = `arn:aws:dynamodb:us-east-1:${STAGING}:table/exports`;
    const archived = `arn:aws:dynamodb:us-east-1:${PROD}:table/partner-feed`;
    orgAnalyzer.findings = [
      { id: "f-efs", resource: efs, resourceType: "AWS::EFS::FileSystem", resourceOwnerAccount: PROD, principal: { AWS: INITECH }, action: ["elasticfilesystem:ClientMount"], condition: { "aws:SourceVpc": "vpc-0abc" }, status: "ACTIVE" },
      { id: "f-table", resource: table, resourceType: "AWS::DynamoDB::Table", resourceOwnerAccount: STAGING, principal: { AWS: "*" }, action: ["dynamodb:GetItem", "dynamodb:Query"], isPublic: true, status: "ACTIVE" },
      // Archived is judged intended, not gone: still access.
      { id: "f-kept", resource: archived, resourceType: "AWS::DynamoDB::Table", resourceOwnerAccount: PROD, principal: { AWS: INITECH }, action: ["dynamodb:GetItem"], status: "ARCHIVED" },
      // Read by Vendorscope itself (the bucket policy), and one resolved: neither is taken from the analyzer.
      { id: "f-bucket", resource: "arn:aws:s3:::acme-reports", resourceType: "AWS::S3::Bucket", resourceOwnerAccount: PROD, principal: { AWS: INITECH }, action: ["s3:GetObject"], status: "ACTIVE" },
      { id: "f-old", resource: `arn:aws:dynamodb:us-east-1:${PROD}:table/old`, resourceType: "AWS::DynamoDB::Table", resourceOwnerAccount: PROD, principal: { AWS: INITECH }, action: ["dynamodb:GetItem"], status: "RESOLVED" },
    ];
    const fromAnalyzer = async (db: Awaited<ReturnType<typeof testDatabase>>) => (await storedInventory(db)).resources.filter((r) => r.source === "access-analyzer");
    await withStore(async (store, db) => {
      const since = fake.calls.length;
      const result = await runAwsScan(store, options(), silentProgress);
      expect(result.status).toBe("succeeded");
      const analyzerCalls = fake.calls.slice(since).filter((c) => c.service === "access-analyzer");
      // Once per scan, from the management account: its one enabled region, then the findings of the one analyzer.
      expect(analyzerCalls.map((c) => [c.operation, c.accountId, c.region])).toEqual([
        ["ListAnalyzers", management, "us-east-1"],
        ["ListFindings", management, "us-east-1"],
      ]);
      expect(JSON.stringify(analyzerCalls[1]!.params)).toContain("AWS::EFS::FileSystem");
      expect(JSON.stringify(analyzerCalls[1]!.params)).not.toContain("AWS::S3::Bucket");
      expect(result.apiCallsByService["access-analyzer"]).toBe(2);

      expect((await fromAnalyzer(db)).map((r) => ({ account: r.accountId, service: r.service, arn: r.resourceArn, principal: r.principal, vendor: r.vendor, risk: r.risk }))).toEqual([
        { account: STAGING, service: "dynamodb", arn: table, principal: "*", vendor: null, risk: "critical" },
        { account: PROD, service: "dynamodb", arn: archived, principal: `arn:aws:iam::${INITECH}:root`, vendor: "Initech Consulting", risk: "high" },
        { account: PROD, service: "efs", arn: efs, principal: `arn:aws:iam::${INITECH}:root`, vendor: "Initech Consulting", risk: "medium" },
      ]);
      // The bucket's grant comes from its own policy, once.
      expect((await storedInventory(db)).resources.filter((r) => r.resourceArn === "arn:aws:s3:::acme-reports").map((r) => r.source)).toEqual(["policy"]);

      fake.setFaults({ deny: [{ operation: "ListFindings" }] });
      const notices: string[] = [];
      const denied = await runAwsScan(store, options(), { ...silentProgress, notice: (m) => void notices.push(m) });
      expect(denied.status).toBe("succeeded");
      expect(notices).toEqual([expect.stringContaining("Access Analyzer in us-east-1: AccessDeniedException")]);
      expect(await accountWarnings(db, denied.id, PROD)).toContain("Access Analyzer findings could not be read in us-east-1; the grants it reported before are kept");
      expect(await fromAnalyzer(db)).toHaveLength(3);
      expect(await db.prisma.changeEvent.count({ where: { scanId: denied.id, kind: { startsWith: "RESOURCE_" } } })).toBe(0);

      // The analyzer moved away from the region read: that is lost coverage, said once, not every grant revoked.
      fake.setFaults({});
      orgAnalyzer.region = "eu-west-1";
      const moved = await runAwsScan(store, options(), { ...silentProgress, notice: (m) => void notices.push(m) });
      expect(notices.at(-1)).toContain("Access Analyzer: no active organization analyzer in us-east-1");
      expect(await accountWarnings(db, moved.id, PROD)).not.toContain("Access Analyzer");
      expect(await fromAnalyzer(db)).toHaveLength(3);
      expect(await db.prisma.changeEvent.count({ where: { scanId: moved.id, kind: { startsWith: "RESOURCE_" } } })).toBe(0);

      // Back, with the file system's finding resolved: that grant, and only it, ends.
      orgAnalyzer.region = "us-east-1";
      orgAnalyzer.findings = orgAnalyzer.findings.map((f) => (f.id === "f-efs" ? { ...f, status: "RESOLVED" as const } : f));
      const resolved = await runAwsScan(store, options(), silentProgress);
      expect((await fromAnalyzer(db)).map((r) => r.resourceArn)).toEqual([table, archived]);
      expect(await db.prisma.changeEvent.findMany({ where: { scanId: resolved.id, kind: "RESOURCE_REVOKED" }, select: { summary: true } })).toEqual([{ summary: expect.stringContaining("fs-0123456789abcdef0") }]);
    });
  });

  it("reads IAM only when resources are turned off, keeping the stored grants", async () => {
    await withStore(async (store, db) => {
      await runAwsScan(store, options(), silentProgress);
      const before = (await storedInventory(db)).resources.length;
      const calls = fake.calls.length;
      await runAwsScan(store, options({ resources: { enabled: false, regions: null } }), silentProgress);
      // Neither the member accounts' resources nor the organization's Access Analyzer.
      expect(fake.calls.slice(calls).every((c) => ["iam", "sts", "organizations"].includes(c.service))).toBe(true);
      expect((await storedInventory(db)).resources).toHaveLength(before);
    });
  });
});
