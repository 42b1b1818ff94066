/**
 * Reading the organization's Access Analyzer findings through the real SDK against the fake:
 * once per region from the scanner's account, only the kinds Vendorscope does not read itself,
 * every page, one finding however many analyzers report it, and a region that cannot be read.
 */
import "@/testkit/fakeAws/sdkTestEnv";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ServiceCallCounter, type AwsSettings } from "@/lib/aws/clients";
import { readAnalyzerFindings } from "@/lib/aws/resources/accessAnalyzer";
import { startFakeAws, type FakeAccount, type FakeAnalyzerFinding, type FakeAws, type FakeOrganization } from "@/testkit/fakeAws";

const MGMT = "300000000001";
const MEMBER = "300000000002";
const OTHER = "300000000003";
const VENDOR = "464622532012";
const US = "us-east-1";
const EU = "eu-west-1";

const table = (i: number, owner = MEMBER): FakeAnalyzerFinding => ({
  id: `t-${i}`,
  resource: `arn:aws:dynamodb:${US}:${owner}:table/t${String(i).padStart(3, "0")}`,
  resourceType: "AWS::DynamoDB::Table",
  resourceOwnerAccount: owner,
  principal: { AWS: VENDOR },
  action: ["dynamodb:GetItem"],
  status: "ACTIVE",
});
const US_FINDINGS: FakeAnalyzerFinding[] = [
  ...Array.from({ length: 130 }, (_, i) => table(i)),
  table(500, OTHER),
  { ...table(501), status: "ARCHIVED" },
  { ...table(502), status: "RESOLVED" },
  { id: "b-1", resource: "arn:aws:s3:::member-logs", resourceType: "AWS::S3::Bucket", resourceOwnerAccount: MEMBER, principal: { AWS: VENDOR }, action: ["s3:GetObject"], status: "ACTIVE" },
];
const account = (id: string, extra: Partial<FakeAccount> = {}): FakeAccount => ({ id, name: id, authorizationDetails: () => ({}), ...extra });
const ORGANIZATION: FakeOrganization = {
  id: "o-analyzer0001",
  managementAccountId: MGMT,
  accounts: [account(MGMT, { enabledRegions: [US, EU] }), account(MEMBER), account(OTHER)],
  accessAnalyzers: [
    { name: "org", region: US, findings: US_FINDINGS },
    // A second organization analyzer in the same region reports the same access under other ids.
    { name: "org-copy", region: US, findings: US_FINDINGS.slice(0, 3).map((f) => ({ ...f, id: `copy-${f.id}` })) },
    { name: "org-eu", region: EU, findings: [{ ...table(900), resource: `arn:aws:elasticfilesystem:${EU}:${MEMBER}:file-system/fs-1`, resourceType: "AWS::EFS::FileSystem", action: ["elasticfilesystem:ClientMount"] }] },
  ],
};

let fake: FakeAws;
const aws: AwsSettings = { region: US, maxAttempts: 2, retryBaseMs: 1, callTimeoutMs: 3000 };
const savedEnv = { ...process.env };

