import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import type { InventoryDocument } from "@/lib/analysis/analysisRecords";
import { runCli } from "../helpers/cli";
import { createPostgresDatabase } from "@/testkit/database";
import { sharedData } from "@/testkit/sharedData";

const ACME = new URL("../fixtures/acme-org/", import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), "vendorscope-cli-"));
/** The embedded database, as `npm start` uses it: no DATABASE_URL. */
const embedded = { VENDORSCOPE_DATA_DIR: join(dataDir, "pglite"), DATABASE_URL: "" };

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("vendorscope scan --from, scans, export, vendors, reanalyze (embedded database)", () => {
  it("loads the known vendor list from a file", async () => {
    const { code, stdout } = await runCli(["vendors", "update", "--file", sharedData("known_aws_accounts.yaml")], embedded);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Vendor list updated from .*known_aws_accounts\.yaml: \d{3} accounts\.\n$/);
  });

  it("keeps the previous list when a download fails, and says how to work offline", async () => {
    const server = createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/accounts.yaml`;
    const { code, stderr } = await runCli(["vendors", "update"], { ...embedded, VENDORSCOPE_KNOWN_ACCOUNTS_URL: url });
    server.close();
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot download ${url}: HTTP 503. Keeping the list from `);
    expect(stderr).toContain("vendorscope vendors update --file accounts.yaml");
  });

  it("names an account with the user's own mapping", async () => {
    const { code, stdout } = await runCli(["vendors", "map", "888877776666", "Initech Consulting"], embedded);
    expect(code).toBe(0);
    expect(stdout).toContain('Account 888877776666 is now "Initech Consulting"');
    expect((await runCli(["vendors", "map", "123", "X"], embedded)).code).toBe(2);
  });

  it("imports the exported files as a scan, with plain progress lines when piped", async () => {
    const { code, stdout } = await runCli(["scan", "--from", join(ACME, "exports")], embedded);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Scan #1: 4 accounts to read\n/);
    expect(stdout).toMatch(/\[1\/4\] 210000000001 ok: 3 roles, 2 trusts, \d+ changes\n/);
    expect(stdout).toMatch(/Scan #1 succeeded: 4 accounts read, 0 failed, \d+ changes, 0 API calls/);
  });

  it("exports the inventory as the analyze JSON and as CSV", async () => {
    const json = await runCli(["export", "--json"], embedded);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as InventoryDocument;
    const analyzed = JSON.parse(
      (await runCli(["analyze", join(ACME, "exports"), "--known-accounts", sharedData("known_aws_accounts.yaml"), "--vendors", join(ACME, "vendors.yaml"), "--json"])).stdout,
    ) as InventoryDocument;
    expect(report.trusts).toEqual(analyzed.trusts);
    expect(report.vendors).toEqual(analyzed.vendors);

    const csv = await runCli(["export", "--csv"], embedded);
    const rows = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(report.trusts.length);
    expect(rows.find((r) => r.role_name === "contractor-admin")).toMatchObject({ vendor: "Initech Consulting", external_account_id: "888877776666", risk: "critical", internal: "false" });
  });

  it("lists scans", async () => {
    await runCli(["scan", "--from", join(ACME, "exports")], embedded);
    const { code, stdout } = await runCli(["scans", "--json"], embedded);
    expect(code).toBe(0);
    const scans = JSON.parse(stdout) as { id: number; status: string; changes: number; accountsOk: number }[];
    expect(scans.map((s) => [s.id, s.status, s.accountsOk])).toEqual([
      [2, "succeeded", 4],
      [1, "succeeded", 4],
    ]);
    expect(scans[0]!.changes).toBe(0);
    expect((await runCli(["scans"], embedded)).stdout).toMatch(/SCAN\s+STATUS\s+TRIGGER\s+SOURCE[\s\S]+#2\s+succeeded\s+cli\s+files/);
  });

  it("re-analyses without AWS", async () => {
    const { code, stdout } = await runCli(["reanalyze"], embedded);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Scan #3 succeeded: 4 accounts read, 0 failed, 0 changes/);
  });

  it("names an unknown account as an attribution: applied at once, and the last scan stays the last scan", async () => {
    const before = JSON.parse((await runCli(["scans", "--json"], embedded)).stdout) as { id: number }[];
    const { code, stdout } = await runCli(["vendors", "map", "777766665555", "Acme Billing Partner"], embedded);
    expect(code).toBe(0);
    expect(stdout).toBe('Account 777766665555 is now "Acme Billing Partner". Applied to the stored inventory of 1 account (an attribution, not a scan).\n');
    expect(JSON.parse((await runCli(["scans", "--json"], embedded)).stdout)).toEqual(before);
    const report = JSON.parse((await runCli(["export", "--json"], embedded)).stdout) as InventoryDocument;
    expect(report.trusts.find((t) => t.externalAccountId === "777766665555")!.vendor).toBe("Acme Billing Partner");
    // A vendor list update is applied the same way.
    const update = await runCli(["vendors", "update", "--file", sharedData("known_aws_accounts.yaml")], embedded);
    expect(update.stdout).toMatch(/^Vendor list updated from .*: \d{3} accounts\. Applied to the stored inventory of 4 accounts \(an attribution, not a scan\)\.\n$/);
    expect(JSON.parse((await runCli(["scans", "--json"], embedded)).stdout)).toEqual(before);
  });

  it("refuses bad usage with exit 2", async () => {
    expect((await runCli(["scan", "--concurrency", "zero"], embedded)).stderr).toBe(
      `vendorscope scan: --concurrency: "zero" is not a positive whole number (try 'vendorscope scan --help')\n`,
    );
    expect((await runCli(["scan", "--from", "/no/such/dir"], embedded)).code).toBe(2);
    expect((await runCli(["export", "--json", "--csv"], embedded)).code).toBe(2);
    expect((await runCli(["vendors", "frobnicate"], embedded)).code).toBe(2);
  });
});

describe("the CLI on PostgreSQL (DATABASE_URL)", () => {
  it("scans into PostgreSQL and says when there are no scans yet", async () => {
    const server = await createPostgresDatabase();
    try {
      const env = { DATABASE_URL: server.url };
      expect((await runCli(["scans"], env)).stdout).toBe("No scans yet. Run 'vendorscope scan' (or 'vendorscope scan --from DIR' to import exported files).\n");
      expect((await runCli(["scan", "--from", join(ACME, "exports")], env)).code).toBe(0);
      const report = JSON.parse((await runCli(["export"], env)).stdout) as InventoryDocument;
      expect(report.trusts).toHaveLength(15);
    } finally {
      await server.drop();
    }
  });
});
