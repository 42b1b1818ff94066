// Prisma migrations without the native schema engine, through the wasm engine and a driver
// adapter: `applyMigrations` is `prisma migrate deploy` (same `_prisma_migrations` bookkeeping),
// `createMigration` is `prisma migrate dev --create-only` (diff of the migrations directory
// against the schema, computed in an in-memory PGlite).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import {
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  loadMigrationList,
  MIGRATIONS_DIR,
  SCHEMA_PATH,
  type MigrationPaths,
} from "./migrations";
import type { SchemaEngine } from "./schemaEngine";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";

export { migrationNames, MIGRATIONS_DIR, SCHEMA_PATH, type MigrationPaths } from "./migrations";

/** A PostgreSQL connection string, or an open PGlite instance (left open). */
export type MigrationTarget = string | PGlite;

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** A driver adapter factory, and how to release what it opened. */
interface Connection {
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/** Wraps a factory so that every adapter it hands to the engine is disposed on close. */
function tracked(factory: SqlMigrationAwareDriverAdapterFactory, close: () => Promise<void>): Connection {
  const adapters: SqlDriverAdapter[] = [];
  const track = async (pending: Promise<SqlDriverAdapter>) => {
    const adapter = await pending;
    adapters.push(adapter);
    return adapter;
  };
  return {
    factory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: () => track(factory.connect()),
      connectToShadowDb: () => track(factory.connectToShadowDb()),
    },
    close: async () => {
      await Promise.allSettled(adapters.map((adapter) => adapter.dispose()));
      await close();
    },
  };
}

/**
 * PGlite through pglite-prisma-adapter. A `scratch` instance (a throwaway in-memory database) also
 * serves as the shadow database and is closed afterwards; otherwise shadow databases are fresh
 * in-memory PGlites, never the target itself (the engine wipes its shadow database).
 */
function pgliteConnection(pglite: PGlite, scratch = false): Connection {
  const shadows: PGlite[] = [];
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "pglite-prisma-adapter",
    connect: () => new PrismaPGlite(pglite).connect(),
    connectToShadowDb: async () => {
      if (scratch) return new PrismaPGlite(pglite).connect();
      const shadow = await PGlite.create();
      shadows.push(shadow);
      return new PrismaPGlite(shadow).connect();
    },
  };
  return tracked(factory, async () => {
    await Promise.allSettled([...shadows, ...(scratch ? [pglite] : [])].map((db) => db.close()));
  });
}

/**
 * PostgreSQL through @prisma/adapter-pg, on one connection so that the engine's advisory lock holds.
 * The adapter runs a migration script by splitting it at every ";", which breaks function bodies
 * (the audit log's append-only trigger); PostgreSQL runs a whole multi-statement script itself.
 */
async function postgresConnection(url: string): Promise<Connection> {
  const [{ default: driver }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
  const pool = new driver.Pool({ connectionString: url, max: 1 });
  const pg = new PrismaPg(pool);
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: pg.provider,
    adapterName: pg.adapterName,
    connect: async () => wholeScripts(await pg.connect()),
    connectToShadowDb: async () => wholeScripts(await pg.connectToShadowDb()),
  };
  return tracked(factory, () => pool.end());
}

function wholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const client = (adapter as SqlDriverAdapter & { underlyingDriver(): { query(sql: string): Promise<unknown> } }).underlyingDriver();
  adapter.executeScript = async (script: string) => {
    await client.query(script);
  };
  return adapter;
}

/** Runs `run` with a schema engine on `connection`, then releases the engine and the connection. */
async function withEngine<T>(
  schemaPath: string,
  connection: Connection,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  try {
    // Loaded only when there is something to do: an up-to-date database needs no engine.
    const { withSchemaEngine } = await import("./schemaEngine");
    return await withSchemaEngine({ path: schemaPath, content: readFileSync(/*turbopackIgnore: true*/ schemaPath, "utf8") }, connection.factory, run);
  } finally {
    await connection.close();
  }
}

/**
 * `prisma migrate deploy`: applies the migrations not yet applied to `target`; returns their
 * names. When `_prisma_migrations` already records every one, finished and with the same
 * checksum (SHA-256 of its migration.sql, as Prisma writes it), nothing is to do and the
 * schema engine (a large wasm module, seconds to start) is not started at all.
 */
