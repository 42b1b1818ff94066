/**
 * npm run bench:scan [-- --accounts 1000 --roles 300 --latency 30 --scans 30 --concurrency 32]
 *
 * Scans a synthetic organization served by the fake AWS (its own process, with latency per
 * call) into a fresh PostgreSQL database, and prints wall time, API calls per account, rows
 * written, peak memory and — side by side — the calls a per-role enumeration would need.
 * Then rescans `--scans` times with 1% of roles changing between scans and prints how the
 * database grew. With `--resources` (default on) it first scans the same organization carrying
 * resources (per account 50 buckets, 20 keys, 20 queues, 10 topics, 10 functions, 10 secrets,
 * 5 repositories in 2 regions) twice into fresh databases, IAM only and with resources, and
 * prints both wall times and the calls per account by service. Needs PostgreSQL (DATABASE_URL or
 * 127.0.0.1:5432).
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { loadActionCatalog } from "../lib/catalog/iamActions";
import { openDatabase } from "../lib/db/client";
import { InventoryStore } from "../lib/db/inventoryStore";
import { unpackExport } from "../lib/db/rawExport";
import { createPostgresDatabase, tableCounts } from "../testkit/database";
import { scanSynthetic } from "./benchOrganization";
import { availableParallelism } from "node:os";
import { configuredReadThreads } from "../lib/aws/resources/readerThreads";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "1000" },
    roles: { type: "string", default: "300" },
    latency: { type: "string", default: "30" },
    scans: { type: "string", default: "30" },
    concurrency: { type: "string", default: "32" },
    resources: { type: "boolean", default: true },
    "no-resources": { type: "boolean", default: false },
  },
});
const ACCOUNTS = Number(values.accounts);
const ROLES = Number(values.roles);
const SCANS = Number(values.scans);

/** The calls ListRoles + per-role policy calls (and users) would need for the same accounts. */
async function perRoleEnumerationCalls(store: InventoryStore): Promise<number> {
  let calls = 0;
  const exports = await store.prisma.rawExport.findMany({ select: { authorizationDetails: true, credentialReport: true } });
  for (const row of exports) {
    const { authorizationDetails } = await unpackExport(row);
    const doc = authorizationDetails as { RoleDetailList: { RolePolicyList?: unknown[]; AttachedManagedPolicies?: { PolicyArn: string }[] }[]; UserDetailList?: unknown[] };
    const roles = doc.RoleDetailList;
    const managed = new Set(roles.flatMap((r) => (r.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn)));
    calls += Math.max(1, Math.ceil(roles.length / 1000)); // ListRoles, 1000 per page
    calls += roles.length * 2; // ListRolePolicies + ListAttachedRolePolicies per role
    calls += roles.reduce((n, r) => n + (r.RolePolicyList?.length ?? 0), 0); // GetRolePolicy per inline policy
    calls += managed.size * 2; // GetPolicy + GetPolicyVersion per distinct managed policy
    calls += 1 + (doc.UserDetailList?.length ?? 0) * 1; // ListUsers + ListAccessKeys per user
    calls += 1; // AssumeRole
  }
  return calls;
}

