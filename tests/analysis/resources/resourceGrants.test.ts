import { beforeEach, describe, expect, it } from "vitest";
import { AnalysisRun } from "@/lib/analysis/analysisRun";
import type { InventoryDocument } from "@/lib/analysis/analysisRecords";
import type { ResourceRecord } from "@/lib/analysis/resources/resourceRecord";
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

const ARNS = {
  s3: "arn:aws:s3:::acme-logs",
  kms: `arn:aws:kms:eu-west-1:${PROD}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  sqs: `arn:aws:sqs:eu-west-1:${PROD}:events`,
  sns: `arn:aws:sns:eu-west-1:${PROD}:alerts`,
  lambda: `arn:aws:lambda:eu-west-1:${PROD}:function:export`,
  secretsmanager: `arn:aws:secretsmanager:eu-west-1:${PROD}:secret:db-AbCdEf`,
  ecr: `arn:aws:ecr:eu-west-1:${PROD}:repository/app`,
} as const;
type PolicyServiceName = keyof typeof ARNS;
/** An action of each service that reads the data itself, and one that only reads metadata. */
const READS: Record<PolicyServiceName, { data: string; metadata: string }> = {
  s3: { data: "s3:GetObject", metadata: "s3:GetBucketLocation" },
  kms: { data: "kms:Decrypt", metadata: "kms:DescribeKey" },
  sqs: { data: "sqs:ReceiveMessage", metadata: "sqs:GetQueueAttributes" },
  sns: { data: "sns:Subscribe", metadata: "sns:GetTopicAttributes" },
  lambda: { data: "lambda:GetFunction", metadata: "lambda:GetFunctionConfiguration" },
  secretsmanager: { data: "secretsmanager:GetSecretValue", metadata: "secretsmanager:DescribeSecret" },
  ecr: { data: "ecr:BatchGetImage", metadata: "ecr:DescribeImages" },
};
const SERVICES = Object.keys(ARNS) as PolicyServiceName[];

let run: AnalysisRun;
beforeEach(async () => {
  run = new AnalysisRun(await analyzer());
});

const statement = (principal: unknown, action: string | string[], extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Principal: principal, Action: action, Resource: "*", ...extra });
const policyOf = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

function analyse(items: { policies?: object[]; shares?: object[] }, accountId = PROD): InventoryDocument {
  run.add("accounts.json", listAccounts(ORG, MGMT, [MGMT, PROD, DEV]));
  run.add("resources.json", { AccountId: accountId, ResourcePolicies: items.policies ?? [], ResourceShares: items.shares ?? [] });
  return run.inventoryDocument({ vendors, now: NOW });
}
const policyItem = (service: PolicyServiceName, ...statements: object[]) => ({ Service: service, Region: service === "s3" ? "us-east-1" : "eu-west-1", Arn: ARNS[service], Policy: policyOf(...statements) });
const only = (doc: InventoryDocument): ResourceRecord => {
  expect(doc.errors).toEqual([]);
  expect(doc.resources).toHaveLength(1);
  return doc.resources[0]!;
};

describe.each(SERVICES)("a %s resource policy", (service) => {
  const { data, metadata } = READS[service];

  it("lists a named vendor's account with what it may do, and rates reading data without conditions high", () => {
    const grant = only(analyse({ policies: [policyItem(service, statement({ AWS: `arn:aws:iam::${DATADOG}:root` }, [data, metadata]))] }));
    expect(grant).toMatchObject({ accountId: PROD, service, resourceArn: ARNS[service], principalKind: "account", externalAccountId: DATADOG, vendor: "Datadog", internal: false, source: "policy" });
    expect(grant.actions).toEqual([data, metadata].sort());
    expect(grant.findings).toContain("DATA_ACCESS");
    expect(grant.risk).toBe("high");
  });

  it("rates metadata reads low for a named vendor, and one level higher when nobody knows the account", () => {
    expect(only(analyse({ policies: [policyItem(service, statement({ AWS: DATADOG }, metadata))] }))).toMatchObject({ findings: [], risk: "low" });
    run = new AnalysisRun(run.analyzer);
    expect(only(analyse({ policies: [policyItem(service, statement({ AWS: STRANGER }, metadata))] }))).toMatchObject({ findings: ["UNKNOWN_VENDOR"], risk: "medium", vendor: null });
  });

  it("calls a wildcard with nothing narrowing it public: critical when it reads data", () => {
    const grant = only(analyse({ policies: [policyItem(service, statement("*", data))] }));
    expect(grant).toMatchObject({ principal: "*", principalKind: "wildcard", externalAccountId: null, risk: "critical" });
    expect(grant.findings).toEqual(expect.arrayContaining(["WILDCARD_PRINCIPAL", "DATA_ACCESS"]));
  });

  it("keeps a wildcard pinned to our organization internal, and lists one narrowed to accounts under those accounts", () => {
    const pinned = only(analyse({ policies: [policyItem(service, statement({ AWS: "*" }, data, { Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } } }))] }));
    expect(pinned).toMatchObject({ internal: true, risk: "low", findings: expect.arrayContaining(["DATA_ACCESS"]) });
    run = new AnalysisRun(run.analyzer);
    const narrowed = only(analyse({ policies: [policyItem(service, statement("*", data, { Condition: { StringEquals: { "aws:PrincipalAccount": DATADOG } } }))] }));
    expect(narrowed).toMatchObject({ externalAccountId: DATADOG, vendor: "Datadog", principalKind: "account" });
  });

  it("grants nobody when an unconditional Deny takes every action away, and only the rest when it takes some", () => {
    const vendor = { AWS: `arn:aws:iam::${DATADOG}:root` };
    expect(analyse({ policies: [policyItem(service, statement(vendor, [data, metadata]), { ...statement(vendor, `${service}:*`), Effect: "Deny" })] }).resources).toEqual([]);
    run = new AnalysisRun(run.analyzer);
    const left = only(analyse({ policies: [policyItem(service, statement(vendor, [data, metadata]), { ...statement(vendor, data), Effect: "Deny" })] }));
    expect(left.actions).toEqual([metadata]);
    expect(left.findings).not.toContain("DATA_ACCESS");
  });

  it("reads Allow with NotPrincipal as everyone but those named: public", () => {
    const { Principal: _, ...rest } = statement(null, data);
    const grant = only(analyse({ policies: [policyItem(service, { ...rest, NotPrincipal: { AWS: `arn:aws:iam::${PROD}:root` } })] }));
    expect(grant).toMatchObject({ principalKind: "wildcard", statementPrincipal: `NOT(arn:aws:iam::${PROD}:root)` });
    expect(grant.findings).toContain("WILDCARD_PRINCIPAL");
  });

  it("lowers the risk one level when the vendor must also meet a condition such as aws:SourceArn", () => {
    const condition = { Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:iam::${DATADOG}:role/DatadogIntegration` } } };
    expect(only(analyse({ policies: [policyItem(service, statement({ AWS: DATADOG }, data, condition))] })).risk).toBe("medium");
  });

  it("lists a service acting for an outside account as that account's access, and not one acting for ours", () => {
    const acting = (account: string) => statement({ Service: "events.amazonaws.com" }, data, { Condition: { StringEquals: { "aws:SourceAccount": account } } });
    const outside = only(analyse({ policies: [policyItem(service, acting(STRANGER))] }));
    expect(outside).toMatchObject({ principal: `events.amazonaws.com for ${STRANGER}`, principalKind: "service", externalAccountId: STRANGER, findings: expect.arrayContaining(["UNKNOWN_VENDOR"]) });
    run = new AnalysisRun(run.analyzer);
    expect(analyse({ policies: [policyItem(service, acting(PROD))] }).resources).toEqual([]);
  });

  it("leaves out our own account's principals and marks other members internal", () => {
    const doc = analyse({ policies: [policyItem(service, statement({ AWS: [`arn:aws:iam::${PROD}:role/app`, DEV] }, data))] });
    expect(doc.resources.map((r) => [r.externalAccountId, r.internal, r.risk])).toEqual([[DEV, true, "low"]]);
  });
});

