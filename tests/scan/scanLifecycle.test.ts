/**
 * Scans that outlive their process, with real processes: a `vendorscope scan` killed with
 * SIGKILL half-way is interrupted by the next command once its heartbeat is older than the
 * timeout (not before), keeping the accounts it finished and deciding nothing else; a new
 * scan then runs. And on PostgreSQL, a scan whose lock connection is dropped stops as
 * interrupted while the next scan runs, never overwriting that status.
 */
import "@/testkit/fakeAws/sdkTestEnv";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { SCAN_LOCK_LOST, SCAN_PROCESS_STOPPED } from "@/lib/db/scanLiveness";
import { loadFixtureDirectory, startFakeAws, type FakeAws } from "@/testkit/fakeAws";
import { runCli, startCli, type RunningCli } from "../helpers/cli";
import { createPostgresDatabase } from "@/testkit/database";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
/** The heartbeat timeout the killed scans are judged by: short, so the test need not wait long. */
const TIMEOUT_SECONDS = 1;

interface ScanRow {
  id: number;
  status: string;
  error: string | null;
  accountsOk: number;
  accountsFailed: number;
  changes: number;
}

let fake: FakeAws;
const servers: Awaited<ReturnType<typeof createPostgresDatabase>>[] = [];
const running: RunningCli[] = [];
const dataDir = mkdtempSync(join(tmpdir(), "vendorscope-lifecycle-"));

beforeAll(async () => {
  // About 2 s per account at 500 ms per call: a scan can be caught half-way.
  fake = await startFakeAws({ organization: (await loadFixtureDirectory(ACME)).organization, faults: { latencyMs: 500 } });
});
afterAll(async () => {
  for (const p of running) p.child.kill("SIGKILL");
  await fake?.stop();
  for (const s of servers) await s.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

function awsEnv(): Record<string, string | undefined> {
  return { ...Object.fromEntries(Object.entries(fake.env()).map(([k, v]) => [k, v === "" ? undefined : v])), VENDORSCOPE_AWS_RETRY_BASE_MS: "5" };
}

async function scans(env: Record<string, string | undefined>): Promise<ScanRow[]> {
  const listed = await runCli(["scans", "--json"], env);
  expect(listed.code, listed.stderr).toBe(0);
  return (JSON.parse(listed.stdout) as ScanRow[]).reverse();
}

/** Starts a scan, lets it finish two of the five accounts, and kills it with SIGKILL. */
async function killScanHalfWay(env: Record<string, string | undefined>): Promise<void> {
  const scan = startCli(["scan", "--concurrency", "1"], env);
  running.push(scan);
  await scan.waitForLine(/^\[2\/5\] \d{12} ok/);
  scan.child.kill("SIGKILL");
  await scan.exited;
}

/** Waits until the killed scan's last heartbeat is older than the timeout (read as the next process would). */
async function waitPastTimeout(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, TIMEOUT_SECONDS * 1000 + 300));
}

describe.each(["pglite", "postgres"] as const)("a scan killed half-way (%s)", (kind) => {
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    if (kind === "postgres") {
      const server = await createPostgresDatabase();
      servers.push(server);
      env = { ...awsEnv(), DATABASE_URL: server.url };
    } else {
      env = { ...awsEnv(), DATABASE_URL: "", VENDORSCOPE_DATA_DIR: join(dataDir, "pglite") };
    }
    env.VENDORSCOPE_SCAN_HEARTBEAT_TIMEOUT_SECONDS = String(TIMEOUT_SECONDS);
  });

  it("stays running while its heartbeat is recent, is interrupted by the next command once it is stale, keeps its accounts, and lets a new scan run", async () => {
    await killScanHalfWay(env);

    // Judged by a long timeout, the heartbeat of a moment ago is recent: still running.
    const [recent] = await scans({ ...env, VENDORSCOPE_SCAN_HEARTBEAT_TIMEOUT_SECONDS: "3600" });
    expect(recent).toMatchObject({ id: 1, status: "running", error: null });

    await waitPastTimeout();
    // Cancel finds nothing to cancel: the scan had lost its process, and is interrupted now.
    const cancel = await runCli(["cancel"], env);
    expect(cancel.stderr).toBe("vendorscope cancel: no scan is running\n");
    expect(cancel.code).toBe(1);

    const [killed] = await scans(env);
    expect(killed!.status).toBe("interrupted");
    expect(killed!.error).toBe(`${SCAN_PROCESS_STOPPED} (no heartbeat for ${TIMEOUT_SECONDS} s)`);
    expect(killed!.accountsOk).toBeGreaterThanOrEqual(2);
    expect(killed!.accountsOk).toBeLessThan(5);
    expect(killed!.accountsFailed).toBe(0);

    const next = await runCli(["scan", "--concurrency", "4"], env);
    expect(next.code, next.stderr).toBe(0);
    // (After a crash the next scan number may jump: sequences are logged ahead.)
    expect(next.stdout).toMatch(/Scan #\d+ succeeded: 5 accounts read, 0 failed/);
    const after = await scans(env);
    expect(after.map((s) => s.status)).toEqual(["interrupted", "succeeded"]);
    // The interrupted scan's row is as it was decided: the next scan did not touch it.
    expect(after[0]).toEqual(killed);
    // Six CLI processes one after another: on a loaded 2-core machine this needs more than the default minute.
  }, 180_000);
});

describe("a scan whose lock connection is dropped (PostgreSQL)", () => {
  it("stops as interrupted while the next scan runs, and never overwrites that status", async () => {
    const server = await createPostgresDatabase();
    servers.push(server);
    const env = { ...awsEnv(), DATABASE_URL: server.url };
    const first = startCli(["scan", "--concurrency", "1"], env);
    running.push(first);
    await first.waitForLine(/^\[1\/5\] \d{12} ok/);

    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ terminated: boolean }>(
        "SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE application_name = 'vendorscope-scan-lock' AND datname = current_database()",
      );
      expect(rows).toEqual([{ terminated: true }]);
    } finally {
      await admin.end();
    }

    // The lock is free: a second scan takes it and runs to the end.
    const second = await runCli(["scan", "--concurrency", "4"], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Scan #2 succeeded: 5 accounts read/);

    expect(await first.exited).toBe(1);
    expect(first.stdout.some((l) => /^Scan #1 interrupted: /.test(l))).toBe(true);
    expect(first.stdout.some((l) => l.startsWith("[5/5]"))).toBe(false);

    const db = await openDatabase({ url: server.url });
    try {
      const rows = await db.prisma.scan.findMany({ orderBy: { id: "asc" } });
      expect(rows.map((s) => s.status)).toEqual(["interrupted", "succeeded"]);
      expect([SCAN_LOCK_LOST, SCAN_PROCESS_STOPPED]).toContain(rows[0]!.error);
      // Nothing of the first scan was written after it was decided, and it decided nothing.
      const late = await db.prisma.scanAccount.count({ where: { scanId: rows[0]!.id, finishedAt: { gt: rows[0]!.finishedAt! } } });
      expect(late).toBe(0);
      expect(await db.prisma.changeEvent.count({ where: { scanId: rows[0]!.id, kind: { in: ["VENDOR_APPEARED", "VENDOR_DISAPPEARED", "ACCOUNT_REMOVED"] } } })).toBe(0);
      expect(rows[0]!.accountsOk).toBe(await db.prisma.scanAccount.count({ where: { scanId: rows[0]!.id, status: "ok" } }));
    } finally {
      await db.close();
    }
  });
});
