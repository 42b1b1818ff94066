/**
 * The DEMO organization (demo/, made by scripts/demo/generateDemo.ts) as `vendorscope analyze`
 * sees it: the last snapshot shows every finding and every risk level without errors, the
 * earlier ones differ from it the way demo/README.md says, and the committed files are exactly
 * what the generator writes.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCredentialReport } from "@/lib/analysis/credentialReport";
import { FINDING_RULES } from "@/lib/analysis/findings";
import type { InventoryDocument } from "@/lib/analysis/analysisRecords";
import type { TrustRecord } from "@/lib/analysis/trustRecord";
import { RISKS } from "@/lib/analysis/risk";
import { attributeUser } from "@/lib/inventory/userAttribution";
import { DEMO_ACCOUNTS, DEMO_ORG_ID, DEMO_SNAPSHOTS, DEMO_UNKNOWN_ACCOUNTS, DEMO_VENDORS, HOSTILE_ROLE_NAME, demoFiles, writeDemo } from "@/scripts/demo/generateDemo";
import { runCli } from "../helpers/cli";
import { sharedData } from "@/testkit/sharedData";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const DEMO = join(REPO, "demo");
const VENDORS = join(DEMO, "vendors.yaml");
const [FIRST, SECOND, LAST] = DEMO_SNAPSHOTS as [(typeof DEMO_SNAPSHOTS)[number], (typeof DEMO_SNAPSHOTS)[number], (typeof DEMO_SNAPSHOTS)[number]];

/** The codes docs/analysis.md lists; the demo must show each of them. */
const FINDING_CODES = [
  "ROOT_PRINCIPAL", "NO_EXTERNAL_ID", "WEAK_EXTERNAL_ID", "WILDCARD_PRINCIPAL", "DANGLING_PRINCIPAL", "OIDC_UNRESTRICTED", "UNKNOWN_VENDOR",
  "UNUSED", "ADMIN_ACCESS", "PRIVILEGE_ESCALATION", "DESTRUCTIVE_ACTIONS", "COST_IMPACT", "DATA_ACCESS", "WRITE_ACCESS",
];

async function analyze(snapshot: (typeof DEMO_SNAPSHOTS)[number]) {
  const result = await runCli(["analyze", join(DEMO, "snapshots", snapshot.dir), "--vendors", VENDORS, "--json", "--as-of", snapshot.date]);
  return { ...result, report: result.code === 0 ? (JSON.parse(result.stdout) as InventoryDocument) : null };
}

const accountName = (id: string) => DEMO_ACCOUNTS.find((a) => a.id === id)!.name;
const external = (report: InventoryDocument) => report.trusts.filter((t) => !t.internal);
const vendorNames = (report: InventoryDocument) => report.vendors.map((v) => v.name);

function trust(report: InventoryDocument, account: string, role: string): TrustRecord {
  const found = report.trusts.filter((t) => accountName(t.accountId) === account && t.roleName === role);
  expect(found, `${account}/${role}`).toHaveLength(1);
  return found[0]!;
}

