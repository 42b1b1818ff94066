import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";

const ACME = new URL("../fixtures/acme-org/", import.meta.url).pathname;
const PROD = "210000000002";
const INITECH = "888877776666";

/** The Acme exports plus a resource export of acme-prod: a bucket Initech reads, a snapshot shared with everyone. */
function acmeWithResources(): string {
  const dir = mkdtempSync(join(tmpdir(), "vendorscope-resources-"));
  cpSync(join(ACME, "exports"), dir, { recursive: true });
  const bucketPolicy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${INITECH}:root` }, Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::acme-reports", "arn:aws:s3:::acme-reports/*"] }] };
  writeFileSync(
    join(dir, "prod-resources.json"),
    JSON.stringify({
      AccountId: PROD,
      ResourcePolicies: [{ Service: "s3", Region: "eu-west-1", Arn: "arn:aws:s3:::acme-reports", Policy: JSON.stringify(bucketPolicy) }],
      ResourceShares: [{ Service: "ebs-snapshot", Region: "eu-west-1", Arn: `arn:aws:ec2:eu-west-1:${PROD}:snapshot/snap-0abc`, SharedWith: ["all"] }],
    }),
  );
  return dir;
}

describe("vendorscope analyze with resource exports", () => {
  it("lists resource grants in the JSON contract and counts them for each vendor", async () => {
    const { code, stdout } = await runCli(["analyze", acmeWithResources(), "--vendors", join(ACME, "vendors.yaml"), "--as-of", "2026-11-27", "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.errors).toEqual([]);
    expect(report.resources).toEqual([
      expect.objectContaining({ accountId: PROD, region: "eu-west-1", service: "ebs-snapshot", principal: "*", principalKind: "wildcard", externalAccountId: null, internal: false, vendor: null, findings: ["WILDCARD_PRINCIPAL", "DATA_ACCESS"], risk: "critical", source: "share" }),
      expect.objectContaining({ service: "s3", resourceArn: "arn:aws:s3:::acme-reports", externalAccountId: INITECH, vendor: "Initech Consulting", actions: ["s3:GetObject", "s3:ListBucket"], accessLevels: ["List", "Read"], findings: ["DATA_ACCESS"], risk: "high", source: "policy" }),
    ]);
    expect(report.vendors.find((v: { name: string }) => v.name === "Initech Consulting")).toMatchObject({ resources: 1 });
  });

  it("prints them under their own heading", async () => {
    const { code, stdout } = await runCli(["analyze", acmeWithResources(), "--vendors", join(ACME, "vendors.yaml"), "--as-of", "2026-11-27"]);
    expect(code).toBe(0);
    const section = stdout.slice(stdout.indexOf("Resource grants (2)"));
    expect(section).toMatch(/critical\s+210000000002\s+ebs-snapshot\s+arn:aws:ec2:eu-west-1:210000000002:snapshot\/snap-0abc\s+\*/);
    expect(section).toMatch(/high\s+210000000002\s+s3\s+arn:aws:s3:::acme-reports\s+arn:aws:iam::888877776666:root\s+Initech Consulting\s+DATA_ACCESS/);
  });
});
