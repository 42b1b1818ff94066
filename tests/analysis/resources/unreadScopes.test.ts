import { beforeAll, describe, expect, it } from "vitest";
import { AccountAnalyzer } from "@/lib/analysis/accountAnalyzer";
import { analyzeResourceExport, inUnreadScope } from "@/lib/analysis/resources/resourceExport";
import type { RiskLists } from "@/lib/analysis/riskLists";
import { loadActionCatalog } from "@/lib/catalog/iamActions";

let risk: RiskLists;
beforeAll(async () => {
  risk = new AccountAnalyzer(await loadActionCatalog()).risk;
});

const BUCKET = { service: "s3", region: "eu-west-1", resourceArn: "arn:aws:s3:::acme-reports" };

describe("what a scan could not read", () => {
  it("is read from the export's Unread list: a kind in a region, in every region, or one resource", () => {
    const analysis = analyzeResourceExport(
      {
        AccountId: "210000000002",
        ResourcePolicies: [],
        Unread: [
          { Service: "kms", Region: "us-east-1", Error: "AccessDeniedException: …" },
          { Service: "s3", Region: null, Error: "Throttling" },
          { Service: "sqs", Region: "eu-west-1", Arn: "arn:aws:sqs:eu-west-1:210000000002:q", Error: "…" },
          { Service: "glacier", Region: "eu-west-1" },
        ],
      },
      risk,
    );
    expect(analysis.unread).toEqual([
      { service: "kms", region: "us-east-1", resourceArn: null },
      { service: "s3", region: null, resourceArn: null },
      { service: "sqs", region: "eu-west-1", resourceArn: "arn:aws:sqs:eu-west-1:210000000002:q" },
    ]);
    expect(analysis.errors).toEqual([expect.stringContaining('Unread[3]: Service "glacier"')]);
  });

  it("covers a grant of that kind in that region (any region when null), or that one resource", () => {
    expect(inUnreadScope(BUCKET, [{ service: "s3", region: null, resourceArn: null }])).toBe(true);
    expect(inUnreadScope(BUCKET, [{ service: "s3", region: "eu-west-1", resourceArn: null }])).toBe(true);
    expect(inUnreadScope(BUCKET, [{ service: "s3", region: "us-east-1", resourceArn: null }])).toBe(false);
    expect(inUnreadScope(BUCKET, [{ service: "kms", region: null, resourceArn: null }])).toBe(false);
    expect(inUnreadScope(BUCKET, [{ service: "s3", region: "eu-west-1", resourceArn: "arn:aws:s3:::other" }])).toBe(false);
    expect(inUnreadScope(BUCKET, [{ service: "s3", region: "eu-west-1", resourceArn: BUCKET.resourceArn }])).toBe(true);
  });

  it("lets RAM shares name IAM roles, users and service principals as well as accounts", () => {
    const analysis = analyzeResourceExport(
      {
        AccountId: "210000000002",
        ResourceShares: [
          {
            Service: "ram",
            Region: "us-east-1",
            Arn: "arn:aws:ram:us-east-1:210000000002:resource-share/abc",
            SharedWith: ["arn:aws:iam::888877776666:role/VendorDeploy", "ec2.amazonaws.com", "not a principal"],
            Permissions: ["AWSRAMDefaultPermissionSubnet"],
          },
        ],
      },
      risk,
    );
    expect(analysis.access.map((a) => [a.principal.kind, a.principal.accountId])).toEqual([
      ["role", "888877776666"],
      ["service", null],
    ]);
    expect(analysis.errors).toEqual([expect.stringContaining('shared with "not a principal"')]);
  });
});
