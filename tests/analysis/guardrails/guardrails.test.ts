/**
 * What SCPs and RCPs leave a third party (docs/analysis.md, "Guardrails"): SCPs inherited
 * down the tree (some Allow and no Deny at every level), the management account and
 * service-linked roles exempt, conditions judged from the role itself or assumed possible;
 * RCP perimeters that block outside callers in each usual pattern, trusts and resource grants.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { AnalysisRun } from "@/lib/analysis/analysisRun";
import type { InventoryDocument } from "@/lib/analysis/analysisRecords";
import type { TrustRecord } from "@/lib/analysis/trustRecord";
import { parseVendorList, VendorDirectory } from "@/lib/analysis/vendorList";
import { authorizationDetails, listAccounts, type RoleSpec } from "@/testkit/exports";
import { describePolicy, FULL_AWS_ACCESS, listParents, listTargets } from "@/testkit/organizationPolicies";
import { allow, analyzer, policy } from "../../helpers/policies";
import { riskyAfter, riskyBefore } from "@/lib/analysis/guardrails/beforeGuardrails";

const ORG = "o-acme12345";
const ROOT = "r-ab12";
const WORKLOADS = "ou-ab12-work0000";
const PROD_OU = "ou-ab12-prod0000";
const MGMT = "100000000001";
const PROD = "100000000002";
const DEV = "100000000003";
const DATADOG = "464622532012";
const STRANGER = "999988887777";
const NOW = new Date("2026-12-01T00:00:00Z");
const vendors = new VendorDirectory(parseVendorList(`- name: Datadog\n  accounts: ['${DATADOG}']\n`, "known").entries);

const admin = policy({ Effect: "Allow", Action: "*", Resource: "*" });
const ec2AndS3 = policy({ Effect: "Allow", Action: ["ec2:*", "s3:GetObject", "s3:DeleteBucket"], Resource: "*" });
const vendorTrust = policy(allow({ AWS: `arn:aws:iam::${DATADOG}:root` }, { Condition: { StringEquals: { "sts:ExternalId": "abc" } } }));
const scp = (id: string, name: string, ...statements: object[]) => describePolicy(id, name, "SERVICE_CONTROL_POLICY", { Version: "2012-10-17", Statement: statements });
const rcp = (id: string, name: string, ...statements: object[]) => describePolicy(id, name, "RESOURCE_CONTROL_POLICY", { Version: "2012-10-17", Statement: statements });

/** The tree: Root → Workloads → Prod → PROD; Root → DEV; MGMT under the root. */
const TREE: [string, unknown][] = [
  [`${PROD}.parents.json`, listParents(PROD_OU)],
  [`${PROD_OU}.parents.json`, listParents(WORKLOADS)],
  [`${WORKLOADS}.parents.json`, listParents(ROOT)],
  [`${DEV}.parents.json`, listParents(ROOT)],
  [`${MGMT}.parents.json`, listParents(ROOT)],
];
const fullAccessEverywhere = (): [string, unknown][] => [
  ["p-FullAWSAccess.json", describePolicy("p-FullAWSAccess", "FullAWSAccess", "SERVICE_CONTROL_POLICY", FULL_AWS_ACCESS)],
  ["p-FullAWSAccess.targets.json", listTargets(ROOT, WORKLOADS, PROD_OU, PROD, DEV, MGMT)],
];

let run: AnalysisRun;
beforeEach(async () => {
  run = new AnalysisRun(await analyzer());
});

function analyze(files: [string, unknown][], roles: RoleSpec[], options: { accounts?: string[]; resources?: unknown[] } = {}): InventoryDocument {
  run = new AnalysisRun(run.analyzer);
  run.add("accounts.json", listAccounts(ORG, MGMT, [MGMT, PROD, DEV]));
  for (const id of options.accounts ?? [PROD]) run.add(`${id}.json`, authorizationDetails(id, { roles }));
  for (const r of options.resources ?? []) run.add("resources.json", r);
  for (const [name, value] of files) expect(run.add(`guardrails/${name}`, value), name).toBe("organization-policies");
  return run.inventoryDocument({ vendors, now: NOW });
}

