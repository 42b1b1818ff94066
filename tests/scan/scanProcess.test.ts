import "@/testkit/fakeAws/sdkTestEnv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { loadFixtureDirectory, startFakeAws, type FakeAws } from "@/testkit/fakeAws";
import { runCli, startCli } from "../helpers/cli";
import { createPostgresDatabase } from "@/testkit/database";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;

let fake: FakeAws;
let server: Awaited<ReturnType<typeof createPostgresDatabase>>;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  fake = await startFakeAws({ organization: (await loadFixtureDirectory(ACME)).organization, faults: { latencyMs: 500 } });
  server = await createPostgresDatabase();
  env = { ...Object.fromEntries(Object.entries(fake.env()).map(([k, v]) => [k, v === "" ? undefined : v])), DATABASE_URL: server.url, VENDORSCOPE_AWS_RETRY_BASE_MS: "5" };
});
afterAll(async () => {
  await fake?.stop();
  await server?.drop();
});

describe("scans as processes, on PostgreSQL", () => {
  it("refuses a second scan while one runs, and recovers from a scan killed half-way", async () => {
    // With 500 ms per call, the first scan needs about 2 s per account: time enough.
    const first = startCli(["scan", "--concurrency", "1"], env);
    await first.waitForLine(/^\[1\/5\] \d{12} ok/);

    const second = await runCli(["scan"], env);
    expect(second.stderr).toBe("vendorscope scan: another scan is running on this database; try again when it has finished\n");
    expect(second.code).toBe(1);

    await first.waitForLine(/^\[2\/5\] \d{12} ok/);
    expect(first.stdout.some((l) => l.startsWith("[5/5]"))).toBe(false);
    first.child.kill("SIGKILL");
    await first.exited;

    const db = await openDatabase({ url: server.url });
    try {
      const killed = await db.prisma.scan.findFirstOrThrow({ orderBy: { id: "asc" } });
      expect(killed.status).toBe("running");
      const finishedAccounts = await db.prisma.scanAccount.count({ where: { scanId: killed.id } });
      expect(finishedAccounts).toBeGreaterThanOrEqual(2);

      const third = await runCli(["scan", "--concurrency", "4"], env);
      expect(third.code).toBe(0);
      // The summary says what each service cost, in total and per account.
      const byService = /\nAPI calls by service \(total, per account\): (.*)\n/.exec(third.stdout)?.[1] ?? "";
      expect(byService).toMatch(/\biam \d+ \(\d+(\.\d)?\)/);
      expect(byService).toMatch(/\bs3 \d+ \(\d+(\.\d)?\)/);
      const scans = await db.prisma.scan.findMany({ orderBy: { id: "asc" } });
      expect(scans.map((s) => s.status)).toEqual(["interrupted", "succeeded"]);
      expect(scans[0]!.error).toBe("the scanning process stopped before the scan finished");
      // What the killed scan had finished stays; the rest was read by the next scan; nothing twice.
      const accounts = await db.prisma.account.findMany({ where: { lastSuccessScanId: { not: null } } });
      expect(accounts).toHaveLength(5);
      const trusts = await db.prisma.trust.findMany({ where: { removedScanId: null } });
      expect(new Set(trusts.map((t) => `${t.roleId}/${t.principal}`)).size).toBe(trusts.length);
      expect(trusts).toHaveLength(15);
      expect(await db.prisma.changeEvent.count({ where: { scanId: scans[1]!.id, kind: "TRUST_ADDED" } })).toBe(15 - (await db.prisma.changeEvent.count({ where: { scanId: killed.id, kind: "TRUST_ADDED" } })));
    } finally {
      await db.close();
    }
  });
});
