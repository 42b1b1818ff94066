import { beforeEach, describe, expect, it } from "vitest";
import { AnalysisRun } from "@/lib/analysis/analysisRun";
import type { InventoryDocument } from "@/lib/analysis/analysisRecords";
import { analyzeResourceExport } from "@/lib/analysis/resources/resourceExport";
import { parseVendorList, VendorDirectory } from "@/lib/analysis/vendorList";
import { listAccounts } from "@/testkit/exports";
import { analyzer } from "../../helpers/policies";

const ORG = "o-acme12345";
const MGMT = "100000000001";
const PROD = "100000000002";
const DEV = "100000000003";
const DATADOG = "464622532012";
const STRANGER = "999988887777";
const NOW = new Date("2026-11-27T00:00:00Z");
const vendors = new VendorDirectory(parseVendorList(`- name: Datadog\n  accounts: ['${DATADOG}']\n`, "known").entries);

/** Each kind Vendorscope knows only from Access Analyzer: its resource type, an ARN, and an action that reads its data. */
const KINDS = [
  { service: "efs", type: "AWS::EFS::FileSystem", arn: `arn:aws:elasticfilesystem:eu-west-1:${PROD}:file-system/fs-0123`, data: "elasticfilesystem:ClientMount" },
  { service: "dynamodb", type: "AWS::DynamoDB::Table", arn: `arn:aws:dynamodb:eu-west-1:${PROD}:table/orders`, data: "dynamodb:GetItem" },
  { service: "dynamodb", type: "AWS::DynamoDB::Stream", arn: `arn:aws:dynamodb:eu-west-1:${PROD}:table/orders/stream/2026-01-01T00:00:00.000`, data: "dynamodb:GetRecords" },
  { service: "lambda-layer", type: "AWS::Lambda::LayerVersion", arn: `arn:aws:lambda:eu-west-1:${PROD}:layer:shared:3`, data: "lambda:GetLayerVersion" },
  { service: "s3express", type: "AWS::S3Express::DirectoryBucket", arn: `arn:aws:s3express:eu-west-1:${PROD}:bucket/logs--euw1-az1--x-s3`, data: "s3express:CreateSession" },
] as const;

let run: AnalysisRun;
beforeEach(async () => {
  run = new AnalysisRun(await analyzer());
});

const finding = (kind: (typeof KINDS)[number], extra: Record<string, unknown> = {}) => ({
  id: `f-${kind.type}`,
  resource: kind.arn,
  resourceType: kind.type,
  resourceOwnerAccount: PROD,
  status: "ACTIVE",
  principal: { AWS: DATADOG },
  action: [kind.data],
  condition: {},
  isPublic: false,
  ...extra,
});

function analyse(findings: object[], accountId = PROD): InventoryDocument {
  run.add("accounts.json", listAccounts(ORG, MGMT, [MGMT, PROD, DEV]));
  run.add("resources.json", { AccountId: accountId, AccessAnalyzerFindings: findings });
  return run.inventoryDocument({ vendors, now: NOW });
}

describe.each(KINDS)("an Access Analyzer finding on $type", (kind) => {
  it("is a resource grant of the vendor it names, from access-analyzer, with what it may do", () => {
    const doc = analyse([finding(kind)]);
    expect(doc.errors).toEqual([]);
    expect(doc.resources).toHaveLength(1);
    expect(doc.resources[0]).toMatchObject({
      accountId: PROD,
      region: "eu-west-1",
      service: kind.service,
      resourceArn: kind.arn,
      principal: `arn:aws:iam::${DATADOG}:root`,
      principalKind: "account",
      externalAccountId: DATADOG,
      vendor: "Datadog",
      internal: false,
      actions: [kind.data],
      findings: expect.arrayContaining(["DATA_ACCESS"]),
      risk: "high",
      source: "access-analyzer",
    });
  });

  it("is public when the finding is: critical", () => {
    const [grant] = analyse([finding(kind, { principal: { AWS: "*" }, isPublic: true })]).resources;
    expect(grant).toMatchObject({ principal: "*", principalKind: "wildcard", externalAccountId: null, risk: "critical" });
    expect(grant!.findings).toEqual(expect.arrayContaining(["WILDCARD_PRINCIPAL", "DATA_ACCESS"]));
  });
});

