/**
 * Scale-out on real PostgreSQL: worker processes and a scheduler process scan a 200-account
 * fake organization through pg-boss; the result equals a single-process scan; a worker killed
 * mid-scan loses nothing; a scheduled run that finds a scan running is recorded as skipped.
 */
import "@/testkit/fakeAws/sdkTestEnv";
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseVendorList } from "@/lib/analysis/vendorList";
import { DEFAULT_MEMBER_ROLE } from "@/lib/aws/memberCredentials";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { openDatabase, type Database } from "@/lib/db/client";
import { currentInventoryDocument } from "@/lib/db/inventoryDocument";
import { PermissionSummaries } from "@/lib/db/permissionSummaries";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { replaceKnownVendors } from "@/lib/db/vendorStore";
import { runAwsScan } from "@/lib/scan/runners/inline";
import { silentProgress } from "@/lib/scan/progress";
import { startFakeAws, syntheticOrganization, type FakeAws } from "@/testkit/fakeAws";
import { runCli, startCli, type RunningCli } from "../helpers/cli";
import { createPostgresDatabase } from "@/testkit/database";
import { sharedData } from "@/testkit/sharedData";

const ORG = syntheticOrganization({ accounts: 200, rolesPerAccount: 30, vendorShare: 0.1, seed: 7 });
/** Suspended accounts are members, but not read. */
const ACTIVE = ORG.accounts.filter((a) => a.status !== "SUSPENDED").length;
const KNOWN = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
const QUEUE_ENV = {
  // Long enough that a busy machine does not expire a healthy job; the killed-worker test shortens it.
  VENDORSCOPE_JOB_LEASE_SECONDS: "120",
  VENDORSCOPE_QUEUE_MAINTENANCE_SECONDS: "1",
  VENDORSCOPE_JOB_RETRY_DELAY_SECONDS: "1",
  VENDORSCOPE_AWS_RETRY_BASE_MS: "5",
};

let fake: FakeAws;
const servers: Awaited<ReturnType<typeof createPostgresDatabase>>[] = [];
const processes: RunningCli[] = [];

beforeAll(async () => {
  fake = await startFakeAws({ organization: ORG });
  // This process runs the single-process scan the queued one is compared with.
  for (const [key, value] of Object.entries(fake.env())) {
    if (value === "") delete process.env[key];
    else process.env[key] = value;
  }
});
// Each test stops the processes it started: idle workers left behind would hold connections
// and CPU through the tests after it.
afterEach(async () => {
  const stopping = processes.splice(0).filter((p) => p.child.exitCode === null && p.child.signalCode === null);
  for (const p of stopping) p.child.kill("SIGKILL");
  await Promise.all(stopping.map((p) => p.exited));
});
afterAll(async () => {
  await fake?.stop();
  for (const s of servers) await s.drop();
});

function cliEnv(url: string, extra: Record<string, string> = {}) {
  return { ...Object.fromEntries(Object.entries(fake.env()).map(([k, v]) => [k, v === "" ? undefined : v])), DATABASE_URL: url, ...QUEUE_ENV, ...extra };
}

async function freshDatabase(): Promise<{ url: string; db: Database; store: InventoryStore }> {
  const server = await createPostgresDatabase();
  servers.push(server);
  const db = await openDatabase({ url: server.url });
  await db.prisma.$transaction((tx) => replaceKnownVendors(tx, KNOWN, "test"));
  return { url: server.url, db, store: await InventoryStore.open(db, await loadActionCatalog()) };
}

function start(args: string[], env: Record<string, string | undefined>): RunningCli {
  const p = startCli(args, env);
  processes.push(p);
  return p;
}

