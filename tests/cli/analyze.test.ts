import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { InventoryDocument } from "@/lib/analysis/analysisRecords";
import { authorizationDetails } from "@/testkit/exports";
import { allow, policy } from "../helpers/policies";
import { runCli } from "../helpers/cli";
import { SHARED_DATA } from "@/testkit/sharedData";

const ACME = new URL("../fixtures/acme-org/", import.meta.url).pathname;
const KNOWN = join(SHARED_DATA, "known_aws_accounts.yaml");

describe("vendorscope analyze", () => {
  it("prints help for the command and each subcommand", async () => {
    const top = await runCli(["--help"]);
    expect(top).toMatchObject({ code: 0 });
    expect(top.stdout).toMatch(/analyze\s+Analyse exported IAM data/);
    const sub = await runCli(["analyze", "--help"]);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/^Usage: vendorscope analyze PATH/);
    expect(sub.stdout).toContain("--known-accounts FILE");
  });

  it.each([
    [[], "vendorscope: missing command (try 'vendorscope --help')"],
    [["frobnicate"], "vendorscope: unknown command 'frobnicate' (try 'vendorscope --help')"],
    [["analyze"], "vendorscope analyze: missing PATH (try 'vendorscope analyze --help')"],
    [["analyze", "a", "b"], "vendorscope analyze: unexpected argument 'b' (try 'vendorscope analyze --help')"],
    [["analyze", ".", "--colour"], "vendorscope analyze: Unknown option '--colour' (try 'vendorscope analyze --help')"],
    [["analyze", "/no/such/dir"], "vendorscope analyze: no such file or directory: /no/such/dir (try 'vendorscope analyze --help')"],
    [["analyze", ".", "--as-of", "someday"], `vendorscope analyze: --as-of: "someday" is not a date (try 'vendorscope analyze --help')`],
  ])("refuses bad usage %j with exit code 2 and one line", async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.stdout).toBe("");
  });

  it("finds the wildcard trust in the real cloudmapper export", async () => {
    const { code, stdout } = await runCli(["analyze", join(SHARED_DATA, "authz-samples"), "--known-accounts", KNOWN, "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as InventoryDocument;
    expect(report.accounts).toEqual([{ accountId: "123456789012", name: null, roles: 4, users: 2 }]);
    expect(report.trusts).toHaveLength(1);
    expect(report.trusts[0]).toMatchObject({
      roleName: "bad_role",
      principal: "*",
      principalKind: "wildcard",
      internal: false,
      externalId: "missing",
      risk: "critical",
    });
    // Anyone can get in: that is the finding; "no ExternalId" would add nothing.
    expect(report.trusts[0]!.findings).toContain("WILDCARD_PRINCIPAL");
    expect(report.trusts[0]!.findings).not.toContain("NO_EXTERNAL_ID");
    // The directory also holds a README and a licence: reported, and the export still analysed.
    expect(report.errors.map((e) => e.source.split("/").pop())).toEqual(["README.md", "cloudmapper.LICENSE"]);
    expect(report.errors.every((e) => e.message.startsWith("not valid JSON"))).toBe(true);
  });

  it("analyses the Acme fixture organization end to end", async () => {
    const { code, stdout, stderr } = await runCli([
      "analyze",
      join(ACME, "exports"),
      "--known-accounts",
      KNOWN,
      "--vendors",
      join(ACME, "vendors.yaml"),
      "--as-of",
      "2026-11-27",
      "--json",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as InventoryDocument;
    expect(report.organization).toEqual({ orgId: "o-acme1234567", managementAccountId: "210000000001", members: 5, notAnalysed: ["210000000005"] });
    expect(report.errors).toEqual([]);
    const rows = report.trusts.map((t) => `${t.accountId.slice(-1)} ${t.roleName} ${t.internal ? "internal" : t.vendor ?? "-"} ${t.risk} ${t.findings.join(",")}`);
    expect(rows).toEqual([
      "1 billing-export - critical ROOT_PRINCIPAL,NO_EXTERNAL_ID,UNKNOWN_VENDOR,DATA_ACCESS",
      "2 contractor-admin Initech Consulting critical ROOT_PRINCIPAL,NO_EXTERNAL_ID,ADMIN_ACCESS,PRIVILEGE_ESCALATION,DESTRUCTIVE_ACTIONS,COST_IMPACT,DATA_ACCESS,WRITE_ACCESS",
      "2 legacy-ci GitHub Actions critical OIDC_UNRESTRICTED,PRIVILEGE_ESCALATION,DESTRUCTIVE_ACTIONS,COST_IMPACT,DATA_ACCESS,WRITE_ACCESS",
      "2 public-reports - critical WILDCARD_PRINCIPAL,UNUSED,DATA_ACCESS",
      "2 github-deploy GitHub Actions high PRIVILEGE_ESCALATION,DESTRUCTIVE_ACTIONS,DATA_ACCESS,WRITE_ACCESS",
      "3 DatadogAWSIntegrationRole Datadog high ROOT_PRINCIPAL,WEAK_EXTERNAL_ID,DATA_ACCESS",
      "2 DatadogAWSIntegrationRole Datadog medium ROOT_PRINCIPAL,DATA_ACCESS",
      "3 snyk-scanner Snyk medium DATA_ACCESS",
      "1 CloudHealthRole Cloudhealth low ROOT_PRINCIPAL",
      "2 old-partner - low DANGLING_PRINCIPAL,UNUSED",
      "2 OrganizationAccountAccessRole internal low ADMIN_ACCESS,PRIVILEGE_ESCALATION,DESTRUCTIVE_ACTIONS,COST_IMPACT,DATA_ACCESS,WRITE_ACCESS",
      "3 org-readers internal low ",
      "3 OrganizationAccountAccessRole internal low ADMIN_ACCESS,PRIVILEGE_ESCALATION,DESTRUCTIVE_ACTIONS,COST_IMPACT,DATA_ACCESS,WRITE_ACCESS",
      "4 OrganizationAccountAccessRole internal low ADMIN_ACCESS,PRIVILEGE_ESCALATION,DESTRUCTIVE_ACTIONS,COST_IMPACT,DATA_ACCESS,WRITE_ACCESS",
      "4 RackspaceAudit Rackspace low UNUSED",
    ]);
    // Under an S3-read boundary, an AdministratorAccess role reads S3 and nothing else.
    const snyk = report.trusts.find((t) => t.roleName === "snyk-scanner")!;
    expect(snyk.permissions).toMatchObject({ admin: false, accessLevels: ["List", "Read"], dataAccess: ["s3:GetObject", "s3:GetObjectVersion"] });
    expect(snyk.permissions.services.map((s) => s.service)).toEqual(["s3"]);
    expect(report.vendors.map((v) => `${v.name}:${v.risk}:${v.trusts}`)).toEqual([
      "GitHub Actions:critical:2",
      "Initech Consulting:critical:1",
      "Datadog:high:2",
      "Snyk:medium:1",
      "Cloudhealth:low:1",
      "Rackspace:low:1",
    ]);
    expect(report.unknownAccounts).toEqual([{ accountId: "777766665555", trusts: 1, resources: 0, risk: "critical", reachableAccounts: ["210000000001"] }]);
  });

  it("prints readable tables without --json", async () => {
    const { code, stdout } = await runCli(["analyze", join(ACME, "exports"), "--vendors", join(ACME, "vendors.yaml"), "--as-of", "2026-11-27"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Analysed 4 accounts \(17 roles, 1 user\) of organization o-acme1234567; 1 member account not in the input: 210000000005/);
    expect(stdout).toMatch(/Vendors \(\d+\)\n\s+RISK\s+VENDOR/);
    expect(stdout).toMatch(/critical\s+210000000002\s+contractor-admin\s+arn:aws:iam::888877776666:root\s+Initech Consulting\s+missing\s+ROOT_PRINCIPAL NO_EXTERNAL_ID ADMIN_ACCESS/);
    expect(stdout).toContain("4 internal not shown");
  });

  it("reports a non-JSON file, an invalid policy and a 10 MB document, and still produces the rest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vendorscope-analyze-"));
    mkdirSync(join(dir, "nested"));
    writeFileSync(join(dir, "notes.txt"), "these are not JSON");
    writeFileSync(join(dir, "unknown-shape.json"), JSON.stringify({ Users: [] }));
    const vendorRole = { name: "Vendor", trust: policy(allow({ AWS: "464622532012" })), inline: { read: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) } };
    writeFileSync(
      join(dir, "nested", "account-a.json"),
      JSON.stringify(
        authorizationDetails("300000000001", {
          roles: [vendorRole, { name: "BadTrust", trust: { Statement: { Effect: "Allow", Principal: "*" } } }, { name: "Huge", trust: policy(allow("*", { Sid: "x".repeat(10 * 1024 * 1024) })) }],
        }),
      ),
    );
    writeFileSync(join(dir, "account-b.json"), JSON.stringify(authorizationDetails("300000000002", { roles: [vendorRole], encoding: "url" })));
    const { code, stdout } = await runCli(["analyze", dir, "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as InventoryDocument;
    expect(report.trusts.map((t) => `${t.accountId}/${t.roleName}`)).toEqual(["300000000001/Vendor", "300000000002/Vendor"]);
    expect(report.errors).toEqual([
      { source: join(dir, "notes.txt"), message: expect.stringMatching(/^not valid JSON: /) },
      { source: join(dir, "unknown-shape.json"), message: expect.stringMatching(/^not a get-account-authorization-details export/) },
      { source: "300000000001/role/BadTrust", message: "trust policy: Statement[0] must have exactly one of Action and NotAction" },
      { source: "300000000001/role/Huge", message: expect.stringMatching(/^trust policy: policy document is 10,\d{3},\d{3} characters, over the 131,072 limit$/) },
    ]);
  });

  it("exits 1 when no account could be analysed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "vendorscope-analyze-"));
    writeFileSync(join(dir, "broken.json"), "{");
    const { code, stdout } = await runCli(["analyze", dir, "--json"]);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as InventoryDocument).errors).toHaveLength(1);
  });
});
