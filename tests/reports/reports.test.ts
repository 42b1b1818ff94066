import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findingRule } from "@/lib/analysis/findings";
import { parseVendorList } from "@/lib/analysis/vendorList";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import type { Database } from "@/lib/db/client";
import { openDatabase } from "@/lib/db/client";
import { PermissionSummaries } from "@/lib/db/permissionSummaries";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { replaceKnownVendors, setUserMapping } from "@/lib/db/vendorStore";
import { INVENTORY_CSV_COLUMNS } from "@/lib/export/inventoryCsv";
import { findParty } from "@/lib/queries/findParty";
import { vendorDetail } from "@/lib/queries/vendorDetail";
import { listVendors } from "@/lib/queries/vendors";
import { reportPeriod } from "@/lib/reports/reportBasis";
import { inventoryFile, organizationSummaryFile, vendorReportFile } from "@/lib/reports/reportFiles";
import { trustsCsv, vendorsCsv } from "@/lib/reports/tableCsv";
import { importFiles } from "@/lib/scan/sources/fileImport";
import { silentProgress } from "@/lib/scan/progress";
import { runCli } from "../helpers/cli";
import { createPostgresDatabase } from "@/testkit/database";
import { pdfText } from "@/testkit/pdfText";
import { sharedData } from "@/testkit/sharedData";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
/** A user-given vendor name a spreadsheet would run, with a comma, quotes and non-ASCII. */
const INITECH = '=Initech, "Consulting" Grüße';
const PROD_NAME = 'acme-prod\nEU, "main"';

/** Compares text across the line breaks a PDF table wraps long words at. */
const squash = (text: string) => text.replace(/\s+/g, "");

let server: Awaited<ReturnType<typeof createPostgresDatabase>>;
let db: Database;
let summaries: PermissionSummaries;
let scans: number[];
const period = () => reportPeriod();

function acmeCopy(change: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "vs-reports-"));
  cpSync(ACME, dir, { recursive: true });
  change(dir);
  return dir;
}

function editJson(path: string, edit: (doc: any) => void): void {
  const doc = JSON.parse(readFileSync(path, "utf8"));
  edit(doc);
  writeFileSync(path, JSON.stringify(doc));
}

beforeAll(async () => {
  server = await createPostgresDatabase();
  db = await openDatabase({ url: server.url });
  const catalog = await loadActionCatalog();
  summaries = await PermissionSummaries.create(db.prisma, catalog);
  const store = await InventoryStore.open(db, catalog);
  const known = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
  await db.prisma.$transaction((tx) => replaceKnownVendors(tx, known, "test"));
  await setUserMapping(db.prisma, "888877776666", INITECH);
  // Scan 1: Acme without legacy-ci; scan 2: today's Acme, where GitHub Actions gained legacy-ci.
  const earlier = acmeCopy((dir) => editJson(join(dir, "prod-authz.json"), (d) => (d.RoleDetailList = d.RoleDetailList.filter((r: { RoleName: string }) => r.RoleName !== "legacy-ci"))));
  const today = acmeCopy((dir) => editJson(join(dir, "list-accounts.json"), (d) => (d.Accounts.find((a: { Id: string }) => a.Id === "210000000002").Name = PROD_NAME)));
  scans = [];
  for (const dir of [earlier, today]) scans.push((await importFiles(store, dir, { trigger: "test" }, silentProgress)).id);
}, 120_000);

afterAll(async () => {
  await db?.close();
  await server?.drop();
});

