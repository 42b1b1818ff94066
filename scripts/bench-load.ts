/**
 * npm run bench:load [-- --accounts 1000 --roles 300 --clients 50 --requests 400 --pdfs 50 --databases pglite,postgres --cache off,on]
 *
 * The dashboard under concurrent load: loads the benchmark organization (as bench:pages) into
 * each database, builds the dashboard once, and for each database and query cache setting
 * (VENDORSCOPE_QUERY_CACHE=off, then on) serves it, signs in, and has `clients` concurrent
 * clients fetch (1) a mixed load of pages — overview, vendors, a vendor, trusts, accounts, a
 * role, an action search, scans — and (2) the organization summary PDF. Prints req/s, p50,
 * p95 and errors of each, and each page's time on its own (p50 of 5, one request at a time:
 * which pages dominate). `--database-url` measures a PostgreSQL database the organization was
 * loaded into before (by an earlier run's set-up) instead of loading a new one.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/db/client";
import { createPostgresDatabase } from "../testkit/database";
import { benchInventory, buildDashboard, loadBenchInventory, quantile, startDashboard, type BenchInventory, type Dashboard } from "./benchDashboard";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "1000" },
    roles: { type: "string", default: "300" },
    clients: { type: "string", default: "50" },
    requests: { type: "string", default: "400" },
    pdfs: { type: "string", default: "50" },
    databases: { type: "string", default: "pglite,postgres" },
    cache: { type: "string", default: "off,on" },
    port: { type: "string", default: "3300" },
    "database-url": { type: "string" },
  },
});
const CLIENTS = Number(values.clients);
const org = { accounts: Number(values.accounts), roles: Number(values.roles) };
const databases = values.databases!.split(",") as ("pglite" | "postgres")[];
const cacheModes = values.cache!.split(",") as ("off" | "on")[];

function mixedPages(inventory: BenchInventory): [string, string][] {
  return [
    ["overview", "/"],
    ["vendors", "/vendors"],
    ["vendor", `/vendors/${encodeURIComponent(inventory.topVendor.party)}`],
    ["trusts", "/trusts"],
    ["accounts", "/accounts"],
    ["role", `/roles/${inventory.roleId}`],
    ["actions", "/actions?q=s3:Delete*"],
    ["scans", "/scans"],
  ];
}

interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  times: number[];
  byPath: Map<string, number[]>;
}

/** `total` requests over `paths` in turn, `CLIENTS` at a time; each body is read to its end. */
async function load(web: Dashboard, paths: string[], total: number): Promise<LoadResult> {
  let next = 0;
  let errors = 0;
  const times: number[] = [];
  const byPath = new Map(paths.map((p) => [p, [] as number[]]));
  const client = async () => {
    for (let i = next++; i < total; i = next++) {
      const path = paths[i % paths.length]!;
      const start = performance.now();
      try {
        const response = await web.get(path);
        await response.arrayBuffer();
        if (response.status !== 200) errors++;
      } catch {
        errors++;
      }
      const ms = performance.now() - start;
      times.push(ms);
      byPath.get(path)!.push(ms);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  for (const list of byPath.values()) list.sort((a, b) => a - b);
  return { requests: total, errors, seconds, times, byPath };
}

const rows: string[] = [];
/** The machine's 1-minute load average as the load started: other work on it slows every figure. */
const line = (database: string, cache: string, what: string, r: LoadResult, load: number) =>
  `${database.padEnd(10)} ${cache.padEnd(5)} ${what.padEnd(6)} ${String(r.requests).padStart(5)} ${(r.requests / r.seconds).toFixed(1).padStart(7)} ${(quantile(r.times, 0.5) / 1000).toFixed(2).padStart(7)}s ${(quantile(r.times, 0.95) / 1000).toFixed(2).padStart(7)}s ${String(r.errors).padStart(6)} ${load.toFixed(1).padStart(5)}`;

/** Each page on its own: p50 of 5 requests, one at a time. */
async function serviceTimes(web: Dashboard, pages: [string, string][]): Promise<string> {
  const out: string[] = [];
  for (const [name, path] of pages) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await (await web.get(path)).arrayBuffer();
      times.push(performance.now() - start);
    }
    out.push(`${name} ${quantile(times.sort((a, b) => a - b), 0.5).toFixed(0)}`);
  }
  return out.join(", ");
}

async function measure(database: string, env: NodeJS.ProcessEnv, inventory: BenchInventory): Promise<void> {
  const pages = mixedPages(inventory);
  for (const cache of cacheModes) {
    const web = await startDashboard(Number(values.port), { ...env, VENDORSCOPE_QUERY_CACHE: cache });
    try {
      // One warm-up of each (compilation, the server's first database use), not counted.
      for (const path of [...pages.map(([, p]) => p), "/reports/summary.pdf"]) {
        const response = await web.get(path);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      }
      console.log(`  ${database}, cache ${cache}, each page alone (ms): ${await serviceTimes(web, pages)}`);
      const mixedLoad = loadavg()[0]!;
      const mixed = await load(web, pages.map(([, p]) => p), Number(values.requests));
      console.log(line(database, cache, "pages", mixed, mixedLoad));
      console.log(`  under load, p50 per page: ${pages.map(([name, p]) => `${name} ${(quantile(mixed.byPath.get(p)!, 0.5) / 1000).toFixed(2)}s`).join(", ")}`);
      const pdfLoad = loadavg()[0]!;
      const pdfs = await load(web, ["/reports/summary.pdf"], Number(values.pdfs));
      console.log(line(database, cache, "PDFs", pdfs, pdfLoad));
      rows.push(line(database, cache, "pages", mixed, mixedLoad), line(database, cache, "PDFs", pdfs, pdfLoad));
    } finally {
      await web.stop();
    }
  }
}

const header = `${"database".padEnd(10)} ${"cache".padEnd(5)} ${"what".padEnd(6)} ${"reqs".padStart(5)} ${"req/s".padStart(7)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"errors".padStart(6)} ${"load".padStart(5)}`;
console.log(`${org.accounts} accounts × ${org.roles} roles, ${CLIENTS} concurrent clients, production build`);
buildDashboard(process.env);
console.log(header);
const given = values["database-url"];
for (const database of given ? ["given"] : databases) {
  if (given) {
    const db = await openDatabase({ url: given });
    const inventory = await benchInventory(db.prisma);
    await db.close();
    await measure("PostgreSQL", { ...process.env, DATABASE_URL: given }, inventory);
  } else if (database === "pglite") {
    const dataDir = mkdtempSync(join(tmpdir(), "vs-bench-load-"));
    try {
      const db = await openDatabase({ dataDir });
      const inventory = await loadBenchInventory(db, org);
      await db.close(); // the server owns the directory from here
      await measure("PGlite", { ...process.env, DATABASE_URL: "", VENDORSCOPE_DATA_DIR: dataDir }, inventory);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  } else {
    const server = await createPostgresDatabase();
    try {
      const db = await openDatabase({ url: server.url });
      const inventory = await loadBenchInventory(db, org);
      await db.close();
      await measure("PostgreSQL", { ...process.env, DATABASE_URL: server.url }, inventory);
    } finally {
      await server.drop();
    }
  }
}
console.log(`\n${header}\n${rows.join("\n")}`);
process.exit(0);
