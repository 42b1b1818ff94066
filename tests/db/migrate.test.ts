// The migrations (lib/db/migrate.ts) through openDatabase (lib/db/client.ts) on a throwaway
// PostgreSQL database and on an in-memory PGlite: apply, re-apply (no-op), `_prisma_migrations`
// bookkeeping, the generated client on every model, and `npm run db:diff` on the unchanged schema.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { applyMigrations, migrationNames, MIGRATIONS_DIR } from "@/lib/db/migrate";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { REPO_ROOT } from "@/lib/paths";

const SERVER_URL = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test";
const NAMES = migrationNames();
const CHECKSUMS = NAMES.map((name) => ({
  migration_name: name,
  checksum: createHash("sha256").update(readFileSync(join(MIGRATIONS_DIR, name, "migration.sql"))).digest("hex"),
}));

// Started now, awaited by its test: the subprocess overlaps the database tests.
const diffRun = promisify(execFile)("npm", ["run", "--silent", "db:diff", "--", "x"], { cwd: REPO_ROOT });
diffRun.catch(() => {}); // reported by its test

test("the repository has migrations", () => {
  expect(NAMES.length).toBeGreaterThan(0);
});

function bitsFor(id: number): Uint8Array<ArrayBuffer> {
  const bits = new Uint8Array((id >> 3) + 1);
  bits[id >> 3] = 1 << (id & 7);
  return bits;
}

/** Creates and reads rows of several models, and counts the rows of every model. */
async function exerciseClient(prisma: PrismaClient): Promise<void> {
  const vendor = await prisma.vendor.create({
    data: { name: "Datadog", accounts: { create: { accountId: "464622532012", source: "known" } } },
    include: { accounts: true },
  });
  expect(vendor.accounts).toMatchObject([{ accountId: "464622532012", vendorId: vendor.id }]);

  const action = await prisma.action.create({
    data: { key: "ec2:terminateinstances", name: "ec2:TerminateInstances", service: "ec2", accessLevels: ["Write"] },
  });
  const role = await prisma.role.create({
    data: {
      accountId: "210000000001",
      arn: "arn:aws:iam::210000000001:role/DatadogIntegration",
      name: "DatadogIntegration",
      path: "/",
      trustPolicy: { Version: "2012-10-17", Statement: [] },
      firstSeenScanId: 1,
      changedScanId: 1,
      permissionSet: {
        create: {
          fingerprint: "fp1",
          admin: false,
          accessLevels: ["Read", "Write"],
          privilegeEscalation: [],
          actionCount: 1,
          writeActionCount: 1,
          summary: { services: ["ec2"] },
          actionBits: bitsFor(action.id),
        },
      },
      trusts: {
        create: {
          accountId: "210000000001",
          principal: "arn:aws:iam::464622532012:root",
          principalKind: "account",
          statementPrincipal: "AWS",
          internal: false,
          vendorName: "Datadog",
          conditions: { StringEquals: { "sts:ExternalId": "x" } },
          statements: [0, 2],
          findings: ["root-delegation"],
          risk: "high",
          riskRank: 2,
          firstSeenScanId: 1,
          changedScanId: 1,
        },
      },
    },
  });
  const read = await prisma.role.findUniqueOrThrow({
    where: { id: role.id },
    include: { trusts: true, permissionSet: true },
  });
  expect(read.trustPolicy).toEqual({ Version: "2012-10-17", Statement: [] });
  expect(read.trusts[0]).toMatchObject({ statements: [0, 2], findings: ["root-delegation"], riskRank: 2 });
  const granted = await prisma.$queryRaw<{ id: number }[]>`SELECT ps.id FROM "PermissionSet" ps WHERE get_bit(ps."actionBits", ${action.id}) = 1`;
  expect(granted).toEqual([{ id: read.permissionSetId }]);

  const scan = await prisma.scan.create({
    data: { status: "succeeded", trigger: "cli", source: "files", accounts: { create: { accountId: "210000000001", status: "ok" } } },
    include: { accounts: true },
  });
  expect(scan.accounts[0]).toMatchObject({ scanId: scan.id, durationMs: 0 });
  await prisma.rawExport.create({
    data: { accountId: "210000000001", scanId: scan.id, capturedAt: new Date(), sha256: "00", authorizationDetails: new Uint8Array([1, 2, 3]) },
  });
  expect([...(await prisma.rawExport.findUniqueOrThrow({ where: { accountId: "210000000001" } })).authorizationDetails]).toEqual([1, 2, 3]);

  // Every model has its table: count each through its delegate.
  const delegates = prisma as unknown as Record<string, { count(): Promise<number> }>;
  for (const model of Object.values(Prisma.ModelName)) {
    const count = await delegates[model.charAt(0).toLowerCase() + model.slice(1)]!.count();
    expect(count, model).toBeGreaterThanOrEqual(0);
  }
}