const vendorRole = (extra: Partial<RoleSpec> = {}): RoleSpec => ({ name: "DatadogIntegration", trust: vendorTrust, inline: { p: admin }, ...extra });
const onlyTrust = (doc: InventoryDocument): TrustRecord => {
  expect(doc.trusts).toHaveLength(1);
  return doc.trusts[0]!;
};

describe("SCPs: what is left at every level of the account's path", () => {
  it("without any guardrail input nothing changes and the contract says so", () => {
    const t = onlyTrust(analyze([], [vendorRole()]));
    expect(t.permissions.admin).toBe(true);
    expect(t.permissions.guardrails).toEqual([]);
    expect(t.blockedBy).toBeNull();
  });

  it("FullAWSAccess everywhere leaves everything", () => {
    const t = onlyTrust(analyze([...TREE, ...fullAccessEverywhere()], [vendorRole()]));
    expect(t.permissions.admin).toBe(true);
    expect(t.permissions.guardrails).toEqual([]);
  });

  it("a Deny inherited from an OU two levels up takes its actions away, naming the policy and where it is attached", () => {
    const deny = scp("p-denyterm1", "DenyDestruction", { Effect: "Deny", Action: ["ec2:TerminateInstances", "s3:DeleteBucket"], Resource: "*" });
    const t = onlyTrust(analyze([...TREE, ...fullAccessEverywhere(), ["p-denyterm1.json", deny], ["p-denyterm1.targets.json", listTargets(WORKLOADS)]], [vendorRole({ inline: { p: ec2AndS3 } })]));
    expect(t.permissions.guardrails).toEqual([
      { policyId: "p-denyterm1", name: "DenyDestruction", type: "scp", target: WORKLOADS, removed: ["ec2:TerminateInstances", "s3:DeleteBucket"], mayRemove: [], conditionKeys: [] },
    ]);
    expect(t.permissions.destructive).not.toContain("ec2:TerminateInstances");
    expect(t.permissions.destructive).not.toContain("s3:DeleteBucket");
    expect(t.permissions.dataAccess).toContain("s3:GetObject");
  });

  it("the same Deny on another branch of the tree does not touch the account", () => {
    const deny = scp("p-denyterm1", "DenyDestruction", { Effect: "Deny", Action: "ec2:TerminateInstances", Resource: "*" });
    const t = onlyTrust(analyze([...TREE, ...fullAccessEverywhere(), ["p-denyterm1.json", deny], ["p-denyterm1.targets.json", listTargets(DEV)]], [vendorRole({ inline: { p: ec2AndS3 } })]));
    expect(t.permissions.guardrails).toEqual([]);
    expect(t.permissions.destructive).toContain("ec2:TerminateInstances");
  });

  it("an OU whose SCPs allow no S3 leaves no S3, whatever the levels above allow", () => {
    const ec2Only = scp("p-ec2only01", "AllowEc2Only", { Effect: "Allow", Action: "ec2:*", Resource: "*" });
    const files: [string, unknown][] = [
      ...TREE,
      ["p-FullAWSAccess.json", describePolicy("p-FullAWSAccess", "FullAWSAccess", "SERVICE_CONTROL_POLICY", FULL_AWS_ACCESS)],
      ["p-FullAWSAccess.targets.json", listTargets(ROOT, WORKLOADS, PROD, DEV, MGMT)],
      ["p-ec2only01.json", ec2Only],
      ["p-ec2only01.targets.json", listTargets(PROD_OU)],
    ];
    const t = onlyTrust(analyze(files, [vendorRole({ inline: { p: ec2AndS3 } })]));
    expect(t.permissions.guardrails).toEqual([expect.objectContaining({ policyId: "p-ec2only01", target: PROD_OU, removed: ["s3:DeleteBucket", "s3:GetObject"] })]);
    expect(t.permissions.services.map((s) => s.service)).toEqual(["ec2"]);
    expect(t.permissions.dataAccess.filter((a) => a.startsWith("s3:"))).toEqual([]);
  });

  it("a Deny with NotAction takes away everything but the listed actions; many of a service are written service:*", () => {
    const readOnly = scp("p-readonly1", "OnlyDescribe", { Effect: "Deny", NotAction: ["ec2:Describe*", "s3:GetObject"], Resource: "*" });
    const t = onlyTrust(analyze([...TREE, ...fullAccessEverywhere(), ["p-readonly1.json", readOnly], ["p-readonly1.targets.json", listTargets(PROD)]], [vendorRole({ inline: { p: ec2AndS3 } })]));
    const entry = t.permissions.guardrails[0]!;
    expect(entry).toMatchObject({ policyId: "p-readonly1", target: PROD, mayRemove: [] });
    expect(entry.removed).toContain("s3:DeleteBucket");
    expect(entry.removed).toContain("ec2:TerminateInstances");
    expect(entry.removed).not.toContain("ec2:DescribeInstances");
    expect(t.permissions.services.find((s) => s.service === "ec2")!.accessLevels).toEqual(["List"]);
    const all = onlyTrust(analyze([...TREE, ...fullAccessEverywhere(), ["p-noec2.json", scp("p-noec2xyz", "NoEc2", { Effect: "Deny", Action: "ec2:*", Resource: "*" })], ["p-noec2xyz.targets.json", listTargets(PROD)]], [vendorRole({ inline: { p: ec2AndS3 } })]));
    expect(all.permissions.guardrails[0]!.removed).toEqual(["ec2:*"]);
  });

  it("the management account and service-linked roles are not bound by SCPs", () => {
    const denyAll = scp("p-denyall01", "DenyAll", { Effect: "Deny", Action: "*", Resource: "*" });
    const files: [string, unknown][] = [...TREE, ...fullAccessEverywhere(), ["p-denyall01.json", denyAll], ["p-denyall01.targets.json", listTargets(ROOT)]];
    const doc = analyze(files, [vendorRole(), vendorRole({ name: "AWSServiceRoleForSupport", path: "/aws-service-role/support.amazonaws.com/" })], { accounts: [MGMT, PROD] });
    const mine = doc.trusts.filter((t) => t.accountId === MGMT);
    expect(mine.map((t) => t.permissions.admin)).toEqual([true, true]);
    const prod = doc.trusts.filter((t) => t.accountId === PROD);
    expect(prod.find((t) => t.roleName === "AWSServiceRoleForSupport")!.permissions.admin).toBe(true);
    const cut = prod.find((t) => t.roleName === "DatadogIntegration")!;
    expect(cut.permissions.actionCount).toBe(0);
    expect(cut.permissions.admin).toBe(false);
    expect(cut.findings).not.toContain("ADMIN_ACCESS");
  });

  it("a Deny sparing some roles by aws:PrincipalArn is judged on the role itself", () => {
    const denyIam = scp("p-protect01", "ProtectIam", { Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::*:role/Breakglass*"] } } });
    const files: [string, unknown][] = [...TREE, ...fullAccessEverywhere(), ["p-protect01.json", denyIam], ["p-protect01.targets.json", listTargets(ROOT)]];
    const doc = analyze(files, [vendorRole(), vendorRole({ name: "BreakglassVendor" })]);
    const cut = doc.trusts.find((t) => t.roleName === "DatadogIntegration")!;
    const spared = doc.trusts.find((t) => t.roleName === "BreakglassVendor")!;
    expect(cut.permissions.guardrails[0]).toMatchObject({ policyId: "p-protect01", removed: ["iam:*"] });
    expect(cut.permissions.services.some((s) => s.service === "iam")).toBe(false);
    expect(spared.permissions.guardrails).toEqual([]);
    expect(spared.permissions.admin).toBe(true);
  });

  it("…and on the role's tags, a tag it lacks being absent", () => {
    const denyUntagged = scp("p-tagged001", "OnlyTaggedRoles", { Effect: "Deny", Action: "ec2:RunInstances", Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalTag/vendor-approved": "yes" } } });
    const files: [string, unknown][] = [...TREE, ...fullAccessEverywhere(), ["p-tagged001.json", denyUntagged], ["p-tagged001.targets.json", listTargets(ROOT)]];
    const doc = analyze(files, [vendorRole(), vendorRole({ name: "Approved", tags: { "vendor-approved": "yes" } })]);
    expect(doc.trusts.find((t) => t.roleName === "DatadogIntegration")!.permissions.guardrails[0]!.removed).toEqual(["ec2:RunInstances"]);
    expect(doc.trusts.find((t) => t.roleName === "Approved")!.permissions.guardrails).toEqual([]);
  });

  it("a Deny on a condition we cannot judge takes nothing away: it is shown as mayRemove with its keys", () => {
    const regions = scp("p-regions01", "DenyOtherRegions", { Effect: "Deny", Action: ["ec2:RunInstances"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1"] } } });
    const t = onlyTrust(analyze([...TREE, ...fullAccessEverywhere(), ["p-regions01.json", regions], ["p-regions01.targets.json", listTargets(ROOT)]], [vendorRole({ inline: { p: ec2AndS3 } })]));
    expect(t.permissions.guardrails).toEqual([
      { policyId: "p-regions01", name: "DenyOtherRegions", type: "scp", target: ROOT, removed: [], mayRemove: ["ec2:RunInstances"], conditionKeys: ["aws:RequestedRegion"] },
    ]);
    expect(t.permissions.costImpact).toContain("ec2:RunInstances");
  });

  it("a region rule over most of an admin role's actions names the services it may cut, not every action", () => {
    const regions = scp("p-regions02", "OnlyOurRegions", { Effect: "Deny", NotAction: ["iam:*", "sts:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1"] } } });
    const t = onlyTrust(analyze([...TREE, ...fullAccessEverywhere(), ["p-regions02.json", regions], ["p-regions02.targets.json", listTargets(ROOT)]], [vendorRole()]));
    const entry = t.permissions.guardrails[0]!;
    expect(entry.removed).toEqual([]);
    expect(entry.mayRemove).toContain("ec2:*");
    expect(entry.mayRemove).not.toContain("iam:*");
    expect(entry.mayRemove.every((a) => a.endsWith(":*"))).toBe(true);
    expect(t.permissions.admin).toBe(true);
  });

  it("what the role's own policies allowed is kept beside what is left, and the risky lists before are those after plus what was removed", () => {
    const deny = scp("p-denyterm1", "DenyDestruction", { Effect: "Deny", Action: ["ec2:TerminateInstances", "s3:DeleteBucket", "iam:PassRole"], Resource: "*" });
    const t = onlyTrust(analyze([...TREE, ...fullAccessEverywhere(), ["p-denyterm1.json", deny], ["p-denyterm1.targets.json", listTargets(ROOT)]], [vendorRole()]));
    expect(t.permissions.beforeGuardrails).toMatchObject({ admin: true, actionCount: t.permissions.actionCount + 3 });
    expect(t.permissions.beforeGuardrails!.privilegeEscalation.length).toBeGreaterThan(t.permissions.privilegeEscalation.length);
    const before = riskyBefore(t.permissions, run.analyzer.risk);
    expect(before.destructive).toEqual([...t.permissions.destructive, "ec2:TerminateInstances", "s3:DeleteBucket"].sort());
    expect(riskyAfter(t.permissions).destructive).toEqual(t.permissions.destructive);
    const untouched = onlyTrust(analyze([], [vendorRole()]));
    expect(untouched.permissions.beforeGuardrails).toBeNull();
    expect(riskyBefore(untouched.permissions, run.analyzer.risk)).toEqual(riskyAfter(untouched.permissions));
  });

  it("a Deny on some resources only is shown, not subtracted", () => {
    const bucket = scp("p-bucket001", "ProtectAuditBucket", { Effect: "Deny", Action: "s3:DeleteBucket", Resource: "arn:aws:s3:::audit-logs" });
    const t = onlyTrust(analyze([...TREE, ...fullAccessEverywhere(), ["p-bucket001.json", bucket], ["p-bucket001.targets.json", listTargets(ROOT)]], [vendorRole({ inline: { p: ec2AndS3 } })]));
    expect(t.permissions.guardrails[0]).toMatchObject({ removed: [], mayRemove: ["s3:DeleteBucket"] });
  });

  it("an account whose place in the tree is unknown gets the root's and its own policies, and the input says so once", () => {
    const deny = scp("p-denyterm1", "DenyDestruction", { Effect: "Deny", Action: "ec2:TerminateInstances", Resource: "*" });
    const doc = analyze([...fullAccessEverywhere(), ["p-denyterm1.json", deny], ["p-denyterm1.targets.json", listTargets(ROOT)]], [vendorRole({ inline: { p: ec2AndS3 } })], { accounts: [PROD, DEV] });
    for (const t of doc.trusts) expect(t.permissions.guardrails[0]).toMatchObject({ target: ROOT, removed: ["ec2:TerminateInstances"] });
    const notes = doc.errors.filter((e) => e.source === "guardrails");
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toContain(`${PROD}, ${DEV}`.split(", ").sort().join(", "));
  });

  it("a policy without its document or targets is not applied, and named in the errors", () => {
    const doc = analyze(
      [...TREE, ...fullAccessEverywhere(), ["list-policies.json", { Policies: [{ Id: "p-nodoc0001", Name: "Unread", Type: "SERVICE_CONTROL_POLICY", AwsManaged: false }] }], ["p-nodoc0001.targets.json", listTargets(PROD)], ["p-notarget.json", scp("p-notarget1", "Lost", { Effect: "Deny", Action: "*", Resource: "*" })]],
      [vendorRole()],
    );
    expect(onlyTrust(doc).permissions.admin).toBe(true);
    expect(doc.errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringContaining("SCP Unread (p-nodoc0001): its document is not in the input"), expect.stringContaining("SCP Lost (p-notarget1): its targets are not in the input")]),
    );
  });

  it("targets and parents files must say whose they are by name", () => {
    run = new AnalysisRun(run.analyzer);
    expect(run.add("targets.json", listTargets(ROOT))).toBeNull();
    expect(run.add("parents.json", listParents(ROOT))).toBeNull();
    expect(run.errors.map((e) => e.message)).toEqual([expect.stringContaining("name it after the policy id"), expect.stringContaining("name it after the account or OU id")]);
  });
});

describe("RCPs: the data perimeter on our roles", () => {
  const orgOnly = rcp("p-perim001", "OrgOnly", {
    Effect: "Deny",
    Principal: "*",
    Action: ["sts:AssumeRole", "s3:*", "kms:*"],
    Resource: "*",
    Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
  });
  const orgPlusDatadog = rcp("p-perim002", "OrgAndApprovedVendors", {
    Effect: "Deny",
    Principal: "*",
    Action: "sts:AssumeRole",
    Resource: "*",
    Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG, "aws:PrincipalAccount": [DATADOG] }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
  });
  const withRcp = (policyFile: unknown, id: string, target = ROOT): [string, unknown][] => [...TREE, [`${id}.json`, policyFile], [`${id}.targets.json`, listTargets(target)]];
  const strangerRole: RoleSpec = { name: "Stranger", trust: policy(allow({ AWS: `arn:aws:iam::${STRANGER}:role/x` })), inline: { p: admin } };
  const memberRole: RoleSpec = { name: "FromDev", trust: policy(allow({ AWS: `arn:aws:iam::${DEV}:root` })), inline: { p: admin } };

  it("org-only blocks every outside account, keeps the trust and rates it low; members pass", () => {
    const doc = analyze(withRcp(orgOnly, "p-perim001"), [vendorRole(), strangerRole, memberRole]);
    const byRole = new Map(doc.trusts.map((t) => [t.roleName, t]));
    expect(byRole.get("DatadogIntegration")!.blockedBy).toEqual({ policyId: "p-perim001", name: "OrgOnly", target: ROOT });
    expect(byRole.get("DatadogIntegration")!.risk).toBe("low");
    expect(byRole.get("DatadogIntegration")!.findings).toContain("ADMIN_ACCESS");
    expect(byRole.get("Stranger")!.blockedBy).toMatchObject({ policyId: "p-perim001" });
    expect(byRole.get("FromDev")!.blockedBy).toBeNull();
    expect(doc.vendors.find((v) => v.name === "Datadog")!.risk).toBe("low");
  });

  it("org plus an allow-list of vendor accounts lets exactly those through", () => {
    const doc = analyze(withRcp(orgPlusDatadog, "p-perim002"), [vendorRole(), strangerRole]);
    const byRole = new Map(doc.trusts.map((t) => [t.roleName, t]));
    expect(byRole.get("DatadogIntegration")!.blockedBy).toBeNull();
    expect(byRole.get("DatadogIntegration")!.risk).not.toBe("low");
    expect(byRole.get("Stranger")!.blockedBy).toMatchObject({ policyId: "p-perim002" });
  });

  it("AWS services are exempted by aws:PrincipalIsAWSService, even acting for an outside account", () => {
    const service: RoleSpec = { name: "Events", trust: policy(allow({ Service: "events.amazonaws.com" }, { Condition: { StringEquals: { "aws:SourceAccount": STRANGER } } })), inline: { p: admin } };
    expect(onlyTrust(analyze(withRcp(orgOnly, "p-perim001"), [service])).blockedBy).toBeNull();
  });

  it("without IfExists a web identity caller (no organization key) is blocked too; with it, and not matching the action, it is not", () => {
    const github: RoleSpec = { name: "Deploy", trust: policy(allow({ Federated: "arn:aws:iam::100000000002:oidc-provider/token.actions.githubusercontent.com" }, { Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } } })), inline: { p: admin } };
    const strict = rcp("p-perim003", "StrictOrg", { Effect: "Deny", Principal: "*", Action: "sts:*", Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG } } });
    expect(onlyTrust(analyze(withRcp(strict, "p-perim003"), [github])).blockedBy).toMatchObject({ policyId: "p-perim003" });
    expect(onlyTrust(analyze(withRcp(orgOnly, "p-perim001"), [github])).blockedBy).toBeNull();
  });

  it("a perimeter with an exception tag on the role spares tagged roles; a condition we cannot judge blocks nothing", () => {
    const tagged = rcp("p-perim004", "OrgUnlessExcluded", {
      Effect: "Deny",
      Principal: "*",
      Action: "sts:AssumeRole",
      Resource: "*",
      Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG, "aws:ResourceTag/dp:exclude:identity": "true" }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
    });
    const doc = analyze(withRcp(tagged, "p-perim004"), [vendorRole(), vendorRole({ name: "Excluded", tags: { "dp:exclude:identity": "true" } })]);
    expect(doc.trusts.find((t) => t.roleName === "DatadogIntegration")!.blockedBy).toMatchObject({ policyId: "p-perim004" });
    expect(doc.trusts.find((t) => t.roleName === "Excluded")!.blockedBy).toBeNull();
    const network = rcp("p-perim005", "OnlyFromOurNetwork", { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } } });
    expect(onlyTrust(analyze(withRcp(network, "p-perim005"), [vendorRole()])).blockedBy).toBeNull();
  });

  it("an RCP on one OU, or on the Resource of other roles, leaves the rest", () => {
    expect(onlyTrust(analyze(withRcp(orgOnly, "p-perim001", DEV), [vendorRole()])).blockedBy).toBeNull();
    const otherRoles = rcp("p-perim006", "OrgOnlyForAdmins", { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/Admin*", Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG } } });
    expect(onlyTrust(analyze(withRcp(otherRoles, "p-perim006"), [vendorRole()])).blockedBy).toBeNull();
  });

  it("the management account's resources are not bound by RCPs", () => {
    const doc = analyze(withRcp(orgOnly, "p-perim001"), [vendorRole()], { accounts: [MGMT] });
    expect(onlyTrust(doc).blockedBy).toBeNull();
  });

  it("blocks a bucket policy's grant to an outside account, not an SNS topic's (RCPs do not govern SNS)", () => {
    const resources = {
      AccountId: PROD,
      ResourcePolicies: [
        { Service: "s3", Region: "eu-west-1", Arn: "arn:aws:s3:::acme-reports", Policy: policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${DATADOG}:root` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reports/*" }) },
        { Service: "sns", Region: "eu-west-1", Arn: `arn:aws:sns:eu-west-1:${PROD}:alerts`, Policy: policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${DATADOG}:root` }, Action: "sns:Subscribe", Resource: "*" }) },
      ],
      ResourceShares: [],
    };
    const doc = analyze(withRcp(orgOnly, "p-perim001"), [], { resources: [resources] });
    const byService = new Map(doc.resources.map((r) => [r.service, r]));
    expect(byService.get("s3")).toMatchObject({ blockedBy: { policyId: "p-perim001", name: "OrgOnly", target: ROOT }, risk: "low" });
    expect(byService.get("sns")!.blockedBy).toBeNull();
  });
});
