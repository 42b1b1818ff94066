// Prisma migrations without the native schema engine, through the wasm engine and a driver
// adapter: `applyMigrations` is `prisma migrate deploy` (same `_prisma_migrations` bookkeeping),
// `createMigration` is `prisma migrate dev --create-only` (diff of the migrations directory
// against the schema, computed in an in-memory PGlite).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { Pool } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import {
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  loadMigrationList,
  MIGRATIONS_DIR,
  SCHEMA_PATH,
  type MigrationPaths,
} from "./migrations";
import { withSchemaEngine, type SchemaEngine } from "./schemaEngine";

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
function postgresConnection(url: string): Connection {
  const pool = new Pool({ connectionString: url, max: 1 });
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
    return await withSchemaEngine({ path: schemaPath, content: readFileSync(schemaPath, "utf8") }, connection.factory, run);
  } finally {
    await connection.close();
  }
}

/** `prisma migrate deploy`: applies the migrations not yet applied to `target`; returns their names. */
export async function applyMigrations(target: MigrationTarget, paths: MigrationPaths = {}): Promise<string[]> {
  const migrationsList = loadMigrationList(paths.migrationsDir);
  const connection = typeof target === "string" ? postgresConnection(target) : pgliteConnection(target);
  return withEngine(paths.schemaPath ?? SCHEMA_PATH, connection, async (engine) => {
    const output = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return output.appliedMigrationNames;
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
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }] },
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
  const dir = join(migrationsDir, dirName);
  if (existsSync(dir)) throw new Error(`${dir} already exists`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), sql);
  const lockPath = join(migrationsDir, LOCKFILE_NAME);
  if (!existsSync(lockPath)) writeFileSync(lockPath, LOCKFILE_CONTENT);
  return { name: dirName, path: join(dir, "migration.sql"), sql };
}