export async function applyMigrations(target: MigrationTarget, paths: MigrationPaths = {}): Promise<string[]> {
  const migrationsList = loadMigrationList(paths.migrationsDir);
  if (await allApplied(target, migrationsList)) return [];
  const connection = typeof target === "string" ? await postgresConnection(target) : pgliteConnection(target);
  return withEngine(paths.schemaPath ?? SCHEMA_PATH, connection, async (engine) => {
    const output = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return output.appliedMigrationNames;
  });
}

async function allApplied(target: MigrationTarget, list: MigrationList): Promise<boolean> {
  const sql = `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`;
  let rows: { migration_name: string; checksum: string; finished: boolean }[];
  try {
    if (typeof target === "string") {
      const { default: pg } = await import("pg");
      const client = new pg.Client({ connectionString: target, application_name: "vendorscope-migrate" });
      await client.connect();
      try {
        rows = (await client.query<{ migration_name: string; checksum: string; finished: boolean }>(sql)).rows;
      } finally {
        await client.end().catch(() => {});
      }
    } else {
      rows = (await target.query<{ migration_name: string; checksum: string; finished: boolean }>(sql)).rows;
    }
  } catch {
    return false; // no bookkeeping table yet (a new database): the engine creates it
  }
  // A migration that failed half way is the engine's to report (it refuses to go on).
  if (rows.some((r) => !r.finished)) return false;
  const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  return list.migrationDirectories.every((dir) => {
    const content = dir.migrationFile.content;
    return content.tag === "ok" && applied.get(dir.path) === createHash("sha256").update(content.value).digest("hex");
  });
}

/** The SQL that takes a database from the migrations directory's state to the schema's, or null when none is needed. */
export async function diffMigrations(paths: MigrationPaths = {}): Promise<string | null> {
  const schemaPath = paths.schemaPath ?? SCHEMA_PATH;
  const connection = pgliteConnection(await PGlite.create(), true);
  const migrations = loadMigrationList(paths.migrationsDir);
  migrations.lockfile.content ??= LOCKFILE_CONTENT; // the engine reads the provider from it; written with the first migration
  const result = await withEngine(schemaPath, connection, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...migrations },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: readFileSync(/*turbopackIgnore: true*/ schemaPath, "utf8") }] },
      script: true,
      exitCode: true, // 2 when there is a difference, 0 when none
      filters: NO_FILTERS,
    }),
  );
  return result.exitCode === 2 ? (result.stdout ?? "") : null;
}

/** UTC `YYYYMMDDHHMMSS`, the prefix Prisma gives migration directories. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/**
 * `prisma migrate dev --create-only --name NAME`: writes `<timestamp>_<name>/migration.sql` (and
 * `migration_lock.toml` when absent) for the schema changes not in the migrations yet. Returns
 * null and writes nothing when there are none.
 */
export async function createMigration(
  name: string,
  paths: MigrationPaths = {},
): Promise<{ name: string; path: string; sql: string } | null> {
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 200);
  if (!slug) throw new Error(`Invalid migration name: ${JSON.stringify(name)}`);
  const sql = await diffMigrations(paths);
  if (sql === null) return null;
  const migrationsDir = paths.migrationsDir ?? MIGRATIONS_DIR;
  const dirName = `${timestamp(new Date())}_${slug}`;
  // turbopackIgnore: written by `npm run db:diff` in the repository, never by the server build.
  const dir = join(/*turbopackIgnore: true*/ migrationsDir, dirName);
  if (existsSync(/*turbopackIgnore: true*/ dir)) throw new Error(`${dir} already exists`);
  mkdirSync(/*turbopackIgnore: true*/ dir, { recursive: true });
  writeFileSync(join(/*turbopackIgnore: true*/ dir, "migration.sql"), sql);
  const lockPath = join(/*turbopackIgnore: true*/ migrationsDir, LOCKFILE_NAME);
  if (!existsSync(/*turbopackIgnore: true*/ lockPath)) writeFileSync(/*turbopackIgnore: true*/ lockPath, LOCKFILE_CONTENT);
  return { name: dirName, path: join(dir, "migration.sql"), sql };
}
