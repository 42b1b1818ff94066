import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { InventoryDocument } from "@/lib/analysis/analysisRecords";
import { runCli } from "../helpers/cli";
import { createPostgresDatabase } from "@/testkit/database";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
const PROD = "210000000002";
const STAGING = "210000000003";
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "vendorscope-broken-"));
  dirs.push(dir);
  return dir;
}

const nested = (levels: number) => "[".repeat(levels) + "]".repeat(levels);

/**
 * The Acme exports with: prod's export truncated (named by its account id), staging's
 * replaced by binary garbage (named after the account in list-accounts), a file nested 5,000
 * levels deep that names no account, a trust policy in security's export that is URL-encoded
 * JSON nested 5,000 levels deep, and a README (only noted).
 */
function brokenAcme(): string {
  const dir = tempDir();
  cpSync(ACME, dir, { recursive: true });
  const prod = readFileSync(join(dir, "prod-authz.json"), "utf8");
  unlinkSync(join(dir, "prod-authz.json"));
  writeFileSync(join(dir, `${PROD}-authz.json`), prod.slice(0, prod.length / 2));
  unlinkSync(join(dir, "staging-authz.json"));
  writeFileSync(join(dir, "acme-staging.bin"), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(join(dir, "deep.json"), `{"RoleDetailList": ${nested(5000)}}`);
  const security = JSON.parse(readFileSync(join(dir, "security-authz.json"), "utf8"));
  const deepTrust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":${nested(5000)}}}}]}`;
  security.RoleDetailList.push({ ...security.RoleDetailList[0], RoleName: "deep-trust", RoleId: "AROADEEPTRUST0000001", Arn: "arn:aws:iam::210000000004:role/deep-trust", AssumeRolePolicyDocument: encodeURIComponent(deepTrust) });
  writeFileSync(join(dir, "security-authz.json"), JSON.stringify(security));
  writeFileSync(join(dir, "README.txt"), "Exported by the platform team on 2026-11-26.\n");
  return dir;
}

describe("vendorscope analyze with broken and deeply nested files", () => {
  it("lists each unreadable file and nested document under errors, and analyses the rest", async () => {
    const dir = brokenAcme();
    const { code, stdout, stderr } = await runCli(["analyze", dir, "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as InventoryDocument;
    expect(report.accounts.map((a) => a.accountId)).toEqual(["210000000001", "210000000004"]);
    expect(new Set(report.trusts.map((t) => t.accountId))).toEqual(new Set(["210000000001", "210000000004"]));
    expect(report.organization.notAnalysed).toEqual([PROD, STAGING, "210000000005"]);
    expect(report.errors).toEqual([
      { source: join(dir, `${PROD}-authz.json`), message: expect.stringMatching(/^not valid JSON: /) },
      { source: join(dir, "README.txt"), message: expect.stringMatching(/^not valid JSON: /) },
      { source: join(dir, "acme-staging.bin"), message: "not valid JSON: the file holds binary data (control characters or bytes that are not UTF-8)" },
      { source: join(dir, "deep.json"), message: "not read: JSON nested deeper than 64 levels (at character 82)" },
      { source: "210000000004/role/deep-trust", message: expect.stringMatching(/^trust policy: policy document is nested deeper than 64 levels \(at character \d+\)$/) },
    ]);
  });

  it("still exits 1 when no account could be read", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "deep.json"), nested(5000));
    const { code, stdout } = await runCli(["analyze", dir, "--json"]);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as InventoryDocument).errors).toEqual([{ source: join(dir, "deep.json"), message: "not read: JSON nested deeper than 64 levels (at character 64)" }]);
  });

  it.skipIf(process.getuid?.() === 0)("lists a file it has no permission to read", async () => {
    const dir = tempDir();
    cpSync(ACME, dir, { recursive: true });
    chmodSync(join(dir, "prod-authz.json"), 0o000);
    const { code, stdout } = await runCli(["analyze", dir, "--json"]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as InventoryDocument).errors).toEqual([{ source: join(dir, "prod-authz.json"), message: "cannot read file: EACCES" }]);
  });
});