describe("vendor review pack (PDF)", () => {
  it("names the vendor, every role it can assume, every finding with its fix, and the scan it is based on, for every vendor", async () => {
    const vendors = await listVendors(db.prisma, { pageSize: 100 });
    expect(vendors.total).toBeGreaterThanOrEqual(8);
    for (const row of vendors.rows) {
      const file = (await vendorReportFile(db.prisma, summaries, row.party, "pdf", period()))!;
      expect(file.contentType).toBe("application/pdf");
      expect((file.body as Buffer).subarray(0, 5).toString()).toBe("%PDF-");
      const { text, pages, info } = await pdfText(file.body as Buffer);
      const flat = squash(text);
      const detail = (await vendorDetail(db.prisma, summaries, row.party))!;
      expect(info.Title).toBe(`Vendor review: ${row.name}`);
      expect(flat, row.name).toContain(squash(`Vendor review: ${row.name}`));
      for (const account of detail.externalAccounts) expect(flat).toContain(account);
      for (const trust of detail.trusts) {
        expect(flat, `${row.name}: ${trust.roleName}`).toContain(squash(trust.roleName));
        expect(flat).toContain(trust.accountId);
      }
      for (const finding of detail.findings) {
        const rule = findingRule(finding.code);
        expect(flat, `${row.name}: ${finding.code}`).toContain(squash(`${rule.title} (${finding.code})`));
        expect(flat).toContain(squash(`Recommended fix: ${rule.remediation}`));
      }
      expect(flat).toContain(squash(`Based on: scan #${scans[1]}`));
      expect(pages.at(-1)).toMatch(new RegExp(`Page ${pages.length} of ${pages.length}`));
      expect(flat).toContain("Reviewer");
      expect(flat).toContain("Decision");
    }
  });

  it("says the trust in plain words: root delegation, ExternalId, principal", async () => {
    const { text } = await pdfText((await vendorReportFile(db.prisma, summaries, `vendor:${INITECH}`, "pdf", period()))!.body as Buffer);
    const flat = squash(text);
    expect(flat).toContain(squash("the vendor's whole account (arn:aws:iam::888877776666:root): anyone the vendor allows; no ExternalId required"));
    expect(flat).toContain(squash("Overall risk: CRITICAL: it is an administrator"));
    expect(flat).toMatch(/…and\d+moreserviceswithfeweractions/);
    const datadog = squash((await pdfText((await vendorReportFile(db.prisma, summaries, "vendor:Datadog", "pdf", period()))!.body as Buffer)).text);
    expect(datadog).toContain(squash("must present the agreed ExternalId"));
    expect(datadog).toContain(squash("acme-prod"));
  });

  it("lists the changes of the review period, and none outside it", async () => {
    const github = await vendorDetail(db.prisma, summaries, "vendor:GitHub Actions");
    const legacy = github!.history.find((e) => e.summary.includes("legacy-ci"));
    expect(legacy).toBeDefined();
    const inPeriod = squash((await pdfText((await vendorReportFile(db.prisma, summaries, "vendor:GitHub Actions", "pdf", period()))!.body as Buffer)).text);
    for (const event of github!.history) expect(inPeriod).toContain(squash(event.summary));

    const later = reportPeriod(new Date(Date.now() + 86_400_000), new Date(Date.now() + 2 * 86_400_000));
    const outside = squash((await pdfText((await vendorReportFile(db.prisma, summaries, "vendor:GitHub Actions", "pdf", later))!.body as Buffer)).text);
    expect(outside).toContain(squash("No change was recorded in the period."));
    expect(outside).not.toContain(squash(legacy!.summary));
  });

  it("is null for a party that never had access", async () => {
    expect(await vendorReportFile(db.prisma, summaries, "vendor:Nobody", "pdf", period())).toBeNull();
  });
});

describe("organization summary (PDF)", () => {
  it("has the exposure totals, the trend, the riskiest vendors, access gained and lost, and accounts not scanned", async () => {
    const file = await organizationSummaryFile(db.prisma, period());
    const { text, pages } = await pdfText(file.body as Buffer);
    const flat = squash(text);
    const vendors = await listVendors(db.prisma, { sort: "risk" });
    expect(flat).toContain(squash(`Vendors with access: ${vendors.total}`));
    expect(flat).toContain(squash("Trend over the period's scans"));
    expect(flat).toContain(squash("2 scans in the period."));
    for (const v of vendors.rows.slice(0, 5)) expect(flat).toContain(squash(v.name));
    expect(flat).toContain(squash("New vendor access in the period"));
    expect(flat).toMatch(/legacy-ci/);
    expect(flat).toContain(squash("210000000005"));
    expect(flat).toContain(squash("acme-sandbox"));
    expect(pages.at(-1)).toMatch(/Page \d+ of \d+/);
  });

  it("says so when the period holds no scan", async () => {
    const empty = reportPeriod(new Date("2020-01-01"), new Date("2020-02-01"));
    const flat = squash((await pdfText((await organizationSummaryFile(db.prisma, empty)).body as Buffer)).text);
    expect(flat).toContain(squash("No completed scan in the period."));
    expect(flat).toContain(squash("No new vendor access."));
  });
});