describe("resource grants that change permissions or destroy", () => {
  it("calls a key policy letting a vendor rewrite it privilege escalation: critical", () => {
    const grant = only(analyse({ policies: [policyItem("kms", statement({ AWS: DATADOG }, ["kms:PutKeyPolicy", "kms:Decrypt"]))] }));
    expect(grant.findings).toEqual(expect.arrayContaining(["PRIVILEGE_ESCALATION", "DATA_ACCESS"]));
    expect(grant.risk).toBe("critical");
  });

  it("expands wildcards within the resource's service only, and raises destructive actions", () => {
    const grant = only(analyse({ policies: [policyItem("s3", statement({ AWS: DATADOG }, ["s3:*", "ec2:TerminateInstances"]))] }));
    expect(grant.actions.every((a) => a.startsWith("s3:"))).toBe(true);
    expect(grant.actions).toContain("s3:DeleteObject");
    expect(grant.findings).toEqual(expect.arrayContaining(["DESTRUCTIVE_ACTIONS", "WRITE_ACCESS", "DATA_ACCESS", "PRIVILEGE_ESCALATION"]));
  });

  it("merges statements naming one principal in different spellings: every action counts", () => {
    const grant = only(analyse({ policies: [policyItem("sqs", statement({ AWS: DATADOG }, "sqs:SendMessage"), statement({ AWS: `arn:aws:iam::${DATADOG}:root` }, "sqs:ReceiveMessage"))] }));
    expect(grant.actions).toEqual(["sqs:ReceiveMessage", "sqs:SendMessage"]);
    expect(grant.statements).toEqual([0, 1]);
  });
});

