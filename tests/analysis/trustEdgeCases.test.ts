/**
 * Classes of trust policies that are easy to read wrongly (docs/analysis.md, "Trust analysis"):
 * presence-only and combined ExternalId conditions, one principal spelled several ways,
 * wildcards narrowed by a Deny, conditions no outside caller can meet, services acting for an
 * outside account, and shared identity providers judged the same restricted or not.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { AnalysisRun } from "@/lib/analysis/analysisRun";
import type { InventoryDocument } from "@/lib/analysis/analysisRecords";
import { parsePolicyDocument } from "@/lib/analysis/policyDocument";
import { analyzeTrustPolicy } from "@/lib/analysis/trustPolicy";
import { parseVendorList, VendorDirectory } from "@/lib/analysis/vendorList";
import { authorizationDetails, listAccounts, type RoleSpec } from "@/testkit/exports";
import { allow, analyzer, policy, trustGrants, type StatementInput } from "../helpers/policies";

const VENDOR = "111122223333";
const OTHER = "444455556666";
const ORG = "o-acme12345";
const MGMT = "100000000001";
const PROD = "100000000002";
const DEV = "100000000003";
const DATADOG = "464622532012";
const NOW = new Date("2026-11-27T00:00:00Z");

const externalId = (condition: Record<string, unknown>) => trustGrants(allow({ AWS: `arn:aws:iam::${VENDOR}:root` }, { Condition: condition }))[0]!.externalId;
const principals = (...statements: StatementInput[]) => trustGrants(...statements).map((g) => g.principal.value).sort();

describe("ExternalId: what the conditions bind together", () => {
  it.each([
    ["Null false alone: the key must be sent, any value will do", { Null: { "sts:ExternalId": "false" } }, "weak"],
    ["Null false as a list", { Null: { "sts:ExternalId": ["false"] } }, "weak"],
    ["Null false with an IfExists value: together they bind the value", { Null: { "sts:ExternalId": "false" }, StringEqualsIfExists: { "sts:ExternalId": "a1b2c3" } }, "required"],
    ["Null false with ForAllValues on a value", { Null: { "sts:ExternalId": "false" }, "ForAllValues:StringEquals": { "sts:ExternalId": ["a1b2c3"] } }, "required"],
    ["Null false with an IfExists wildcard: still any value", { Null: { "sts:ExternalId": "false" }, StringLikeIfExists: { "sts:ExternalId": "*" } }, "weak"],
    ["Null false and a binding value", { Null: { "sts:ExternalId": "false" }, StringEquals: { "sts:ExternalId": "a1b2c3" } }, "required"],
    ["IfExists alone binds nothing", { StringEqualsIfExists: { "sts:ExternalId": "a1b2c3" } }, "missing"],
    ["Null true: the key must be absent", { Null: { "sts:ExternalId": "true" } }, "missing"],
    ["Null false on another key", { Null: { "aws:SourceIdentity": "false" }, StringEqualsIfExists: { "sts:ExternalId": "a1b2c3" } }, "missing"],
    ["operator and key in any case", { null: { "STS:EXTERNALID": "FALSE" } }, "weak"],
  ])("%s", (_name, condition, expected) => {
    expect(externalId(condition)).toBe(expected);
  });
});

describe("one principal, many spellings", () => {
  it("a bare account id and the account's root ARN are one principal, listed once", () => {
    expect(principals(allow({ AWS: [VENDOR, `arn:aws:iam::${VENDOR}:root`] }))).toEqual([`arn:aws:iam::${VENDOR}:root`]);
  });

  it("a bare id means the role's own partition", () => {
    const grants = analyzeTrustPolicy(parsePolicyDocument(policy(allow({ AWS: [VENDOR, `arn:aws-cn:iam::${VENDOR}:root`] }))), "aws-cn").grants;
    expect(grants.map((g) => [g.principal.value, g.principal.partition])).toEqual([[`arn:aws-cn:iam::${VENDOR}:root`, "aws-cn"]]);
    const gov = analyzeTrustPolicy(parsePolicyDocument(policy(allow({ AWS: VENDOR }))), "aws-us-gov").grants;
    expect(gov[0]!.principal.value).toBe(`arn:aws-us-gov:iam::${VENDOR}:root`);
  });

  it("ARN prefixes and role names that differ only in case are one principal", () => {
    expect(principals(allow({ AWS: [`ARN:AWS:IAM::${VENDOR}:role/Deployer`, `arn:aws:iam::${VENDOR}:role/deployer`] }))).toHaveLength(1);
    expect(principals(allow({ AWS: [`arn:aws:iam::${VENDOR}:ROOT`, VENDOR] }))).toEqual([`arn:aws:iam::${VENDOR}:root`]);
  });

  it("the least restricted statement counts across spellings", () => {
    const grants = trustGrants(
      allow({ AWS: `arn:aws:iam::${VENDOR}:root` }, { Condition: { StringEquals: { "sts:ExternalId": "a1b2c3" } } }),
      allow({ AWS: VENDOR }),
    );
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ externalId: "missing", statements: [1, 0] });
  });

  it("a Deny naming the principal in another spelling removes it", () => {
    expect(trustGrants(allow({ AWS: `arn:aws:iam::${VENDOR}:root` }), { Effect: "Deny", Principal: { AWS: VENDOR }, Action: "sts:AssumeRole" })).toEqual([]);
    expect(trustGrants(allow({ AWS: `arn:aws:iam::${VENDOR}:role/Deployer` }), { Effect: "Deny", Principal: { AWS: `ARN:aws:iam::${VENDOR}:role/Deployer` }, Action: "sts:*" })).toEqual([]);
  });
});

describe("wildcards narrowed by a Deny", () => {
  const denyUnless = (operator: string, key: string, values: string[]): StatementInput => ({ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Condition: { [operator]: { [key]: values } } });

  it("Allow * with Deny unless aws:PrincipalAccount is listed leaves exactly those accounts", () => {
    expect(principals(allow("*"), denyUnless("StringNotEquals", "aws:PrincipalAccount", [VENDOR, OTHER]))).toEqual([`arn:aws:iam::${VENDOR}:root`, `arn:aws:iam::${OTHER}:root`]);
  });

  it("Allow * with Deny unless aws:PrincipalArn is listed leaves exactly those principals", () => {
    const grants = trustGrants(allow("*"), denyUnless("ArnNotEquals", "aws:PrincipalArn", [`arn:aws:iam::${VENDOR}:role/Integration`]));
    expect(grants.map((g) => [g.principal.kind, g.principal.value, g.statementPrincipal])).toEqual([["role", `arn:aws:iam::${VENDOR}:role/Integration`, "*"]]);
  });

  it("Allow * with Deny unless aws:PrincipalOrgPaths is under an organization pins it to that organization", () => {
    const grants = trustGrants(allow("*"), denyUnless("ForAnyValue:StringNotLike", "aws:PrincipalOrgPaths", [`${ORG}/r-ab12/*`]));
    // A set operator is not the single-key "unless" form: nothing is assumed narrowed.
    expect(grants[0]!.principalOrgIds).toBeNull();
    const plain = trustGrants(allow("*"), denyUnless("StringNotLike", "aws:PrincipalOrgPaths", [`${ORG}/r-ab12/*`]));
    expect(plain[0]).toMatchObject({ principal: { kind: "wildcard" }, principalOrgIds: [ORG] });
  });

  it("an account root narrowed by such a Deny to another account grants nobody", () => {
    expect(trustGrants(allow({ AWS: VENDOR }), denyUnless("StringNotEquals", "aws:PrincipalAccount", [OTHER]))).toEqual([]);
  });

  it("a NotPrincipal Deny that spares the narrowed principal leaves it", () => {
    const partner = `arn:aws:iam::${VENDOR}:role/Partner`;
    const spare = { Effect: "Deny", NotPrincipal: { AWS: partner }, Action: "sts:AssumeRole" };
    expect(principals(allow("*", { Condition: { ArnEquals: { "aws:PrincipalArn": partner } } }), spare)).toEqual([partner]);
    expect(principals(allow({ AWS: VENDOR }, { Condition: { ArnEquals: { "aws:PrincipalArn": partner } } }), spare)).toEqual([partner]);
    // …and removes everyone else.
    expect(principals(allow({ AWS: OTHER }), spare)).toEqual([]);
  });

  it("an Allow's accounts and a Deny's 'unless' accounts must both hold: only those in both", () => {
    expect(principals(allow("*", { Condition: { StringEquals: { "aws:PrincipalAccount": [VENDOR, OTHER] } } }), denyUnless("StringNotEquals", "aws:PrincipalAccount", [VENDOR]))).toEqual([`arn:aws:iam::${VENDOR}:root`]);
    const service = trustGrants(allow({ Service: "events.amazonaws.com" }, { Condition: { StringEquals: { "aws:SourceAccount": [VENDOR, OTHER] } } }), denyUnless("StringNotEquals", "aws:SourceAccount", [OTHER]));
    expect(service.map((g) => g.principal.accountId)).toEqual([OTHER]);
  });

  it("a wildcard narrowed to an account is in the role's partition, and merges with the same account named outright", () => {
    const grants = analyzeTrustPolicy(parsePolicyDocument(policy(allow("*", { Condition: { StringEquals: { "aws:PrincipalAccount": VENDOR, "sts:ExternalId": "a1b2c3" } } }), allow({ AWS: VENDOR }))), "aws-cn").grants;
    expect(grants.map((g) => [g.principal.value, g.externalId])).toEqual([[`arn:aws-cn:iam::${VENDOR}:root`, "missing"]]);
  });

  it("a Deny naming one of the narrowed accounts still removes it", () => {
    const grants = trustGrants(allow("*", { Condition: { StringEquals: { "aws:PrincipalAccount": [VENDOR, OTHER] } } }), { Effect: "Deny", Principal: { AWS: OTHER }, Action: "sts:AssumeRole" });
    expect(grants.map((g) => g.principal.value)).toEqual([`arn:aws:iam::${VENDOR}:root`]);
  });
});

describe("services acting for an account", () => {
  it("a service pinned by aws:SourceAccount acts for that account", () => {
    const grants = trustGrants(allow({ Service: "events.amazonaws.com" }, { Condition: { StringEquals: { "aws:SourceAccount": VENDOR } } }));
    expect(grants.map((g) => [g.principal.kind, g.principal.value, g.principal.accountId, g.externalId])).toEqual([["service", `events.amazonaws.com for ${VENDOR}`, VENDOR, null]]);
  });

  it("aws:SourceArn names the account too, wildcards elsewhere allowed; one grant per account", () => {
    const grants = trustGrants(
      allow({ Service: ["sns.amazonaws.com"] }, { Condition: { ArnLike: { "aws:SourceArn": [`arn:aws:sns:*:${VENDOR}:alerts-*`, `arn:aws:sns:us-east-1:${OTHER}:x`] } } }),
    );
    expect(grants.map((g) => g.principal.accountId).sort()).toEqual([VENDOR, OTHER].sort());
  });

  it("a service without them, or with a source that names no account, is not listed", () => {
    expect(trustGrants(allow({ Service: "lambda.amazonaws.com" }))).toEqual([]);
    expect(trustGrants(allow({ Service: "s3.amazonaws.com" }, { Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::some-bucket" } } }))).toEqual([]);
    expect(trustGrants(allow({ Service: "s3.amazonaws.com" }, { Condition: { StringLike: { "aws:SourceAccount": "1111*" } } }))).toEqual([]);
  });

  it("a Deny on the service removes it", () => {
    expect(trustGrants(allow({ Service: "events.amazonaws.com" }, { Condition: { StringEquals: { "aws:SourceAccount": VENDOR } } }), { Effect: "Deny", Principal: { Service: "EVENTS.amazonaws.com" }, Action: "sts:AssumeRole" })).toEqual([]);
  });
});

describe("judged in the organization", () => {
  const vendors = new VendorDirectory(parseVendorList(`- name: Datadog\n  accounts: ['${DATADOG}']\n`, "known").entries);
  const readOnly = policy({ Effect: "Allow", Action: ["ec2:Describe*"], Resource: "*" });
  let run: AnalysisRun;
  beforeEach(async () => {
    run = new AnalysisRun(await analyzer());
  });
  const analyze = (trust: StatementInput | StatementInput[]): InventoryDocument => {
    const statements = Array.isArray(trust) ? trust : [trust];
    const roles: RoleSpec[] = [{ name: "Role", trust: policy(...statements), inline: { p: readOnly } }];
    run = new AnalysisRun(run.analyzer); // each call analyzes an organization of its own
    run.add("accounts.json", listAccounts(ORG, MGMT, [MGMT, PROD, DEV]));
    run.add("prod.json", authorizationDetails(PROD, { roles }));
    return run.inventoryDocument({ vendors, now: NOW });
  };

  it("an outside account pinned by aws:PrincipalOrgID to our own organization can never match: nobody", () => {
    expect(analyze(allow({ AWS: DATADOG }, { Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } } })).trusts).toEqual([]);
    expect(analyze(allow({ AWS: `arn:aws:iam::${DATADOG}:role/x` }, { Condition: { StringLike: { "aws:PrincipalOrgPaths": `${ORG}/*` } } })).trusts).toEqual([]);
  });

  it("pinned to another organization, or a member pinned to ours, it stays", () => {
    expect(analyze(allow({ AWS: DATADOG }, { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-datadog" } } })).trusts).toHaveLength(1);
    expect(analyze(allow({ AWS: DEV }, { Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } } })).trusts[0]).toMatchObject({ internal: true });
  });

  it("a service acting for an outside account is that account's access, through the service", () => {
    const t = analyze(allow({ Service: "events.amazonaws.com" }, { Condition: { StringEquals: { "aws:SourceAccount": DATADOG } } })).trusts;
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ principalKind: "service", principal: `events.amazonaws.com for ${DATADOG}`, statementPrincipal: "events.amazonaws.com", externalAccountId: DATADOG, vendor: "Datadog", internal: false, externalId: null });
    const stranger = analyze(allow({ Service: "events.amazonaws.com" }, { Condition: { StringEquals: { "aws:SourceAccount": "999988887777" } } })).trusts[0]!;
    expect(stranger.findings).toContain("UNKNOWN_VENDOR");
    expect(stranger.findings).not.toContain("NO_EXTERNAL_ID");
  });

  it("a service acting for a member account is internal, and for our own account not listed", () => {
    expect(analyze(allow({ Service: "events.amazonaws.com" }, { Condition: { StringEquals: { "aws:SourceAccount": DEV } } })).trusts[0]).toMatchObject({ internal: true });
    expect(analyze(allow({ Service: "events.amazonaws.com" }, { Condition: { StringEquals: { "aws:SourceAccount": PROD } } })).trusts).toEqual([]);
  });

  it("a shared identity provider is the same party restricted or not; restriction changes findings and risk", () => {
    const cognito = { Federated: "cognito-identity.amazonaws.com" };
    const restricted = analyze(allow(cognito, { Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:pool-id" } } })).trusts[0]!;
    const open = analyze(allow(cognito, { Action: "sts:AssumeRoleWithWebIdentity" })).trusts[0]!;
    for (const t of [restricted, open]) expect(t).toMatchObject({ internal: false, vendor: "Amazon Cognito" });
    expect(restricted.findings).not.toContain("OIDC_UNRESTRICTED");
    expect(open.findings).toContain("OIDC_UNRESTRICTED");
  });
});
