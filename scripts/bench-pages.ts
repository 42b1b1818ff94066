/**
 * npm run bench:pages [-- --accounts 1000 --roles 300 --requests 20]
 *
 * Loads the benchmark organization (a live scan of the synthetic 1,000 × 300 organization
 * through the fake AWS) into a fresh PostgreSQL database, builds and starts the dashboard on
 * it, and prints p50/p95 response times per page (loopback, so essentially server time).
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadActionCatalog } from "../lib/catalog/iamActions";
import { openDatabase } from "../lib/db/client";
import { parseVendorList } from "../lib/analysis/vendorList";
import { createLocalUser } from "../lib/auth/localUsers";
import { InventoryStore } from "../lib/db/scanStore";
import { replaceKnownVendors } from "../lib/db/vendorStore";
import { createPostgresDatabase } from "../tests/helpers/database";
import { sharedData } from "../tests/helpers/sharedData";
import { scanSynthetic, stopProcess } from "./benchOrganization";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "1000" },
    roles: { type: "string", default: "300" },
    requests: { type: "string", default: "20" },
    port: { type: "string", default: "3300" },
  },
});
const REQUESTS = Number(values.requests);
const base = `http://127.0.0.1:${values.port}`;
const next = "node_modules/next/dist/bin/next";

const server = await createPostgresDatabase();
try {
  const db = await openDatabase({ url: server.url });
  const store = await InventoryStore.open(db, await loadActionCatalog());
  // As a user would after `vendorscope vendors update`: known vendors get their names.
  const known = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
  await db.prisma.$transaction((tx) => replaceKnownVendors(tx, known, "known_aws_accounts.yaml"));
  const { result, ms } = await scanSynthetic(store, { accounts: Number(values.accounts), roles: Number(values.roles), latencyMs: 0 }, 0, 32);
  console.log(`loaded: scan #${result.id} ${result.status}, ${result.accountsOk} accounts in ${(ms / 1000).toFixed(0)} s`);
  const [topVendor, unknown, role, account] = await Promise.all([
    db.prisma.trust.groupBy({ by: ["party"], where: { removedScanId: null, internal: false, party: { startsWith: "vendor:" } }, _count: true, orderBy: { _count: { party: "desc" } }, take: 1 }),
    db.prisma.trust.findFirst({ where: { removedScanId: null, party: { startsWith: "account:" } }, select: { party: true } }),
    db.prisma.trust.findFirst({ where: { removedScanId: null, internal: false }, orderBy: { riskRank: "desc" }, select: { roleId: true, accountId: true } }),
    db.prisma.account.findFirst({ orderBy: { id: "asc" }, select: { id: true } }),
  ]);
  const reader = { email: "bench@vendorscope.local", name: "Bench", role: "viewer" as const, password: "bench-password-123" };
  await createLocalUser(db.prisma, reader);
  await db.close();

  const pages: [string, string][] = [
    ["overview", "/"],
    ["vendors", "/vendors"],
    ["vendors sorted, page 2", "/vendors?sort=trusts&page=2"],
    ["vendors filtered", "/vendors?risk=critical&finding=NO_EXTERNAL_ID"],
    [`vendor (${topVendor[0]?._count} trusts)`, `/vendors/${encodeURIComponent(topVendor[0]!.party)}`],
    ["unknown account", `/vendors/${encodeURIComponent(unknown?.party ?? "account:000000000000")}`],
    ["trusts", "/trusts"],
    ["trusts critical", "/trusts?risk=critical&sort=last-used"],
    ["action search exact", "/actions?q=ec2:TerminateInstances"],
    ["action search wildcard", "/actions?q=s3:Delete*"],
    ["action search service", "/actions?q=iam&level=Write"],
    ["action search everything", "/actions?q=*"],
    ["accounts", "/accounts"],
    ["account", `/accounts/${account!.id}`],
    ["role", `/roles/${role!.roleId}`],
    ["IAM users", "/users"],
    ["scans", "/scans"],
    ["scan", `/scans/${result.id}`],
  ];

  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: server.url, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", PORT: values.port!, HOST: "127.0.0.1", VENDORSCOPE_URL: base, VENDORSCOPE_SCHEDULER: "off" };
  const built = spawnSync(process.execPath, [next, "build"], { env, stdio: ["ignore", "ignore", "inherit"] });
  if (built.status !== 0) throw new Error("next build failed");
  const web = spawn(process.execPath, ["scripts/server.mjs"], { env, stdio: ["ignore", "ignore", "inherit"] });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${base}/login`)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    // Pages are measured as a signed-in viewer sees them (a redirect to sign-in would be no measure).
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "Content-Type": "application/json", Origin: base }, body: JSON.stringify({ email: reader.email, password: reader.password }) });
    if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}`);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const get = (path: string) => fetch(base + path, { headers: { cookie }, redirect: "manual" });
    console.log(`\n${"page".padEnd(32)} ${"p50".padStart(8)} ${"p95".padStart(8)}  (${REQUESTS} requests each, after one warm-up)`);
    for (const [name, path] of pages) {
      const warm = await get(path);
      if (warm.status !== 200) throw new Error(`${path} answered ${warm.status}`);
      await warm.text();
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const start = performance.now();
        const response = await get(path);
        await response.text();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
      console.log(`${name.padEnd(32)} ${pct(0.5).toFixed(0).padStart(6)}ms ${pct(0.95).toFixed(0).padStart(6)}ms`);
    }
  } finally {
    await stopProcess(web);
  }
} finally {
  await server.drop();
}
process.exit(0);