describe("shares", () => {
  const SNAPSHOT = `arn:aws:ec2:eu-west-1:${PROD}:snapshot/snap-0123456789abcdef0`;
  const share = (service: string, arn: string, sharedWith: string[], extra: object = {}) => ({ Service: service, Region: "eu-west-1", Arn: arn, SharedWith: sharedWith, ...extra });

  it("a snapshot, image or database snapshot shared with a vendor hands it a copy of the data: high", () => {
    const cases = [
      share("ebs-snapshot", SNAPSHOT, [DATADOG]),
      share("ami", `arn:aws:ec2:eu-west-1:${PROD}:image/ami-0123456789abcdef0`, [DATADOG]),
      share("rds-snapshot", `arn:aws:rds:eu-west-1:${PROD}:snapshot:nightly`, [DATADOG]),
    ];
    const doc = analyse({ shares: cases });
    expect(doc.errors).toEqual([]);
    expect(doc.resources.map((r) => [r.service, r.source, r.vendor, r.findings, r.risk])).toEqual([
      ["ami", "share", "Datadog", ["DATA_ACCESS"], "high"],
      ["ebs-snapshot", "share", "Datadog", ["DATA_ACCESS"], "high"],
      ["rds-snapshot", "share", "Datadog", ["DATA_ACCESS"], "high"],
    ]);
    expect(doc.resources.find((r) => r.service === "ebs-snapshot")!.actions).toEqual(["ec2:CreateVolume", "ec2:CopySnapshot"]);
  });

  it("a public snapshot is critical; sharing with our own organization or another member is internal", () => {
    const doc = analyse({ shares: [share("ebs-snapshot", SNAPSHOT, ["all", DEV, PROD])] });
    expect(doc.resources.map((r) => [r.principal, r.internal, r.risk])).toEqual([
      ["*", false, "critical"],
      [`arn:aws:iam::${DEV}:root`, true, "low"],
    ]);
    run = new AnalysisRun(run.analyzer);
    const ram = analyse({ shares: [share("ram", `arn:aws:ram:eu-west-1:${PROD}:resource-share/abc`, [`arn:aws:organizations::${MGMT}:organization/${ORG}`, STRANGER], { Permissions: ["AWSRAMDefaultPermissionSubnet"] })] });
    expect(ram.resources.map((r) => [r.principal, r.internal, r.findings, r.actions])).toEqual([
      [`arn:aws:iam::${STRANGER}:root`, false, ["UNKNOWN_VENDOR"], ["AWSRAMDefaultPermissionSubnet"]],
      [`arn:aws:organizations::${MGMT}:organization/${ORG}`, true, [], ["AWSRAMDefaultPermissionSubnet"]],
    ]);
  });
});

describe("the resource export", () => {
  it("records a bad item as an error of its own and analyses the rest", () => {
    run.add("accounts.json", listAccounts(ORG, MGMT, [MGMT, PROD, DEV]));
    run.add("resources.json", {
      AccountId: PROD,
      ResourcePolicies: [
        { Service: "s3", Arn: ARNS.s3, Policy: "{not json" },
        { Service: "glacier", Arn: "arn:aws:glacier:eu-west-1:1:vaults/v", Policy: "{}" },
        policyItem("sqs", statement({ AWS: DATADOG }, "sqs:SendMessage")),
      ],
      ResourceShares: [{ Service: "ebs-snapshot", Arn: "arn:aws:ec2:eu-west-1:1:snapshot/snap-1", SharedWith: ["somebody"] }],
    });
    const doc = run.inventoryDocument({ vendors, now: NOW });
    expect(doc.resources.map((r) => r.service)).toEqual(["sqs"]);
    expect(doc.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^ResourcePolicies\[0\] \(arn:aws:s3:::acme-logs\): /),
      'ResourcePolicies[1]: Service "glacier" is not one of the resource kinds Vendorscope reads',
      'ResourceShares[0] (arn:aws:ec2:eu-west-1:1:snapshot/snap-1): shared with "somebody", which is not an account id, "all", an organization or OU ARN, an IAM role or user ARN or a service principal',
    ]);
  });

  it("counts each vendor's resource grants beside its trusts, and lists vendors reached only through resources", () => {
    const doc = analyse({ policies: [policyItem("s3", statement({ AWS: DATADOG }, "s3:GetObject")), policyItem("kms", statement({ AWS: STRANGER }, "kms:Decrypt"))] });
    expect(doc.vendors).toEqual([{ name: "Datadog", accountIds: [DATADOG], trusts: 0, resources: 1, risk: "high", reachableAccounts: [PROD] }]);
    expect(doc.unknownAccounts).toEqual([{ accountId: STRANGER, trusts: 0, resources: 1, risk: "critical", reachableAccounts: [PROD] }]);
  });
});