interface ScanRow {
  id: number;
  status: string;
  accountsOk: number;
  accountsFailed: number;
  error: string | null;
  warnings: string[];
}

describe.each([
  ["the embedded database", async () => ({ env: { VENDORSCOPE_DATA_DIR: join(tempDir(), "pglite"), DATABASE_URL: "" }, drop: async () => {} })],
  ["PostgreSQL", async () => {
    const server = await createPostgresDatabase();
    return { env: { DATABASE_URL: server.url }, drop: () => server.drop() };
  }],
])("vendorscope scan --from with broken and deeply nested files (%s)", (_name, open) => {
  it("is partial (exit 3): the accounts whose file is unreadable fail and keep their inventory, every file is in the scan's errors", async () => {
    const { env, drop } = await open();
    try {
      expect((await runCli(["scan", "--from", ACME], env)).code).toBe(0);
      const before = JSON.parse((await runCli(["export", "--json"], env)).stdout) as InventoryDocument;

      const dir = brokenAcme();
      const { code, stdout } = await runCli(["scan", "--from", dir], env);
      expect(code).toBe(3);
      expect(stdout).toMatch(/^Scan #2: 4 accounts to read\n/m);
      expect(stdout).toContain(`${PROD} failed: ${join(dir, `${PROD}-authz.json`)}: not valid JSON`);
      expect(stdout).toContain(`${STAGING} failed: ${join(dir, "acme-staging.bin")}: not valid JSON: the file holds binary data`);
      expect(stdout).toMatch(/Scan #2 partial: 2 accounts read, 2 failed, /);

      const [scan] = JSON.parse((await runCli(["scans", "--json", "--limit", "1"], env)).stdout) as ScanRow[];
      expect(scan).toMatchObject({ id: 2, status: "partial", accountsOk: 2, accountsFailed: 2, error: null });
      expect(scan!.warnings).toEqual([
        expect.stringMatching(new RegExp(`^${join(dir, `${PROD}-authz.json`)}: not valid JSON`)),
        expect.stringMatching(/README\.txt: not valid JSON/),
        `${join(dir, "acme-staging.bin")}: not valid JSON: the file holds binary data (control characters or bytes that are not UTF-8)`,
        `${join(dir, "deep.json")}: not read: JSON nested deeper than 64 levels (at character 82)`,
      ]);
      expect((await runCli(["scans"], env)).stdout).toMatch(/#2\s+partial\s+cli\s+files\s+.*\s2\/2\s/);

      // The failed accounts are stale with their last inventory; the others are current.
      const after = JSON.parse((await runCli(["export", "--json"], env)).stdout) as InventoryDocument;
      const trustsOf = (report: InventoryDocument, account: string) => report.trusts.filter((t) => t.accountId === account);
      for (const account of [PROD, STAGING]) {
        expect(trustsOf(after, account)).toEqual(trustsOf(before, account));
        expect(trustsOf(after, account).length).toBeGreaterThan(0);
      }
      expect(after.errors.map((e) => e.source)).toEqual([PROD, STAGING]);
      expect(after.errors[0]!.message).toMatch(/^last scan failed: .*not valid JSON.*\(inventory as of /);
    } finally {
      await drop();
    }
  }, 180_000);

  it("is partial when a broken file names no account, and failed (exit 1) when nothing could be read", async () => {
    const { env, drop } = await open();
    try {
      const dir = tempDir();
      cpSync(ACME, dir, { recursive: true });
      writeFileSync(join(dir, "extra.json"), '{"RoleDetailList": [');
      const partial = await runCli(["scan", "--from", dir], env);
      expect(partial.code).toBe(3);
      expect(partial.stdout).toMatch(/Scan #1 partial: 4 accounts read, 0 failed, /);

      const nothing = tempDir();
      writeFileSync(join(nothing, "deep.json"), nested(5000));
      const failed = await runCli(["scan", "--from", nothing], env);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toBe(`vendorscope scan: no account export could be read from ${nothing}\n`);
    } finally {
      await drop();
    }
  }, 120_000);
});