async function waitForScan(db: Database, predicate: (scans: { id: number; status: string }[]) => boolean, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const scans = await db.prisma.scan.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, error: true, accountsOk: true, accountsFailed: true } });
    if (predicate(scans)) return scans;
    if (Date.now() > until) throw new Error(`timed out; scans: ${JSON.stringify(scans)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("queued scans on pg-boss", { timeout: 240_000 }, () => {
  it("two workers and a scheduler read each account exactly once, with the same result as one process", async () => {
    const queued = await freshDatabase();
    start(["worker", "--concurrency", "4"], cliEnv(queued.url));
    start(["worker", "--concurrency", "4"], cliEnv(queued.url));
    const scheduler = start(["scheduler"], cliEnv(queued.url, { VENDORSCOPE_EXECUTOR: "queue", VENDORSCOPE_SCHEDULE: "*/2 * * * * *" }));
    const callsBefore = fake.calls.length;
    const scans = await waitForScan(queued.db, (s) => s.some((x) => x.status !== "running" && x.status !== "skipped"));
    scheduler.child.kill("SIGTERM");
    const scan = scans.find((s) => s.status !== "skipped")!;
    expect(scan).toMatchObject({ status: "succeeded", accountsOk: ACTIVE, accountsFailed: 0 });
    expect(ACTIVE).toBeGreaterThan(190);
    expect((await queued.db.prisma.scan.findUniqueOrThrow({ where: { id: scan.id } })).trigger).toBe("schedule");

    const calls = fake.calls.slice(callsBefore).filter((c) => c.operation === "GetAccountAuthorizationDetails");
    const perAccount = new Map<string, number>();
    for (const c of calls) perAccount.set(c.accountId!, (perAccount.get(c.accountId!) ?? 0) + 1);
    expect(perAccount.size).toBe(ACTIVE);
    expect([...perAccount.values()].every((n) => n === 1)).toBe(true);

    const single = await freshDatabase();
    const inline = await runAwsScan(single.store, { aws: { region: "us-east-1", maxAttempts: 3, retryBaseMs: 5, callTimeoutMs: 10_000 }, memberRole: DEFAULT_MEMBER_ROLE, concurrency: 8, trigger: "test" }, silentProgress);
    expect(inline.status).toBe("succeeded");
    const report = async (d: typeof single) => currentInventoryDocument(d.db.prisma, await PermissionSummaries.create(d.db.prisma, d.store.catalog));
    const [a, b] = await Promise.all([report(queued), report(single)]);
    expect(a.trusts).toEqual(b.trusts);
    expect(a.trusts.length).toBeGreaterThan(300);
    const events = async (d: typeof single) => (await d.db.prisma.changeEvent.findMany({ orderBy: [{ kind: "asc" }, { summary: "asc" }], select: { kind: true, summary: true } }));
    expect(await events(queued)).toEqual(await events(single));
    await queued.db.close();
    await single.db.close();
  });

  it("finishes with nothing missing when a worker is killed mid-scan", async () => {
    const { url, db } = await freshDatabase();
    fake.setFaults({ latencyMs: 60 });
    try {
      const shortLease = { VENDORSCOPE_JOB_LEASE_SECONDS: "5" }; // the victim's jobs are handed out again soon
      const victim = start(["worker", "--concurrency", "4"], cliEnv(url, shortLease));
      start(["worker", "--concurrency", "4"], cliEnv(url, shortLease));
      const coordinator = start(["scan", "--executor", "queue"], cliEnv(url, shortLease));
      await victim.waitForLine(/^scan #\d+ \d{12} ok/, 120_000);
      await new Promise((r) => setTimeout(r, 1000));
      victim.child.kill("SIGKILL");
      expect(await coordinator.exited, `coordinator stderr:\n${coordinator.stderr()}`).toBe(0);
      const scan = await db.prisma.scan.findFirstOrThrow({ orderBy: { id: "desc" } });
      expect(scan).toMatchObject({ status: "succeeded", accountsOk: ACTIVE, accountsFailed: 0, executor: "queue" });
      const accounts = await db.prisma.scanAccount.groupBy({ by: ["accountId"], where: { scanId: scan.id }, _count: true });
      expect(accounts).toHaveLength(ACTIVE);
      const trusts = await db.prisma.trust.findMany({ where: { removedScanId: null }, select: { roleId: true, principal: true } });
      expect(new Set(trusts.map((t) => `${t.roleId}/${t.principal}`)).size).toBe(trusts.length);
    } finally {
      fake.setFaults({});
      await db.close();
    }
  });

  // Its worker and coordinator start together on a new database: that is how CI twice found
  // pg-boss's queue creation deadlocking (tests/scan/accountQueue.test.ts now proves it can't).
  it("retries a failing account with backoff and records it as failed after the last try", async () => {
    const { url, db } = await freshDatabase();
    const denied = ORG.accounts.find((a) => a.id !== ORG.managementAccountId && a.status !== "SUSPENDED")!.id;
    fake.setFaults({ denyAssumeRole: [denied] });
    try {
      const callsBefore = fake.calls.length;
      const worker = start(["worker", "--concurrency", "8"], cliEnv(url, { VENDORSCOPE_JOB_RETRIES: "2" }));
      const coordinator = await runCli(["scan", "--executor", "queue"], cliEnv(url, { VENDORSCOPE_JOB_RETRIES: "2" }));
      const diagnostics = `coordinator stderr:\n${coordinator.stderr}\ncoordinator stdout:\n${coordinator.stdout.slice(-3000)}\nworker:\n${worker.stdout.slice(-40).join("\n")}\n${worker.stderr()}`;
      if (coordinator.code !== 3) console.error(`queue retry test: the coordinator exited ${coordinator.code}\n${diagnostics}`);
      expect(coordinator.code, diagnostics).toBe(3);
      expect(worker.stdout.filter((l) => l.includes(`${denied} retry: AccessDenied`))).toHaveLength(2);
      const failed = await db.prisma.scanAccount.findMany({ where: { status: "failed" } });
      expect(failed.map((f) => [f.accountId, f.error?.slice(0, 12)])).toEqual([[denied, "AccessDenied"]]);
      const attempts = fake.calls.slice(callsBefore).filter((c) => c.operation === "AssumeRole" && JSON.stringify(c.params).includes(denied));
      expect(attempts).toHaveLength(3);
      expect((await db.prisma.scan.findFirstOrThrow()).status).toBe("partial");
    } finally {
      fake.setFaults({});
      await db.close();
    }
  });

  it("records a scheduled run that finds a scan running as skipped, and cancels from the command line", async () => {
    const { url, db } = await freshDatabase();
    fake.setFaults({ latencyMs: 100 });
    try {
      const long = start(["scan", "--concurrency", "2"], cliEnv(url));
      await long.waitForLine(new RegExp(`^\\[1/${ACTIVE}\\]`), 60_000);
      const scheduler = start(["scheduler"], cliEnv(url, { VENDORSCOPE_SCHEDULE: "*/2 * * * * *" }));
      await scheduler.waitForLine(/skipped: scan #1 was still running/, 30_000);
      scheduler.child.kill("SIGTERM");
      const skipped = await db.prisma.scan.findFirstOrThrow({ where: { status: "skipped" } });
      expect(skipped).toMatchObject({ trigger: "schedule", error: "scan #1 was still running" });

      const cancel = await runCli(["cancel"], cliEnv(url));
      expect(cancel.stdout).toBe("Scan #1 will stop after the accounts in progress.\n");
      expect(await long.exited).toBe(1);
      const scan = await db.prisma.scan.findUniqueOrThrow({ where: { id: 1 } });
      expect(scan.status).toBe("cancelled");
      expect(scan.accountsOk).toBeLessThan(ACTIVE);
      expect(await db.prisma.changeEvent.count({ where: { scanId: 1, kind: { in: ["ACCOUNT_REMOVED", "VENDOR_APPEARED"] } } })).toBe(0);
      expect((await runCli(["cancel"], cliEnv(url))).code).toBe(1);
    } finally {
      fake.setFaults({});
      await db.close();
    }
  });
});