async function migrationRows(prisma: PrismaClient) {
  return prisma.$queryRaw<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }[]>`
    SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`;
}

/** The shared checks. `migrateOnOpen`: `open` applies the migrations, else the test does. */
function describeDatabase(kind: Database["kind"], open: () => Promise<Database>, migrateOnOpen: boolean) {
  describe(kind, () => {
    let db: Database;
    beforeAll(async () => {
      db = await open();
    });
    afterAll(async () => {
      await db?.close();
    });
    const target = () => (db.kind === "postgres" ? db.url : db.pglite);

    test(`migrates an empty database (${migrateOnOpen ? "on open" : "applyMigrations"}), then applies nothing`, async () => {
      expect(db.kind).toBe(kind);
      expect(migrateOnOpen ? db.migrationsApplied : await applyMigrations(target())).toEqual(NAMES);
      expect(await applyMigrations(target())).toEqual([]);
    });

    test("records the migrations as prisma migrate deploy does", async () => {
      const rows = await migrationRows(db.prisma);
      expect(rows.map(({ migration_name, checksum }) => ({ migration_name, checksum }))).toEqual(CHECKSUMS);
      for (const row of rows) {
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.rolled_back_at).toBeNull();
      }
    });

    test("every model is usable through the client", async () => {
      await exerciseClient(db.prisma);
    });
  });
}

// PostgreSQL: a fresh database on the server of DATABASE_URL, dropped afterwards.
const dbName = `vs_test_${randomBytes(6).toString("hex")}`;
const testUrl = Object.assign(new URL(SERVER_URL), { pathname: `/${dbName}` }).toString();
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
beforeAll(() => admin(`CREATE DATABASE "${dbName}"`));
afterAll(() => admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));

describeDatabase("postgres", () => openDatabase({ url: testUrl }), true);
describeDatabase("pglite", () => openDatabase({ dataDir: "memory://", migrate: false }), false);

test("db:diff reports no changes for the unchanged schema", async () => {
  const before = migrationNames();
  const { stdout } = await diffRun;
  expect(stdout).toMatch(/no changes/);
  expect(migrationNames()).toEqual(before);
});

test("a migration added after the others were applied is applied: 'every one recorded' is checked by name and checksum", async () => {
  const { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { PGlite } = await import("@electric-sql/pglite");
  const dir = mkdtempSync(join(tmpdir(), "vendorscope-migrations-"));
  const pglite = await PGlite.create();
  try {
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    expect(await applyMigrations(pglite, { migrationsDir: dir })).toEqual(NAMES);
    expect(await applyMigrations(pglite, { migrationsDir: dir })).toEqual([]);
    const later = "99991231000000_later";
    mkdirSync(join(dir, later));
    writeFileSync(join(dir, later, "migration.sql"), 'CREATE TABLE "LaterTable" ("id" INTEGER PRIMARY KEY);\n');
    expect(await applyMigrations(pglite, { migrationsDir: dir })).toEqual([later]);
    expect((await pglite.query(`SELECT count(*)::int AS n FROM "LaterTable"`)).rows).toEqual([{ n: 0 }]);
  } finally {
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

test("a migration that failed half way is not taken as applied: the engine refuses to go on, as prisma migrate deploy does", async () => {
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = await PGlite.create();
  try {
    expect(await applyMigrations(pglite)).toEqual(NAMES);
    await pglite.query(`UPDATE "_prisma_migrations" SET finished_at = NULL, logs = 'failed' WHERE migration_name = $1`, [NAMES.at(-1)]);
    await expect(applyMigrations(pglite)).rejects.toThrow(/failed/i);
  } finally {
    await pglite.close();
  }
}, 120_000);
