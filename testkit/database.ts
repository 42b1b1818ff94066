import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "@/lib/db/client";

const SERVER_URL = process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test";

/** A new, empty PostgreSQL database on the test server, and how to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `vs_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export type DatabaseKind = "postgres" | "pglite";

/** A migrated, empty database of the given kind; `close()` also drops a PostgreSQL one. */
export async function testDatabase(kind: DatabaseKind): Promise<Database & { dispose(): Promise<void> }> {
  if (kind === "pglite") {
    const db = await openDatabase({ dataDir: "memory://" });
    return { ...db, dispose: () => db.close() };
  }
  const server = await createPostgresDatabase();
  const db = await openDatabase({ url: server.url });
  return {
    ...db,
    async dispose() {
      await db.close();
      await server.drop();
    },
  };
}

/** Row counts of every inventory and history table, to prove what a scan wrote. */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const tables = ["Account", "Vendor", "VendorAccount", "ExternalAccount", "Role", "Trust", "PermissionSet", "IamUser", "AccessKey", "Scan", "ScanAccount", "ChangeEvent", "RawExport"];
  const out: Record<string, number> = {};
  for (const table of tables) {
    const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`);
    out[table] = rows[0]!.n;
  }
  return out;
}