beforeAll(async () => {
  fake = await startFakeAws({ organization: ORGANIZATION });
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

describe("the organization's Access Analyzer findings", () => {
  it("are read in each enabled region of the scanner's account, every page, grouped by the account owning the resource", async () => {
    const calls = new ServiceCallCounter();
    const read = await readAnalyzerFindings({ aws, calls, regions: null });
    expect(read.warnings).toEqual([]);
    expect(read.analyzed).toEqual([EU, US]);
    expect(read.unread).toEqual([]);
    expect(Object.keys(read.byAccount).sort()).toEqual([MEMBER, OTHER]);
    // 130 tables, the archived one and the EU file system; the copies are reported once; resolved findings and buckets are not asked for.
    const tables = read.byAccount[MEMBER]!.filter((f) => f.resourceType === "AWS::DynamoDB::Table");
    expect(tables).toHaveLength(131);
    expect(tables.filter((f) => f.status === "ARCHIVED").map((f) => f.id)).toEqual(["t-501"]);
    expect(read.byAccount[MEMBER]!.filter((f) => f.resourceType === "AWS::EFS::FileSystem").map((f) => f.resource)).toEqual([`arn:aws:elasticfilesystem:${EU}:${MEMBER}:file-system/fs-1`]);
    expect(read.byAccount[OTHER]!.map((f) => f.id)).toEqual(["t-500"]);
    expect(read.byAccount[MEMBER]![0]).toEqual({ id: "t-0", resource: `arn:aws:dynamodb:${US}:${MEMBER}:table/t000`, resourceType: "AWS::DynamoDB::Table", resourceOwnerAccount: MEMBER, status: "ACTIVE", principal: { AWS: VENDOR }, action: ["dynamodb:GetItem"], condition: {}, isPublic: false });
    // DescribeRegions once; per region ListAnalyzers, and ListFindings per analyzer and page (us-east-1: 2 pages + 1).
    expect(calls.toRecord()).toEqual({ "access-analyzer": 2 + 3 + 1, ec2: 1 });
    expect(fake.calls.filter((c) => c.service === "access-analyzer").every((c) => c.accountId === MGMT)).toBe(true);
  });

  it("take a configured region the scanner's account has not enabled, or one without an analyzer, as not covered: said once, its grants kept", async () => {
    const read = await readAnalyzerFindings({ aws, calls: new ServiceCallCounter(), regions: ["ap-south-2", "ca-central-1", US] });
    expect(read).toMatchObject({ analyzed: [US], unread: [] });
    expect(read.uncovered).toEqual([
      { region: "ap-south-2", error: "no active organization analyzer" },
      { region: "ca-central-1", error: "no active organization analyzer" },
    ]);
    expect(read.warnings).toEqual([
      "Access Analyzer: no active organization analyzer in ap-south-2, ca-central-1; EFS, DynamoDB, Lambda layer and S3 directory bucket access there is not covered, and the grants it reported there before are kept",
    ]);
  });

  it("say when no region has an organization analyzer", async () => {
    const read = await readAnalyzerFindings({ aws, calls: new ServiceCallCounter(), regions: ["ap-south-2"] });
    expect(read.analyzed).toEqual([]);
    expect(read.uncovered).toEqual([{ region: "ap-south-2", error: "no active organization analyzer" }]);
    expect(read.warnings).toEqual(["Access Analyzer: no active organization analyzer in ap-south-2; EFS, DynamoDB, Lambda layer and S3 directory bucket access is not covered"]);
  });

  it("take every region as not covered when the scanner's enabled regions cannot be listed, and read its own", async () => {
    fake.setFaults({ deny: [{ service: "ec2", operation: "DescribeRegions" }] });
    const read = await readAnalyzerFindings({ aws, calls: new ServiceCallCounter(), regions: null });
    expect(read.analyzed).toEqual([US]);
    expect(read.uncovered).toEqual([{ region: null, error: expect.stringContaining("the scanner account's enabled regions could not be listed") }]);
    expect(read.warnings).toEqual([expect.stringMatching(/^Access Analyzer: the scanner account's enabled regions could not be listed, so only us-east-1 is read: .*the grants it reported elsewhere before are kept$/)]);
  });

  it("record a region that cannot be read, and read the others", async () => {
    fake.setFaults({ deny: [{ service: "access-analyzer", region: EU }], throttle: { operation: "ListAnalyzers", region: US, times: 1 } });
    const read = await readAnalyzerFindings({ aws, calls: new ServiceCallCounter(), regions: null });
    expect(read.analyzed).toEqual([US]);
    expect(read.unread).toEqual([{ region: EU, error: expect.stringContaining("AccessDeniedException") }]);
    expect(read.warnings).toEqual([expect.stringMatching(/^Access Analyzer in eu-west-1: AccessDeniedException.*the grants it reported before are kept$/)]);
    expect(read.byAccount[MEMBER]).toHaveLength(131);
  });
});
