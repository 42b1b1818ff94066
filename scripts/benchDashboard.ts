/**
 * For the dashboard benchmarks (bench:pages, bench:load): the benchmark organization loaded
 * into a database, a production build of the dashboard served on it, and a signed-in reader.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseVendorList } from "../lib/analysis/vendorList";
import { createLocalUser } from "../lib/auth/localUsers";
import { loadActionCatalog } from "../lib/catalog/iamActions";
import type { Database, PrismaClient } from "../lib/db/client";
import { InventoryStore } from "../lib/db/inventoryStore";
import { replaceKnownVendors } from "../lib/db/vendorStore";
import { sharedData } from "../testkit/sharedData";
import { scanSynthetic, stopProcess } from "./benchOrganization";

/** Rows of the loaded inventory that the benchmarks' page URLs point at. */
export interface BenchInventory {
  scanId: number;
  /** The vendor with the most trusts, and how many. */
  topVendor: { party: string; trusts: number };
  /** An unknown external account's party (`account:…`). */
  unknownParty: string;
  /** The riskiest external trust's role. */
  roleId: number;
  accountId: string;
}

/** Pages are measured as a signed-in viewer sees them (a redirect to sign-in would be no measure). */
export const BENCH_READER = { email: "bench@vendorscope.local", name: "Bench", role: "viewer" as const, password: "bench-password-123" };

/**
 * Loads the synthetic organization (a live scan through the fake AWS) into `db`, after the
 * known vendor list as `vendorscope vendors update` would, and creates the benchmark reader.
 */
export async function loadBenchInventory(db: Database, org: { accounts: number; roles: number }): Promise<BenchInventory> {
  const store = await InventoryStore.open(db, await loadActionCatalog());
  const known = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
  await db.prisma.$transaction((tx) => replaceKnownVendors(tx, known, "known_aws_accounts.yaml"));
  const { result, ms } = await scanSynthetic(store, { ...org, latencyMs: 0 }, 0, 32);
  console.log(`loaded (${db.kind}): scan #${result.id} ${result.status}, ${result.accountsOk} accounts in ${(ms / 1000).toFixed(0)} s`);
  await createLocalUser(db.prisma, BENCH_READER);
  return benchInventory(db.prisma);
}

/** The rows the page URLs point at, in a database the benchmark organization was loaded into. */
export async function benchInventory(prisma: PrismaClient): Promise<BenchInventory> {
  const [scan, topVendor, unknown, role, account] = await Promise.all([
    prisma.scan.findFirst({ where: { status: { not: "running" } }, orderBy: { id: "desc" }, select: { id: true } }),
    prisma.trust.groupBy({ by: ["party"], where: { removedScanId: null, internal: false, party: { startsWith: "vendor:" } }, _count: true, orderBy: { _count: { party: "desc" } }, take: 1 }),
    prisma.trust.findFirst({ where: { removedScanId: null, party: { startsWith: "account:" } }, select: { party: true } }),
    prisma.trust.findFirst({ where: { removedScanId: null, internal: false }, orderBy: { riskRank: "desc" }, select: { roleId: true } }),
    prisma.account.findFirst({ orderBy: { id: "asc" }, select: { id: true } }),
  ]);
  return {
    scanId: scan!.id,
    topVendor: { party: topVendor[0]!.party, trusts: topVendor[0]!._count },
    unknownParty: unknown?.party ?? "account:000000000000",
    roleId: role!.roleId,
    accountId: account!.id,
  };
}

const NEXT = "node_modules/next/dist/bin/next";

/** `next build` (production), once per benchmark run. */
export function buildDashboard(env: NodeJS.ProcessEnv): void {
  const built = spawnSync(process.execPath, [NEXT, "build"], { env: { ...env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "ignore", "inherit"] });
  if (built.status !== 0) throw new Error("next build failed");
}

export interface Dashboard {
  base: string;
  process: ChildProcess;
  /** A fetch as the signed-in reader, redirects not followed. */
  get(path: string): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Serves the build (scripts/server.mjs) on `port` against the database `env` names
 * (DATABASE_URL, or VENDORSCOPE_DATA_DIR for PGlite) and signs the benchmark reader in.
 */
export async function startDashboard(port: number, env: NodeJS.ProcessEnv): Promise<Dashboard> {
  const base = `http://127.0.0.1:${port}`;
  const served = { ...env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", VENDORSCOPE_URL: base, VENDORSCOPE_SCHEDULER: "off" } as NodeJS.ProcessEnv;
  const web = spawn(process.execPath, ["scripts/server.mjs"], { env: served, stdio: ["ignore", "ignore", "inherit"] });
  try {
    let ready = false;
    for (let i = 0; i < 300 && !ready && web.exitCode === null; i++) {
      try {
        ready = (await fetch(`${base}/login`)).ok;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    if (!ready) throw new Error(`the dashboard did not start on ${base}`);
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: base },
      body: JSON.stringify({ email: BENCH_READER.email, password: BENCH_READER.password }),
    });
    if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}`);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    return { base, process: web, get: (path) => fetch(base + path, { headers: { cookie }, redirect: "manual" }), stop: () => stopProcess(web) };
  } catch (error) {
    await stopProcess(web);
    throw error;
  }
}

/** The p-th quantile (0–1) of sorted values. */
export function quantile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}
