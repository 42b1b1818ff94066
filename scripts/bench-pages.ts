/**
 * npm run bench:pages [-- --accounts 1000 --roles 300 --requests 20]
 *
 * Loads the benchmark organization (a live scan of the synthetic 1,000 × 300 organization
 * through the fake AWS) into a fresh PostgreSQL database, builds and starts the dashboard on
 * it, and prints p50/p95 response times per page (loopback, so essentially server time).
 */
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/db/client";
import { createPostgresDatabase } from "../testkit/database";
import { buildDashboard, loadBenchInventory, quantile, startDashboard } from "./benchDashboard";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "1000" },
    roles: { type: "string", default: "300" },
    requests: { type: "string", default: "20" },
    port: { type: "string", default: "3300" },
  },
});
const REQUESTS = Number(values.requests);

const server = await createPostgresDatabase();
try {
  const db = await openDatabase({ url: server.url });
  const inventory = await loadBenchInventory(db, { accounts: Number(values.accounts), roles: Number(values.roles) });
  await db.close();

  const pages: [string, string][] = [
    ["overview", "/"],
    ["vendors", "/vendors"],
    ["vendors sorted, page 2", "/vendors?sort=trusts&page=2"],
    ["vendors filtered", "/vendors?risk=critical&finding=NO_EXTERNAL_ID"],
    [`vendor (${inventory.topVendor.trusts} trusts)`, `/vendors/${encodeURIComponent(inventory.topVendor.party)}`],
    ["unknown account", `/vendors/${encodeURIComponent(inventory.unknownParty)}`],
    ["trusts", "/trusts"],
    ["trusts critical", "/trusts?risk=critical&sort=last-used"],
    ["action search exact", "/actions?q=ec2:TerminateInstances"],
    ["action search wildcard", "/actions?q=s3:Delete*"],
    ["action search service", "/actions?q=iam&level=Write"],
    ["action search everything", "/actions?q=*"],
    ["accounts", "/accounts"],
    ["account", `/accounts/${inventory.accountId}`],
    ["role", `/roles/${inventory.roleId}`],
    ["IAM users", "/users"],
    ["scans", "/scans"],
    ["scan", `/scans/${inventory.scanId}`],
  ];

  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: server.url };
  buildDashboard(env);
  const web = await startDashboard(Number(values.port), env);
  try {
    console.log(`\n${"page".padEnd(32)} ${"p50".padStart(8)} ${"p95".padStart(8)}  (${REQUESTS} requests each, after one warm-up)`);
    for (const [name, path] of pages) {
      const warm = await web.get(path);
      if (warm.status !== 200) throw new Error(`${path} answered ${warm.status}`);
      await warm.text();
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const start = performance.now();
        const response = await web.get(path);
        await response.text();
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      console.log(`${name.padEnd(32)} ${quantile(times, 0.5).toFixed(0).padStart(6)}ms ${quantile(times, 0.95).toFixed(0).padStart(6)}ms`);
    }
  } finally {
    await web.stop();
  }
} finally {
  await server.drop();
}
process.exit(0);
