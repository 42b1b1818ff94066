import { beforeEach, describe, expect, it } from "vitest";
import { AnalysisRun } from "@/lib/analysis/analysisRun";
import type { InventoryDocument } from "@/lib/analysis/analysisRecords";
import type { TrustRecord } from "@/lib/analysis/trustRecord";
import { parseVendorList, VendorDirectory } from "@/lib/analysis/vendorList";
import { authorizationDetails, listAccounts, type Encoding, type RoleSpec } from "@/testkit/exports";
import { allow, analyzer, policy } from "../helpers/policies";

const ORG = "o-acme12345";
const MGMT = "100000000001";
const PROD = "100000000002";
const DEV = "100000000003";
const DATADOG = "464622532012";
const STRANGER = "999988887777";
const NOW = new Date("2026-11-27T00:00:00Z");

const vendors = new VendorDirectory(
  parseVendorList(`- name: Datadog\n  accounts: ['${DATADOG}']\n- name: ELB logs\n  type: aws\n  accounts: ['127311923021']\n`, "known").entries,
);
const readOnly = policy({ Effect: "Allow", Action: ["ec2:Describe*", "cloudwatch:Get*"], Resource: "*" });
const admin = policy({ Effect: "Allow", Action: "*", Resource: "*" });

let run: AnalysisRun;
beforeEach(async () => {
  run = new AnalysisRun(await analyzer());
});

function analyze(roles: RoleSpec[], options: { org?: boolean; encoding?: Encoding; accountId?: string; directory?: VendorDirectory } = {}): InventoryDocument {
  if (options.org !== false) run.add("accounts.json", listAccounts(ORG, MGMT, [MGMT, PROD, DEV]));
  run.add("prod.json", authorizationDetails(options.accountId ?? PROD, { roles, encoding: options.encoding }));
  return run.inventoryDocument({ vendors: options.directory ?? vendors, now: NOW });
}

const role = (name: string, trust: unknown, extra: Partial<RoleSpec> = {}): RoleSpec => ({ name, trust: policy(trust as never), inline: { p: readOnly }, ...extra });
const only = (report: InventoryDocument): TrustRecord => {
  expect(report.trusts).toHaveLength(1);
  return report.trusts[0]!;
};