const row = (t: TrustRecord) => `${t.risk} ${t.findings.join(",")}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe("the demo organization", () => {
  const reports = new Map<number, Awaited<ReturnType<typeof analyze>>>();

  beforeAll(async () => {
    for (const snapshot of DEMO_SNAPSHOTS) reports.set(snapshot.index, await analyze(snapshot));
  }, 120_000);

  it("has three snapshots, oldest first, each a full export set", () => {
    expect(DEMO_SNAPSHOTS.map((s) => s.dir)).toEqual(["1-2026-08-01", "2-2026-09-15", "3-2026-11-01"]);
    expect(readdirSync(join(DEMO, "snapshots")).sort()).toEqual(DEMO_SNAPSHOTS.map((s) => s.dir));
    const last = readdirSync(join(DEMO, "snapshots", LAST.dir)).sort();
    expect(last.filter((f) => f.endsWith("-authz.json"))).toHaveLength(20);
    expect(last.filter((f) => f.endsWith("-credential-report.csv"))).toEqual([
      "customer-portal-prod-credential-report.csv",
      "data-platform-prod-credential-report.csv",
      "meridian-log-archive-credential-report.csv",
      "meridian-management-credential-report.csv",
      "payments-dev-credential-report.csv",
    ]);
    expect(last).toContain("list-accounts.json");
  });

  it("analyses the last snapshot: 20 accounts, every finding, every risk level, no errors", () => {
    const { code, stderr, report } = reports.get(LAST.index)!;
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(report!.errors).toEqual([]);
    expect(report!.organization).toEqual({ orgId: DEMO_ORG_ID, managementAccountId: "194820573316", members: 20, notAnalysed: [] });
    expect(report!.accounts).toHaveLength(20);
    expect(report!.accounts.every((a) => a.name !== null)).toBe(true);
    expect(report!.accounts.reduce((n, a) => n + a.roles, 0)).toBe(231);
    expect(report!.accounts.reduce((n, a) => n + a.users, 0)).toBe(11);

    const findings = new Set(report!.trusts.flatMap((t) => t.findings));
    expect([...findings].sort()).toEqual([...FINDING_CODES].sort());
    expect(FINDING_RULES.map((r) => r.code).sort()).toEqual([...FINDING_CODES].sort());
    expect(new Set(report!.trusts.map((t) => t.risk))).toEqual(new Set(RISKS));
    expect(new Set(external(report!).map((t) => t.risk))).toEqual(new Set(RISKS));
    // Nothing the catalogue does not know, no policy missing from the exports.
    expect(report!.trusts.flatMap((t) => [...t.permissions.unknownActions, ...t.permissions.missingPolicies])).toEqual([]);
  });

  it("has resource grants of every policy kind, a share and an Access Analyzer finding: public, vendor, service for a vendor, unknown", () => {
    const { report } = reports.get(LAST.index)!;
    const grants = report!.resources.filter((r) => !r.internal);
    expect(grants.map((r) => `${r.risk} ${r.service} ${r.vendor ?? r.externalAccountId ?? r.principal} ${r.findings.join(",")}`)).toEqual([
      "critical ebs-snapshot 930417258863 UNKNOWN_VENDOR,DATA_ACCESS",
      "critical s3 * WILDCARD_PRINCIPAL,DATA_ACCESS",
      "high dynamodb Vandelay Data Warehouse DATA_ACCESS",
      "high s3 Vandelay Data Warehouse DESTRUCTIVE_ACTIONS,DATA_ACCESS,WRITE_ACCESS",
      "high ecr Globex CI DATA_ACCESS",
      "high lambda Globex CI WRITE_ACCESS",
      "high sqs Hooli Log Analytics DESTRUCTIVE_ACTIONS,DATA_ACCESS,WRITE_ACCESS",
      // Decrypting only through S3 (kms:ViaService): one level lower.
      "medium kms Vandelay Data Warehouse DATA_ACCESS,WRITE_ACCESS",
    ]);
    expect(grants.find((r) => r.service === "dynamodb")?.source).toBe("access-analyzer");
    // The secret Soylent read in the first two snapshots is no longer shared.
    expect(reports.get(1)!.report!.resources.some((r) => r.service === "secretsmanager")).toBe(true);
    expect(grants.some((r) => r.service === "secretsmanager")).toBe(false);
  });

  it("names at least 15 vendors, and leaves two accounts unknown", () => {
    const report = reports.get(LAST.index)!.report!;
    const fictional = DEMO_VENDORS.map((v) => v.name).filter((n) => n !== "Pied Piper Compression");
    expect(fictional).toHaveLength(15);
    expect(vendorNames(report).sort()).toEqual([...fictional, "GitHub Actions", "GitLab", "Terraform Cloud"].sort());
    expect(report.vendors.length).toBeGreaterThanOrEqual(15);
    expect(report.unknownAccounts.map((u) => u.accountId).sort()).toEqual([...DEMO_UNKNOWN_ACCOUNTS].sort());
  });

  it("shows what demo/README.md says each notable role shows", () => {
    const report = reports.get(LAST.index)!.report!;
    const rows = {
      "logistics-prod/public-artifacts-reader": "critical WILDCARD_PRINCIPAL,DATA_ACCESS",
      "logistics-dev/gha-legacy-deploy": "critical OIDC_UNRESTRICTED,PRIVILEGE_ESCALATION,DESTRUCTIVE_ACTIONS,COST_IMPACT,DATA_ACCESS,WRITE_ACCESS",
      "customer-portal-prod/OscorpDeploy": "critical ROOT_PRINCIPAL,NO_EXTERNAL_ID,ADMIN_ACCESS,PRIVILEGE_ESCALATION,DESTRUCTIVE_ACTIONS,COST_IMPACT,DATA_ACCESS,WRITE_ACCESS",
      [`meridian-network/${HOSTILE_ROLE_NAME}`]: "high ROOT_PRINCIPAL,NO_EXTERNAL_ID,UNKNOWN_VENDOR",
      "meridian-management/UmbrellaCostOptimizerRole": "high ROOT_PRINCIPAL,WEAK_EXTERNAL_ID,DESTRUCTIVE_ACTIONS,COST_IMPACT,WRITE_ACCESS",
      "meridian-security/StarkIncidentResponse": "high ROOT_PRINCIPAL,UNUSED,ADMIN_ACCESS,PRIVILEGE_ESCALATION,DESTRUCTIVE_ACTIONS,COST_IMPACT,DATA_ACCESS,WRITE_ACCESS",
      "meridian-security/CyberdyneMDRResponder": "high PRIVILEGE_ESCALATION,DESTRUCTIVE_ACTIONS,COST_IMPACT,WRITE_ACCESS",
      "payments-prod/GlobexCIDeploy": "high PRIVILEGE_ESCALATION,DESTRUCTIVE_ACTIONS,COST_IMPACT,WRITE_ACCESS",
      "meridian-shared-services/terraform-cloud-apply": "high ADMIN_ACCESS,PRIVILEGE_ESCALATION,DESTRUCTIVE_ACTIONS,COST_IMPACT,DATA_ACCESS,WRITE_ACCESS",
      "meridian-management/SoylentBillingReader": "medium ROOT_PRINCIPAL,NO_EXTERNAL_ID",
      "meridian-log-archive/HooliLogAnalytics": "medium ROOT_PRINCIPAL,DATA_ACCESS,WRITE_ACCESS",
      "data-platform-prod/VandelayWarehouseLoader": "medium DESTRUCTIVE_ACTIONS,DATA_ACCESS,WRITE_ACCESS",
      "data-platform-prod/legacy-etl-partner": "medium UNKNOWN_VENDOR,UNUSED",
      "analytics-prod/TyrellAnalyticsRole": "medium ROOT_PRINCIPAL,COST_IMPACT,DATA_ACCESS",
      "customer-portal-prod/WonkaSupportAccess": "medium ROOT_PRINCIPAL,UNUSED,DATA_ACCESS",
      "payments-prod/NorthwindMonitoringIntegration": "medium ROOT_PRINCIPAL,DATA_ACCESS",
      "payments-prod/InitrodeSecurityScanner": "low ROOT_PRINCIPAL",
      "meridian-management/WayneComplianceAudit": "low ROOT_PRINCIPAL,UNUSED",
      "payments-staging/old-contractor-access": "low DANGLING_PRINCIPAL,UNUSED",
    };
    const actual = Object.fromEntries(Object.keys(rows).map((key) => [key, row(trust(report, key.slice(0, key.indexOf("/")), key.slice(key.indexOf("/") + 1)))]));
    expect(actual).toEqual(rows);

    // An administrator policy under a boundary is not administrator.
    const vandelay = trust(report, "data-platform-prod", "VandelayWarehouseLoader");
    expect(vandelay.permissions).toMatchObject({ admin: false, boundary: "arn:aws:iam::393807251176:policy/VendorDataBoundary" });
    expect(vandelay.principalKind).toBe("role");
    // "*" narrowed by aws:PrincipalAccount to the vendor's account.
    expect(trust(report, "analytics-prod", "TyrellAnalyticsRole")).toMatchObject({ statementPrincipal: "*", principal: "arn:aws:iam::815930264417:root", vendor: "Tyrell Analytics" });
    // The hostile name is carried verbatim, as data.
    expect(trust(report, "meridian-network", HOSTILE_ROLE_NAME).roleArn).toBe(`arn:aws:iam::550927164438:role/${HOSTILE_ROLE_NAME}`);
    // Not everything is third-party: the organization's own access is listed as internal.
    const internal = report.trusts.filter((t) => t.internal);
    expect(internal.length).toBeGreaterThan(40);
    expect(new Set(internal.map((t) => t.principalKind))).toEqual(new Set(["account", "role", "federated", "wildcard"]));
    expect(internal.every((t) => t.risk === "low")).toBe(true);
    expect(trust(report, "data-platform-prod", "org-data-readers")).toMatchObject({ internal: true, principal: "*" });
  });

  it("reads the earlier snapshots without errors, and they differ from the last as the README says", () => {
    for (const snapshot of [FIRST, SECOND]) {
      const { code, stderr, report } = reports.get(snapshot.index)!;
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(report!.errors).toEqual([]);
    }
    const [first, second, last] = [FIRST, SECOND, LAST].map((s) => reports.get(s.index)!.report!) as [InventoryDocument, InventoryDocument, InventoryDocument];
    // ml-research joins the organization in snapshot 2.
    expect([first, second, last].map((r) => r.accounts.length)).toEqual([19, 20, 20]);
    expect([first, second, last].map((r) => r.accounts.reduce((n, a) => n + a.roles, 0))).toEqual([214, 229, 231]);
    // Massive Dynamic arrives in 2, Cyberdyne in 3; Pied Piper's access is removed in 3.
    expect(vendorNames(first)).not.toContain("Massive Dynamic SIEM");
    expect(vendorNames(second)).toContain("Massive Dynamic SIEM");
    expect(vendorNames(second)).not.toContain("Cyberdyne MDR");
    expect(vendorNames(last)).toContain("Cyberdyne MDR");
    expect(vendorNames(second)).toContain("Pied Piper Compression");
    expect(vendorNames(last)).not.toContain("Pied Piper Compression");
    // Northwind reaches the new account.
    expect([first, second].map((r) => r.vendors.find((v) => v.name === "Northwind Monitoring")!.reachableAccounts.length)).toEqual([5, 6]);
    // Oscorp's production role gets AdministratorAccess in 3.
    expect([first, second, last].map((r) => row(trust(r, "customer-portal-prod", "OscorpDeploy")))).toEqual([
      "high ROOT_PRINCIPAL,NO_EXTERNAL_ID,DESTRUCTIVE_ACTIONS,COST_IMPACT,WRITE_ACCESS",
      "high ROOT_PRINCIPAL,NO_EXTERNAL_ID,DESTRUCTIVE_ACTIONS,COST_IMPACT,WRITE_ACCESS",
      "critical ROOT_PRINCIPAL,NO_EXTERNAL_ID,ADMIN_ACCESS,PRIVILEGE_ESCALATION,DESTRUCTIVE_ACTIONS,COST_IMPACT,DATA_ACCESS,WRITE_ACCESS",
    ]);
    // Hooli gets an ExternalId in 3.
    expect([first, second, last].map((r) => trust(r, "meridian-log-archive", "HooliLogAnalytics").externalId)).toEqual(["missing", "missing", "required"]);
    // Umbrella's policy gets a new default version in 2 that can stop and resize instances.
    expect([first, second].map((r) => trust(r, "meridian-management", "UmbrellaCostOptimizerRole").risk)).toEqual(["medium", "high"]);
    // The wildcard trust appears in 2.
    expect(first.trusts.some((t) => t.roleName === "public-artifacts-reader")).toBe(false);
    expect(trust(second, "logistics-prod", "public-artifacts-reader").risk).toBe("critical");
    // Time passes: Stark's retainer role and the legacy ETL partner become unused by 3.
    for (const [account, role] of [["meridian-security", "StarkIncidentResponse"], ["data-platform-prod", "legacy-etl-partner"]] as const) {
      expect([first, second, last].map((r) => trust(r, account, role).findings.includes("UNUSED"))).toEqual([false, false, true]);
    }
    expect([first, second, last].map((r) => r.trusts.filter((t) => t.risk === "critical").length)).toEqual([1, 2, 3]);
  });

  it("has credential reports with vendor users' keys: in use, never used, and years old", () => {
    const dir = join(DEMO, "snapshots", LAST.dir);
    const asOf = Date.parse(LAST.date);
    const keys: { user: string; vendor: string | null; lastUsed: string | null; ageDays: number }[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith("-credential-report.csv"))) {
      const report = parseCredentialReport(readFileSync(join(dir, file), "utf8"));
      const exported = JSON.parse(readFileSync(join(dir, file.replace("-credential-report.csv", "-authz.json")), "utf8")) as {
        UserDetailList: { Arn: string; Path: string; Tags: { Key: string; Value: string }[] }[];
      };
      expect(report.accountId).toBe(DEMO_ACCOUNTS.find((a) => file.startsWith(`${a.name}-`))!.id);
      // The report and the export describe the same users.
      expect(report.users.map((u) => u.arn).sort()).toEqual(exported.UserDetailList.map((u) => u.Arn).sort());
      for (const user of report.users) {
        const entity = exported.UserDetailList.find((u) => u.Arn === user.arn)!;
        const vendor = attributeUser({ path: entity.Path, tags: Object.fromEntries(entity.Tags.map((t) => [t.Key, t.Value])), adminVendor: null })?.vendor ?? null;
        for (const key of user.keys.filter((k) => k.active)) keys.push({ user: user.user, vendor, lastUsed: key.lastUsed, ageDays: (asOf - Date.parse(key.lastRotated!)) / 86_400_000 });
      }
    }
    const vendorKeys = keys.filter((k) => k.vendor !== null);
    expect(new Set(vendorKeys.map((k) => k.vendor))).toEqual(new Set(["Soylent Billing", "Hooli Log Analytics", "vandelay", "Wonka Support"]));
    expect(vendorKeys.some((k) => k.lastUsed === null)).toBe(true);
    expect(vendorKeys.some((k) => k.ageDays > 365)).toBe(true);
    expect(keys.some((k) => k.vendor === null && k.ageDays > 3 * 365)).toBe(true);
  });

  it("is exactly what the generator writes, and stays small", async () => {
    const committed = filesUnder(DEMO).filter((f) => f !== "README.md");
    const generated = demoFiles();
    expect(committed).toEqual([...generated.keys()].sort());
    const differing = committed.filter((f) => !readFileSync(join(DEMO, f)).equals(Buffer.from(generated.get(f)!)));
    expect(differing, "demo/ is stale: run npx tsx scripts/demo/generateDemo.ts").toEqual([]);

    const out = mkdtempSync(join(tmpdir(), "vendorscope-demo-"));
    await writeDemo(out);
    const rewritten = filesUnder(out);
    expect(rewritten).toEqual(committed);
    expect(rewritten.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(DEMO, f))))).toEqual([]);

    const total = filesUnder(DEMO).reduce((n, f) => n + statSync(join(DEMO, f)).size, 0);
    expect(total).toBeLessThan(2 * 1024 * 1024);
  });

  it("regenerates byte for byte from the command line into the directory given", async () => {
    const out = mkdtempSync(join(tmpdir(), "vendorscope-demo-cli-"));
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ["--import", "tsx", "scripts/demo/generateDemo.ts", out], { cwd: REPO }, (error, output) => (error ? reject(error) : resolve(output))),
    );
    expect(stdout).toBe(`Wrote 90 files to ${out}\n`);
    const files = filesUnder(out);
    expect(files).toEqual(filesUnder(DEMO).filter((f) => f !== "README.md"));
    expect(files.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(DEMO, f))))).toEqual([]);
  }, 60_000);

  it("dates nothing after its snapshot's export day", () => {
    for (const snapshot of DEMO_SNAPSHOTS) {
      const limit = Date.parse(`${snapshot.date}T00:00:00Z`);
      const dir = join(DEMO, "snapshots", snapshot.dir);
      for (const file of readdirSync(dir)) {
        const dates = readFileSync(join(dir, file), "utf8").match(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g) ?? [];
        expect(dates.filter((d) => Date.parse(d) >= limit), `${snapshot.dir}/${file}`).toEqual([]);
      }
    }
  });

  it.skipIf(!existsSync(sharedData("known_aws_accounts.yaml")))("uses no account id of the public fwd:cloudsec list", () => {
    const known = readFileSync(sharedData("known_aws_accounts.yaml"), "utf8");
    const ids = [...DEMO_ACCOUNTS.map((a) => a.id), ...DEMO_VENDORS.flatMap((v) => v.accounts), ...DEMO_UNKNOWN_ACCOUNTS];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => known.includes(id))).toEqual([]);
  });
});