describe("CSV and JSON", () => {
  it("a vendor's CSV has one row per role it can assume, hostile text neutralised and round-tripping", async () => {
    const file = (await vendorReportFile(db.prisma, summaries, `vendor:${INITECH}`, "csv", period()))!;
    const rows: Record<string, string>[] = parse(file.body as string, { columns: true });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ vendor: `'${INITECH}`, account_id: "210000000002", account_name: PROD_NAME, role: "contractor-admin", external_id: "missing", risk: "critical" });
  });

  it("a vendor's JSON is its slice of the export schema, with the period's changes", async () => {
    const file = (await vendorReportFile(db.prisma, summaries, "vendor:GitHub Actions", "json", period()))!;
    const json = JSON.parse(file.body as string);
    const full = JSON.parse((await inventoryFile(db.prisma, summaries, "json")).body as string);
    expect(Object.keys(json)).toEqual([...Object.keys(full), "review"]);
    expect(json.trusts.map((t: { roleName: string }) => t.roleName).sort()).toEqual(["github-deploy", "legacy-ci"]);
    expect(json.vendors.map((v: { name: string }) => v.name)).toEqual(["GitHub Actions"]);
    expect(json.review).toMatchObject({ vendor: "GitHub Actions", party: "vendor:GitHub Actions", basedOnScan: scans[1] });
    expect(json.review.changes.some((c: { summary: string }) => c.summary.includes("legacy-ci"))).toBe(true);
  });

  it("the inventory CSV has one row per vendor × account × role, like the export", async () => {
    const csv = (await inventoryFile(db.prisma, summaries, "csv")).body as string;
    const rows: Record<string, string>[] = parse(csv, { columns: true });
    const json = JSON.parse((await inventoryFile(db.prisma, summaries, "json")).body as string);
    expect(Object.keys(rows[0]!)).toEqual([...INVENTORY_CSV_COLUMNS]);
    expect(rows).toHaveLength(json.trusts.length);
    expect(rows.find((r) => r.role_name === "contractor-admin")).toMatchObject({ vendor: `'${INITECH}`, risk: "critical" });
  });

  it("a list's CSV holds every row its filters match, not only the page on screen", async () => {
    const critical = await listVendors(db.prisma, { risk: "critical", pageSize: 100 });
    const vendorRows: Record<string, string>[] = parse(await vendorsCsv(db.prisma, { risk: "critical" }), { columns: true });
    expect(vendorRows.map((r) => r.vendor!.replace(/^'/, ""))).toEqual(critical.rows.map((v) => v.name));
    const trustRows: Record<string, string>[] = parse(await trustsCsv(db.prisma, { account: "210000000002", scope: "all", page: "2" }), { columns: true });
    expect(trustRows.length).toBeGreaterThan(0);
    expect(new Set(trustRows.map((r) => r.account_id))).toEqual(new Set(["210000000002"]));
  });
});

describe("finding the vendor a reviewer means", () => {
  it("by name (any case, or a unique part), external account id, or party key", async () => {
    expect(await findParty(db.prisma, "datadog")).toEqual({ party: "vendor:Datadog" });
    expect(await findParty(db.prisma, "464622532012")).toEqual({ party: "vendor:Datadog" });
    expect(await findParty(db.prisma, "Initech")).toEqual({ party: `vendor:${INITECH}` });
    expect(await findParty(db.prisma, "account:777766665555")).toEqual({ party: "account:777766665555" });
    expect(await findParty(db.prisma, "Nobody Inc")).toMatchObject({ error: expect.stringContaining("no vendor named") });
    expect(await findParty(db.prisma, "111122223333")).toMatchObject({ error: expect.stringContaining("111122223333") });
  });
});

describe("vendorscope report", () => {
  const env = () => ({ DATABASE_URL: server.url });

  it("writes a vendor's review pack to a file", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "vs-report-cli-")), "datadog.pdf");
    const { code, stderr } = await runCli(["report", "--vendor", "Datadog", "--out", out], env());
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/Wrote .*datadog\.pdf/);
    expect(squash((await pdfText(readFileSync(out))).text)).toContain(squash("DatadogAWSIntegrationRole"));
  });

  it("prints CSV and JSON to stdout with --out -", async () => {
    const csv = await runCli(["report", "--vendor", "464622532012", "--format", "csv", "--out", "-"], env());
    expect(csv.code, csv.stderr).toBe(0);
    expect((parse(csv.stdout, { columns: true }) as { role: string }[]).map((r) => r.role)).toContain("DatadogAWSIntegrationRole");
    const json = await runCli(["report", "--vendor", "vendor:Datadog", "--format", "json", "--out", "-"], env());
    expect(JSON.parse(json.stdout).review.vendor).toBe("Datadog");
  });

  it("writes the organization summary for a period", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "vs-report-cli-")), "summary.pdf");
    const since = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    const { code, stderr } = await runCli(["report", "--summary", "--since", since, "--out", out], env());
    expect(code, stderr).toBe(0);
    expect(squash((await pdfText(readFileSync(out))).text)).toContain(squash(`Period: ${since}`));
  });

  it("rejects bad usage with exit code 2 and an unknown vendor with exit code 1", async () => {
    expect((await runCli(["report"], env())).code).toBe(2);
    expect((await runCli(["report", "--vendor", "Datadog", "--summary"], env())).code).toBe(2);
    expect((await runCli(["report", "--vendor", "Datadog", "--format", "docx"], env())).stderr).toMatch(/--format: "docx" is not one of pdf, csv, json/);
    expect((await runCli(["report", "--summary", "--since", "last tuesday"], env())).code).toBe(2);
    const unknown = await runCli(["report", "--vendor", "Nobody Inc"], env());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no vendor named "Nobody Inc"/);
  });
});