describe("internal and external principals", () => {
  it("an account of the organization is internal, and low risk whatever it can do", () => {
    const t = only(analyze([role("CrossAccountAdmin", allow({ AWS: `arn:aws:iam::${DEV}:root` }), { inline: { admin } })]));
    expect(t).toMatchObject({ internal: true, externalAccountId: DEV, vendor: null, risk: "low" });
    expect(t.findings).toEqual(["ADMIN_ACCESS", "PRIVILEGE_ESCALATION", "DESTRUCTIVE_ACTIONS", "COST_IMPACT", "DATA_ACCESS", "WRITE_ACCESS"]);
  });

  it("same-account principals are not cross-account at all", () => {
    expect(analyze([role("Local", allow({ AWS: `arn:aws:iam::${PROD}:role/deployer` }))]).trusts).toEqual([]);
  });

  it("without list-accounts, the accounts in the input are the organization", () => {
    const report = analyze([role("FromMgmt", allow({ AWS: MGMT })), role("FromDev", allow({ AWS: DEV }))], { org: false });
    expect(report.trusts.map((t) => [t.roleName, t.internal])).toEqual([
      ["FromDev", false],
      ["FromMgmt", false],
    ]);
    run.add("dev.json", authorizationDetails(DEV, { roles: [role("Local", allow({ Service: "ec2.amazonaws.com" }))] }));
    expect(run.inventoryDocument({ vendors, now: NOW }).trusts.find((t) => t.roleName === "FromDev")?.internal).toBe(true);
  });

  it("a wildcard pinned to our organization by aws:PrincipalOrgID is internal; to another organization it is not", () => {
    const ours = only(analyze([role("OrgWide", allow("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } } }))]));
    expect(ours).toMatchObject({ internal: true, principalKind: "wildcard", findings: [] });
    run = new AnalysisRun(run.analyzer);
    const theirs = only(analyze([role("OtherOrg", allow("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-other" } } }))]));
    expect(theirs).toMatchObject({ internal: false, risk: "critical" });
    expect(theirs.findings).toContain("WILDCARD_PRINCIPAL");
  });

  it("a wildcard pinned by aws:PrincipalAccount to member accounts is internal", () => {
    const t = only(analyze([role("Members", allow("*", { Condition: { StringEquals: { "aws:PrincipalAccount": DEV } } }))]));
    expect(t).toMatchObject({ internal: true, principal: `arn:aws:iam::${DEV}:root`, statementPrincipal: "*" });
  });
});

describe("findings on third-party trusts", () => {
  it("a known vendor trusted at its root without ExternalId", () => {
    const t = only(analyze([role("DatadogIntegration", allow({ AWS: `arn:aws:iam::${DATADOG}:root` }))]));
    expect(t).toMatchObject({ vendor: "Datadog", internal: false, externalAccountId: DATADOG, principalKind: "account", externalId: "missing" });
    expect(t.findings).toEqual(["ROOT_PRINCIPAL", "NO_EXTERNAL_ID"]);
    expect(t.risk).toBe("medium");
  });

  it("a read-only vendor with ExternalId is low", () => {
    const trust = allow({ AWS: `arn:aws:iam::${DATADOG}:role/DatadogAWSIntegrationRole` }, { Condition: { StringEquals: { "sts:ExternalId": "3f2e9c" } } });
    const t = only(analyze([role("DatadogIntegration", trust)]));
    expect(t).toMatchObject({ principalKind: "role", externalId: "required", findings: [], risk: "low" });
  });

  it("a vendor with admin and no ExternalId is critical", () => {
    const t = only(analyze([role("VendorAdmin", allow({ AWS: DATADOG }), { inline: { admin } })]));
    expect(t.risk).toBe("critical");
    expect(t.permissions.admin).toBe(true);
  });

  it("an account nobody named is an unknown vendor; an AWS-owned one is not", () => {
    const report = analyze([
      role("Mystery", allow({ AWS: `arn:aws:iam::${STRANGER}:role/x` }, { Condition: { StringEquals: { "sts:ExternalId": "abc123" } } })),
      role("ElbLogs", allow({ AWS: "arn:aws:iam::127311923021:root" }, { Condition: { StringEquals: { "sts:ExternalId": "abc123" } } })),
    ]);
    const mystery = report.trusts.find((t) => t.roleName === "Mystery")!;
    expect(mystery).toMatchObject({ vendor: null, findings: ["UNKNOWN_VENDOR"], risk: "medium" });
    const elb = report.trusts.find((t) => t.roleName === "ElbLogs")!;
    expect(elb).toMatchObject({ vendor: null, awsService: "ELB logs", findings: ["ROOT_PRINCIPAL"] });
    expect(report.unknownAccounts).toEqual([{ accountId: STRANGER, trusts: 1, resources: 0, risk: "medium", reachableAccounts: [PROD] }]);
  });

  it("the user's own mapping names an unknown account", () => {
    const directory = new VendorDirectory([], parseVendorList(`- name: Acme Backup\n  accounts: ['${STRANGER}']\n`, "user").entries);
    const t = only(analyze([role("Backup", allow({ AWS: STRANGER }))], { directory }));
    expect(t.vendor).toBe("Acme Backup");
    expect(t.findings).not.toContain("UNKNOWN_VENDOR");
  });

  it("root narrowed to one role by aws:PrincipalArn is not root delegation", () => {
    const trust = allow({ AWS: DATADOG }, { Condition: { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${DATADOG}:role/Integration` } } });
    const t = only(analyze([role("Narrowed", trust)]));
    expect(t).toMatchObject({ principal: `arn:aws:iam::${DATADOG}:role/Integration`, principalKind: "role", statementPrincipal: DATADOG });
    expect(t.findings).not.toContain("ROOT_PRINCIPAL");
  });

  it("a deleted principal is dangling", () => {
    const t = only(analyze([role("Orphan", allow({ AWS: "AROA3XFRBF535PLBIFPI4" }))]));
    expect(t).toMatchObject({ principalKind: "unknown-id", findings: ["DANGLING_PRINCIPAL"], risk: "low", externalAccountId: null });
  });

  it("GitHub Actions without a sub condition is critical; pinned to our repos it is a named vendor", () => {
    const github = { Federated: `arn:aws:iam::${PROD}:oidc-provider/token.actions.githubusercontent.com` };
    const open = allow(github, { Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } });
    const pinned = allow(github, { Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } } });
    const report = analyze([role("OpenCI", open), role("PinnedCI", pinned)]);
    const byRole = Object.fromEntries(report.trusts.map((t) => [t.roleName, t]));
    expect(byRole.OpenCI).toMatchObject({ principalKind: "federated", vendor: "GitHub Actions", internal: false, externalId: null, risk: "critical" });
    expect(byRole.OpenCI!.findings).toEqual(["OIDC_UNRESTRICTED"]);
    expect(byRole.PinnedCI).toMatchObject({ vendor: "GitHub Actions", findings: [], risk: "low" });
    expect(report.vendors).toEqual([{ name: "GitHub Actions", accountIds: [], trusts: 2, resources: 0, risk: "critical", reachableAccounts: [PROD] }]);
  });

  it("our own SAML identity provider is internal", () => {
    const t = only(analyze([role("Sso", allow({ Federated: `arn:aws:iam::${PROD}:saml-provider/Okta` }, { Action: "sts:AssumeRoleWithSAML" }))]));
    expect(t).toMatchObject({ internal: true, principalKind: "federated", risk: "low" });
  });

  describe("UNUSED", () => {
    const vendorRole = (name: string, extra: Partial<RoleSpec>) => role(name, allow({ AWS: DATADOG }), extra);
    it("is raised when the role was last used over 90 days ago, or never and created over 90 days ago", () => {
      const report = analyze([
        vendorRole("Stale", { lastUsed: "2026-05-01T00:00:00Z" }),
        vendorRole("Fresh", { lastUsed: "2026-11-20T00:00:00Z" }),
        vendorRole("NeverOld", { lastUsed: null, createDate: "2025-01-01T00:00:00Z" }),
        vendorRole("NeverNew", { lastUsed: null, createDate: "2026-11-01T00:00:00Z" }),
        vendorRole("NoData", { createDate: "2020-01-01T00:00:00Z" }),
      ]);
      const unused = report.trusts.filter((t) => t.findings.includes("UNUSED")).map((t) => t.roleName).sort();
      expect(unused).toEqual(["NeverOld", "Stale"]);
      expect(report.trusts.find((t) => t.roleName === "Fresh")?.lastUsed).toBe("2026-11-20T00:00:00.000Z");
    });
  });
});

describe("reading the input", () => {
  it.each<Encoding>(["object", "json", "url"])("analyses %s policy documents the same way", async (encoding) => {
    const roles = [role("V", allow({ AWS: DATADOG }), { inline: { admin }, managed: [`arn:aws:iam::${PROD}:policy/Read`], boundary: `arn:aws:iam::${PROD}:policy/Boundary` })];
    run.add("prod.json", {
      ...authorizationDetails(PROD, { roles, encoding }),
      Policies: authorizationDetails(PROD, {
        encoding,
        policies: [
          { arn: `arn:aws:iam::${PROD}:policy/Read`, document: readOnly },
          { arn: `arn:aws:iam::${PROD}:policy/Boundary`, document: policy({ Effect: "Allow", Action: "s3:*", Resource: "*" }) },
        ],
      }).Policies,
    });
    const t = only(run.inventoryDocument({ vendors, now: NOW }));
    expect(t.permissions.boundary).toBe(`arn:aws:iam::${PROD}:policy/Boundary`);
    expect(t.permissions.services.map((s) => s.service)).toEqual(["s3"]);
    expect(t.permissions.admin).toBe(false);
  });

  it("uses the default version of a managed policy", () => {
    const arn = `arn:aws:iam::${PROD}:policy/Versioned`;
    run.add("prod.json", {
      ...authorizationDetails(PROD, { roles: [role("V", allow({ AWS: DATADOG }), { inline: {}, managed: [arn] })] }),
      Policies: authorizationDetails(PROD, { policies: [{ arn, document: readOnly, otherVersions: [admin] }] }).Policies,
    });
    expect(only(run.inventoryDocument({ vendors, now: NOW })).permissions.admin).toBe(false);
  });

  it("reports a managed policy missing from the input instead of treating it as empty", () => {
    const arn = "arn:aws:iam::aws:policy/AdministratorAccess";
    const t = only(analyze([role("V", allow({ AWS: DATADOG }), { managed: [arn] })]));
    expect(t.permissions.missingPolicies).toEqual([arn]);
    expect(run.errors).toEqual([]);
    expect(run.inventoryDocument({ vendors, now: NOW }).errors).toEqual([
      { source: `${PROD}/role/V`, message: `policy ${arn}: not in the input (export with the LocalManagedPolicy and AWSManagedPolicy filters)` },
    ]);
  });

  it("reports a malformed trust or permission policy and analyses the other roles", () => {
    const report = analyze([
      { name: "BrokenTrust", trust: "{not json" },
      role("BrokenInline", allow({ AWS: DATADOG }), { inline: { bad: { Statement: { Effect: "Maybe", Action: "*" } }, p: readOnly } }),
      role("Fine", allow({ AWS: DATADOG })),
    ]);
    expect(report.trusts.map((t) => t.roleName).sort()).toEqual(["BrokenInline", "Fine"]);
    expect(report.errors).toEqual([
      { source: `${PROD}/role/BrokenTrust`, message: expect.stringMatching(/^trust policy: policy document is not valid JSON/) },
      { source: `${PROD}/role/BrokenInline`, message: 'policy bad: Statement[0].Effect must be "Allow" or "Deny", got "Maybe"' },
    ]);
    expect(report.trusts.find((t) => t.roleName === "BrokenInline")?.permissions.missingPolicies).toEqual(["bad"]);
  });

  it("refuses a second export of the same account and shapes it does not know", () => {
    const local = [role("Local", allow({ Service: "ec2.amazonaws.com" }))];
    run.add("a.json", authorizationDetails(PROD, { roles: local }));
    expect(run.add("b.json", authorizationDetails(PROD, { roles: local }))).toBeNull();
    expect(run.add("empty.json", authorizationDetails(DEV, { roles: [] }))).toBeNull();
    expect(run.add("c.json", { Hello: "world" })).toBeNull();
    expect(run.errors.map((e) => `${e.source}: ${e.message}`)).toEqual([
      `b.json: a second export of account ${PROD} (first read from a.json); skipped`,
      "empty.json: no ARN in the export names its account, so its account id is unknown",
      "c.json: not a get-account-authorization-details export (RoleDetailList), an Organizations list-accounts output (Accounts), a resource export (ResourcePolicies, ResourceShares) nor an Organizations policy output (describe-policy, list-policies, list-targets-for-policy, list-parents)",
    ]);
  });

  it("analyses each distinct policy document and each distinct combination once", () => {
    const roles = Array.from({ length: 50 }, (_, i) => role(`Vendor${i}`, allow({ AWS: DATADOG }), { inline: { p: readOnly } }));
    analyze(roles);
    run.add("dev.json", authorizationDetails(DEV, { roles }));
    expect(run.analyzer.stats).toMatchObject({ roles: 100, trustDocuments: 1, permissionDocuments: 1, permissionSets: 1 });
  });
});
