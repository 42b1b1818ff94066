/**
 * npm run bench:workers [-- --accounts 1000 --roles 300 --latency 30 --workers 1,2,4 --concurrency 16]
 *
 * Scans the benchmark organization (the fake AWS in its own process) with the queue executor
 * and 1, 2 and 4 `vendorscope worker` processes, each into a fresh PostgreSQL database, and
 * prints wall time and accounts per second for each.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { DEFAULT_AWS_SETTINGS } from "../lib/aws/clients";
import { DEFAULT_MEMBER_ROLE } from "../lib/aws/memberCredentials";
import { loadActionCatalog } from "../lib/catalog/iamActions";
import { openDatabase } from "../lib/db/client";
import { InventoryStore } from "../lib/db/inventoryStore";
import { silentProgress } from "../lib/scan/progress";
import { runQueuedScan } from "../lib/scan/runners/queued";
import { createPostgresDatabase } from "../testkit/database";
import { startFakeAwsProcess, stopProcess } from "./benchOrganization";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "1000" },
    roles: { type: "string", default: "300" },
    latency: { type: "string", default: "30" },
    workers: { type: "string", default: "1,2,4" },
    concurrency: { type: "string", default: "16" },
  },
});
const org = { accounts: Number(values.accounts), roles: Number(values.roles), latencyMs: Number(values.latency) };
const catalog = await loadActionCatalog();
const fake = await startFakeAwsProcess(org, 0);
const rows: string[] = [];
try {
  for (const count of values.workers!.split(",").map(Number)) {
    const server = await createPostgresDatabase();
    const env = { ...process.env, DATABASE_URL: server.url, VENDORSCOPE_QUEUE_MAINTENANCE_SECONDS: "5" };
    const workers: ChildProcess[] = [];
    try {
      const db = await openDatabase({ url: server.url });
      const store = await InventoryStore.open(db, catalog);
      for (let i = 0; i < count; i++) {
        const worker = spawn(process.execPath, ["bin/vendorscope.mjs", "worker", "--concurrency", values.concurrency!], { env, stdio: ["ignore", "pipe", "inherit"] });
        workers.push(worker);
        await new Promise<void>((resolve) => worker.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("Worker ready") && resolve()));
        worker.stdout!.resume();
      }
      const started = performance.now();
      const result = await runQueuedScan(store, { aws: DEFAULT_AWS_SETTINGS, memberRole: DEFAULT_MEMBER_ROLE, concurrency: Number(values.concurrency), trigger: "bench" }, silentProgress);
      const seconds = (performance.now() - started) / 1000;
      const line = `${String(count).padStart(7)}  ${seconds.toFixed(1).padStart(8)} s  ${(result.accountsOk / seconds).toFixed(1).padStart(10)}  (${result.status}, ${result.accountsOk} ok, ${result.accountsFailed} failed)`;
      console.log(line);
      rows.push(line);
      await db.close();
    } finally {
      await Promise.all(workers.map(stopProcess));
      await server.drop();
    }
  }
} finally {
  await stopProcess(fake);
}
console.log(`\n${org.accounts} accounts × ${org.roles} roles, ${org.latencyMs} ms per AWS call, ${values.concurrency} accounts at once per worker, ${cpus().length} CPU cores.`);
console.log("workers       wall   accounts/s");
for (const row of rows) console.log(row);
process.exit(0);
