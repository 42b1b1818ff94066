/**
 * A scan's status, once decided, is never overwritten: a scan interrupted by someone who
 * found its heartbeat stale (or by the next scan) ends interrupted whatever its own process
 * then does, writes nothing more and decides nothing; a scan that loses its lock stops as
 * interrupted. On the embedded PGlite and on PostgreSQL.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { heartbeatIntervalMs, heartbeatTimeoutMs, interruptStaleScans, SCAN_LOCK_LOST, SCAN_PROCESS_STOPPED, ScanStoppedError } from "@/lib/db/scanLiveness";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { testDatabase, type DatabaseKind } from "@/testkit/database";

const META = { startedAt: new Date(), durationMs: 1, apiCalls: 2 };
const LATER = () => new Date(Date.now() + 10 * 60_000);

describe("the heartbeat timeout", () => {
  it("is VENDORSCOPE_SCAN_HEARTBEAT_TIMEOUT_SECONDS, 60 s by default, and a scan beats at least four times within it", () => {
    expect(heartbeatTimeoutMs({})).toBe(60_000);
    expect(heartbeatTimeoutMs({ VENDORSCOPE_SCAN_HEARTBEAT_TIMEOUT_SECONDS: "5" })).toBe(5_000);
    expect(heartbeatTimeoutMs({ VENDORSCOPE_SCAN_HEARTBEAT_TIMEOUT_SECONDS: "nonsense" })).toBe(60_000);
    expect(heartbeatIntervalMs(60_000)).toBe(15_000);
    expect(heartbeatIntervalMs(600_000)).toBe(15_000);
    expect(heartbeatIntervalMs(2_000)).toBe(500);
  });
});

describe.each(["pglite", "postgres"] as DatabaseKind[])("scan status on %s", (kind) => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let store: InventoryStore;

  beforeAll(async () => {
    db = await testDatabase(kind);
    store = await InventoryStore.open(db, await loadActionCatalog());
  });
  afterAll(async () => db?.dispose());

  it("interrupts only running scans whose heartbeat is older than the timeout, keeping their counts", async () => {
    const session = await store.startScan({ trigger: "test", source: "files" });
    await session.failAccount("111111111111", "denied", META);
    const done = await db.prisma.scan.create({ data: { status: "succeeded", trigger: "test", source: "files", heartbeatAt: new Date(0) } });

    expect(await interruptStaleScans(db.prisma)).toEqual([]); // its heartbeat is fresh
    expect((await db.prisma.scan.findUniqueOrThrow({ where: { id: session.id } })).status).toBe("running");

    expect(await interruptStaleScans(db.prisma, LATER())).toEqual([session.id]);
    const row = await db.prisma.scan.findUniqueOrThrow({ where: { id: session.id } });
    expect(row).toMatchObject({ status: "interrupted", accountsOk: 0, accountsFailed: 1, apiCalls: 2, error: `${SCAN_PROCESS_STOPPED} (no heartbeat for 60 s)` });
    expect(row.finishedAt).not.toBeNull();
    expect((await db.prisma.scan.findUniqueOrThrow({ where: { id: done.id } })).status).toBe("succeeded");
    expect(await interruptStaleScans(db.prisma, LATER())).toEqual([]);

    // Its own process, still alive, can write nothing more and does not overwrite the status.
    await expect(session.failAccount("222222222222", "late", META)).rejects.toBeInstanceOf(ScanStoppedError);
    await expect(session.setTotal(5)).rejects.toBeInstanceOf(ScanStoppedError);
    expect(await db.prisma.scanAccount.count({ where: { scanId: session.id } })).toBe(1);
    const result = await session.finish();
    expect(result).toMatchObject({ id: session.id, status: "interrupted", accountsFailed: 1 });
    expect(await db.prisma.scan.findUniqueOrThrow({ where: { id: session.id } })).toEqual(row);
    expect(await db.prisma.changeEvent.count({ where: { scanId: session.id } })).toBe(0);
  });

  it("settles an account once per scan: a second outcome for it (a coordinator racing a slow worker) writes nothing", async () => {
    const session = await store.startScan({ trigger: "test", source: "files" });
    const outcomes = await Promise.all([
      session.failAccount("444444444444", "the job failed after 3 attempts", META),
      session.failAccount("444444444444", "AccessDenied", META),
    ]);
    expect(outcomes.sort()).toEqual([false, true]);
    const rows = await db.prisma.scanAccount.findMany({ where: { scanId: session.id } });
    expect(rows).toHaveLength(1);
    expect((await db.prisma.account.findUniqueOrThrow({ where: { id: "444444444444" } })).lastError).toBe(rows[0]!.error);
    expect(await session.failAccount("444444444444", "late", META)).toBe(false);
    expect((await session.finish()).accountsFailed).toBe(1);
  });

  it("lets the next scan interrupt a scan left running, whose finish then keeps that status", async () => {
    const stuck = await db.prisma.scan.create({ data: { status: "running", trigger: "test", source: "aws", heartbeatAt: new Date() } });
    const next = await store.startScan({ trigger: "test", source: "files" });
    const row = await db.prisma.scan.findUniqueOrThrow({ where: { id: stuck.id } });
    expect(row).toMatchObject({ status: "interrupted", error: SCAN_PROCESS_STOPPED });
    await db.prisma.scan.updateMany({ where: { id: next.id }, data: { status: "cancelled" } }); // decided by someone else
    expect((await next.finish({ error: "would say failed" })).status).toBe("cancelled");
    expect((await db.prisma.scan.findUniqueOrThrow({ where: { id: next.id } })).error).toBeNull();
  });

  it.runIf(kind === "postgres")("stops a scan as interrupted when its lock connection is dropped, and lets the next scan start", async () => {
    const first = await store.startScan({ trigger: "test", source: "files" });
    const url = (db as { url?: string }).url!;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'vendorscope-scan-lock' AND datname = current_database()");
    await admin.end();

    await expect(first.failAccount("333333333333", "after the lock was lost", META)).rejects.toBeInstanceOf(ScanStoppedError);
    expect(first.stopped).toBe(true);
    expect(await db.prisma.scan.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: "interrupted", error: SCAN_LOCK_LOST });
    expect(await db.prisma.scanAccount.count({ where: { scanId: first.id } })).toBe(0);

    const second = await store.startScan({ trigger: "test", source: "files" });
    expect((await first.finish()).status).toBe("interrupted");
    await second.failAccount("333333333333", "denied", META);
    expect((await second.finish()).status).toBe("failed");
  });
});