async function databaseSize(url: string): Promise<{ total: number; tables: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("VACUUM");
  const { rows } = await client.query<{ size: string }>("SELECT pg_database_size(current_database()) AS size");
  const tables = await client.query<{ name: string; size: string }>(
    `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS size FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 6`,
  );
  await client.end();
  return { total: Number(rows[0]!.size), tables: tables.rows.map((t) => `${t.name} ${mb(Number(t.size))}`).join(", ") };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** IAM only, then with resources, each into a fresh database, against the same organization. */
async function resourceComparison(): Promise<void> {
  const org = { accounts: ACCOUNTS, roles: ROLES, latencyMs: Number(values.latency), resources: true };
  const runs: { label: string; ms: number; result: Awaited<ReturnType<typeof scanSynthetic>>["result"] }[] = [];
  for (const [label, readResources] of [["IAM only", false], ["with resources", true]] as const) {
    const fresh = await createPostgresDatabase();
    const freshDb = await openDatabase({ url: fresh.url });
    try {
      const freshStore = await InventoryStore.open(freshDb, await loadActionCatalog());
      const cpu = process.cpuUsage();
      const { result, ms } = await scanSynthetic(freshStore, org, 0, Number(values.concurrency), readResources);
      const used = process.cpuUsage(cpu);
      const grants = await freshDb.prisma.resourceGrant.count();
      runs.push({ label, ms, result });
      console.log(`${label.padEnd(24)} ${(ms / 1000).toFixed(1)} s (${result.status}, ${result.accountsOk} ok), ${result.apiCalls} API calls (${(result.apiCalls / ACCOUNTS).toFixed(1)} per account), ${grants} resource grants, scanner CPU ${((used.user + used.system) / 1e6).toFixed(1)} s`);
    } finally {
      await freshDb.close();
      await fresh.drop();
    }
  }
  const [iam, full] = runs as [(typeof runs)[0], (typeof runs)[0]];
  console.log(`with resources / IAM only: ${(full.ms / iam.ms).toFixed(2)}× the wall time`);
  const perAccount = Object.entries(full.result.apiCallsByService).map(([service, n]) => `${service} ${(n / ACCOUNTS).toFixed(1)}`);
  console.log(`calls per account by service: ${perAccount.join(", ")}`);
}

if (values.resources && !values["no-resources"]) {
  console.log(`resources: ${ACCOUNTS} accounts × ${ROLES} roles, 155 resources per account in 2 regions, ${values.latency} ms per AWS call, concurrency ${values.concurrency}, ${configuredReadThreads()} resource reader thread(s) on ${availableParallelism()} CPUs (fake AWS and PostgreSQL on the same CPUs)`);
  await resourceComparison();
}

const server = await createPostgresDatabase();
const db = await openDatabase({ url: server.url });
const store = await InventoryStore.open(db, await loadActionCatalog());
const org = { accounts: ACCOUNTS, roles: ROLES, latencyMs: Number(values.latency) };
const scanOnce = (generation: number) => scanSynthetic(store, org, generation, Number(values.concurrency));

try {
  console.log(`synthetic organization: ${ACCOUNTS} accounts × ${ROLES} roles, ${values.latency} ms per AWS call, concurrency ${values.concurrency}`);
  const first = await scanOnce(0);
  const rows = await tableCounts(db);
  const enumeration = await perRoleEnumerationCalls(store);
  console.log(`scan + store:            ${(first.ms / 1000).toFixed(1)} s (${first.result.status}, ${first.result.accountsOk} ok, ${first.result.accountsFailed} failed)`);
  console.log(`API calls:               ${first.result.apiCalls} (${(first.result.apiCalls / ACCOUNTS).toFixed(2)} per account)`);
  console.log(`per-role enumeration:    ${enumeration} calls (${(enumeration / ACCOUNTS).toFixed(0)} per account): ${(enumeration / first.result.apiCalls).toFixed(0)}× more`);
  console.log(`rows written:            ${Object.values(rows).reduce((a, b) => a + b, 0)} (${Object.entries(rows).map(([t, n]) => `${t} ${n}`).join(", ")})`);
  console.log(`peak memory (max RSS):   ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (scanner process)`);
  const sizeAfterOne = await databaseSize(server.url);
  console.log(`database size, 1 scan:   ${mb(sizeAfterOne.total)} (${sizeAfterOne.tables})`);
  if (SCANS > 1) {
    let slowest = 0;
    for (let generation = 1; generation < SCANS; generation++) {
      const { result, ms } = await scanOnce(generation);
      slowest = Math.max(slowest, ms);
      if (result.status !== "succeeded") console.log(`  scan ${generation + 1}: ${result.status}`);
    }
    const sizeAfterAll = await databaseSize(server.url);
    const events = await db.prisma.changeEvent.count();
    console.log(`database size, ${SCANS} scans: ${mb(sizeAfterAll.total)} (${(sizeAfterAll.total / sizeAfterOne.total).toFixed(2)}× after 1; 1% churn per scan; ${events} change events; slowest rescan ${(slowest / 1000).toFixed(1)} s)`);
    console.log(`  largest tables:        ${sizeAfterAll.tables}`);
  }
} finally {
  await db.close();
  await server.drop();
}
process.exit(0);