describe("Access Analyzer findings", () => {
  const efs = KINDS[0];

  it("take a public finding that names no principal as anyone", () => {
    const [grant] = analyse([finding(efs, { principal: {}, isPublic: true })]).resources;
    expect(grant).toMatchObject({ principalKind: "wildcard", risk: "critical" });
  });

  it("read the finding's condition as required values: a condition the party must also meet lowers the risk", () => {
    const [grant] = analyse([finding(efs, { condition: { "aws:SourceVpc": "vpc-0abc" } })]).resources;
    expect(grant).toMatchObject({ conditions: { StringEquals: { "aws:SourceVpc": ["vpc-0abc"] } }, risk: "medium" });
  });

  it("narrow a wildcard pinned to one account to that account, and one pinned to our organization to internal", () => {
    const pinned = analyse([finding(efs, { principal: { AWS: "*" }, condition: { "aws:PrincipalAccount": STRANGER } })]).resources;
    expect(pinned).toMatchObject([{ externalAccountId: STRANGER, findings: expect.arrayContaining(["UNKNOWN_VENDOR", "DATA_ACCESS"]), risk: "critical" }]);
    run = new AnalysisRun(run.analyzer);
    const org = analyse([finding(efs, { principal: { AWS: "*" }, condition: { "aws:PrincipalOrgID": ORG } })]).resources;
    expect(org).toMatchObject([{ principalKind: "wildcard", internal: true, risk: "low" }]);
  });

  it("name the outside account a service principal acts for as the party", () => {
    const [grant] = analyse([finding(efs, { principal: { Service: "backup.amazonaws.com" }, condition: { "aws:SourceAccount": STRANGER } })]).resources;
    expect(grant).toMatchObject({ principalKind: "service", externalAccountId: STRANGER, internal: false });
  });

  it("list members of our organization as internal, and leave our own account out", () => {
    const doc = analyse([finding(efs, { principal: { AWS: `arn:aws:iam::${DEV}:role/reader` } }), finding(efs, { id: "own", principal: { AWS: PROD } })]);
    expect(doc.resources).toMatchObject([{ principalKind: "role", externalAccountId: DEV, internal: true, risk: "low" }]);
  });

  it("rate changing who may use the resource critical", () => {
    const table = KINDS[1];
    const [grant] = analyse([finding(table, { action: ["dynamodb:PutResourcePolicy"] })]).resources;
    expect(grant).toMatchObject({ findings: expect.arrayContaining(["PRIVILEGE_ESCALATION"]), risk: "critical" });
  });

  it("keep an archived finding's access: archiving is a judgement that it is intended, not its removal", () => {
    const doc = analyse([finding(efs, { status: "ARCHIVED" })]);
    expect(doc.resources).toMatchObject([{ resourceArn: efs.arn, externalAccountId: DATADOG, source: "access-analyzer" }]);
  });

  it("merge the findings for one resource and principal into one grant: every action, limited only when all are", () => {
    const table = KINDS[1];
    const doc = analyse([
      finding(table, { id: "read", action: ["dynamodb:GetItem"], condition: { "aws:SourceVpc": "vpc-0abc" } }),
      finding(table, { id: "write", action: ["dynamodb:PutItem"] }),
      finding(table, { id: "other", principal: { AWS: STRANGER }, action: ["dynamodb:Query"], condition: { "aws:SourceVpc": "vpc-0abc" } }),
    ]);
    expect(doc.resources).toHaveLength(2);
    const datadog = doc.resources.find((r) => r.externalAccountId === DATADOG)!;
    expect(datadog.actions).toEqual(["dynamodb:GetItem", "dynamodb:PutItem"]);
    // The unconditioned finding is the one that counts: the party needs no VPC for PutItem.
    expect(datadog).toMatchObject({ conditions: null, findings: expect.arrayContaining(["DATA_ACCESS"]), risk: "high" });
    expect(doc.resources.find((r) => r.externalAccountId === STRANGER)).toMatchObject({ actions: ["dynamodb:Query"], conditions: { StringEquals: { "aws:SourceVpc": ["vpc-0abc"] } } });
  });

  it("take a resource Access Analyzer could not analyse as unread, with the reason as an error", () => {
    const analysis = analyzeResourceExport({ AccountId: PROD, AccessAnalyzerFindings: [finding(efs, { principal: undefined, action: undefined, error: "INTERNAL_ERROR" }), finding(KINDS[1])] }, run.analyzer.risk);
    expect(analysis.errors).toEqual([`AccessAnalyzerFindings[0] (${efs.arn}): Access Analyzer could not analyse it (INTERNAL_ERROR); the grants stored before are kept`]);
    expect(analysis.access).toMatchObject([{ service: "dynamodb" }]);
    expect(analysis.unread).toEqual([{ service: "efs", region: "eu-west-1", resourceArn: efs.arn }]);
  });

  it("skip what is not ingested here: other accounts' resources, resolved findings, kinds Vendorscope reads itself", () => {
    const doc = analyse([
      finding(efs, { resourceOwnerAccount: DEV }),
      finding(efs, { status: "RESOLVED" }),
      { ...finding(efs), resourceType: "AWS::S3::Bucket", resource: "arn:aws:s3:::acme-logs" },
      { ...finding(efs), resourceType: "AWS::IAM::Role", resource: `arn:aws:iam::${PROD}:role/x` },
    ]);
    expect(doc.errors).toEqual([]);
    expect(doc.resources).toEqual([]);
  });

  it("make a finding it cannot read an error of its own, and analyse the others", () => {
    const doc = analyse([
      finding(efs, { resource: "fs-0123" }),
      finding(efs, { principal: { AWS: "not a principal" } }),
      finding(efs, { action: ["s3:GetObject"] }),
      finding(efs, { condition: { "aws:SourceVpc": ["a", "b"] } }),
      finding(KINDS[1]),
    ]);
    expect(doc.errors.map((e) => e.message)).toEqual([
      expect.stringContaining("resource is missing or not an ARN"),
      expect.stringContaining("principal AWS: not a principal is not a principal IAM accepts"),
      expect.stringContaining("none of its actions (s3:GetObject) is an action of elasticfilesystem"),
      expect.stringContaining("condition aws:SourceVpc is not a string"),
    ]);
    expect(doc.resources).toMatchObject([{ service: "dynamodb" }]);
  });

  it("are refused in ResourcePolicies: those kinds are known from findings only", () => {
    run.add("accounts.json", listAccounts(ORG, MGMT, [MGMT, PROD, DEV]));
    run.add("resources.json", { AccountId: PROD, ResourcePolicies: [{ Service: "efs", Region: "eu-west-1", Arn: efs.arn, Policy: "{}" }] });
    const doc = run.inventoryDocument({ vendors, now: NOW });
    expect(doc.errors.map((e) => e.message)).toEqual([expect.stringContaining('"efs" is known from Access Analyzer findings only')]);
  });
});
