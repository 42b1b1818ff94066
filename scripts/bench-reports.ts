/**
 * npm run bench:reports [-- --roles 500 --accounts 10]
 *
 * Imports an organization where one vendor can assume `roles` roles spread over `accounts`
 * accounts (two scans, so the pack has history), then times each report for that vendor and
 * the organization summary, and checks the PDF lists every role. Uses DATABASE_URL when set,
 * else an in-memory PGlite.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadActionCatalog } from "../lib/catalog/iamActions";
import { openDatabase } from "../lib/db/client";
import { PermissionSummaries } from "../lib/db/permissionSummaries";
import { InventoryStore } from "../lib/db/inventoryStore";
import { setUserMapping } from "../lib/db/vendorStore";
import { reportPeriod } from "../lib/reports/reportBasis";
import { organizationSummaryFile, vendorReportFile, type ReportFormat } from "../lib/reports/reportFiles";
import { importFiles } from "../lib/scan/sources/fileImport";
import { silentProgress } from "../lib/scan/progress";
import { BIG_VENDOR, bigVendorRoleName, writeBigVendorExports } from "../testkit/bigVendor";
import { createPostgresDatabase } from "../testkit/database";
import { pdfText } from "../testkit/pdfText";

const { values } = parseArgs({ options: { roles: { type: "string", default: "500" }, accounts: { type: "string", default: "10" } } });
const ACCOUNTS = Number(values.accounts);
const PER_ACCOUNT = Math.ceil(Number(values.roles) / ACCOUNTS);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

const server = process.env.DATABASE_URL ? await createPostgresDatabase() : null;
const db = await openDatabase(server ? { url: server.url } : { dataDir: "memory://" });
const dirs: string[] = [];
try {
  const catalog = await loadActionCatalog();
  const store = await InventoryStore.open(db, catalog);
  await setUserMapping(db.prisma, BIG_VENDOR.accountId, BIG_VENDOR.name);
  const [, importMs] = await timed(async () => {
    for (const generation of [0, 1]) {
      const dir = mkdtempSync(join(tmpdir(), "vs-bench-reports-"));
      dirs.push(dir);
      writeBigVendorExports(dir, { accounts: ACCOUNTS, rolesPerAccount: PER_ACCOUNT, generation });
      await importFiles(store, dir, { trigger: "bench" }, silentProgress);
    }
  });
  const summaries = await PermissionSummaries.create(db.prisma, catalog);
  const party = `vendor:${BIG_VENDOR.name}`;
  console.log(`one vendor, ${ACCOUNTS * PER_ACCOUNT} roles in ${ACCOUNTS} accounts, ${server ? "PostgreSQL" : "PGlite (in memory)"}; two scans imported in ${seconds(importMs)}`);

  for (const format of ["pdf", "csv", "json"] as ReportFormat[]) {
    const [file, ms] = await timed(() => vendorReportFile(db.prisma, summaries, party, format, reportPeriod()));
    const bytes = Buffer.byteLength(file!.body);
    let extra = "";
    if (format === "pdf") {
      const { pages, text } = await pdfText(file!.body as Buffer);
      const flat = text.replace(/\s+/g, "");
      const roles = Array.from({ length: ACCOUNTS }, (_, a) => Array.from({ length: PER_ACCOUNT }, (_, r) => bigVendorRoleName(a, r))).flat();
      const listed = roles.filter((r) => flat.includes(r)).length;
      extra = `, ${pages.length} pages, ${listed}/${roles.length} roles listed${listed === roles.length ? "" : "  <-- INCOMPLETE"}`;
    }
    console.log(`vendor review ${format.toUpperCase().padEnd(4)} ${seconds(ms).padStart(8)}  (${(bytes / 1024).toFixed(0)} KiB${extra})`);
  }
  const [summary, summaryMs] = await timed(() => organizationSummaryFile(db.prisma, reportPeriod()));
  console.log(`organization summary ${seconds(summaryMs).padStart(8)}  (${(Buffer.byteLength(summary.body) / 1024).toFixed(0)} KiB)`);
  console.log(`peak memory (max RSS): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  await db.close();
  await server?.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
