// Opens Vendorscope's database: PostgreSQL when DATABASE_URL (or `url`) is set, else the embedded
// PGlite in VENDORSCOPE_DATA_DIR (default <repo>/.vendorscope/pglite). Applies pending migrations
// on open. A PGlite directory belongs to one process at a time: a lock file next to it says which.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations } from "./migrate";
import { REPO_ROOT } from "../paths";

export { PrismaClient };

/** The embedded database is open in another process (a PGlite directory has one owner). */
export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; default DATABASE_URL. */
  url?: string;
  /** PGlite data directory, or "memory://" for an in-memory database; default VENDORSCOPE_DATA_DIR. Wins over DATABASE_URL. */
  dataDir?: string;
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
}

interface DatabaseBase {
  prisma: PrismaClient;
  /** Names of the migrations applied by this open (empty when up to date or `migrate: false`). */
  migrationsApplied: string[];
  /** Disconnects Prisma and closes the pool or PGlite instance (and releases the directory). */
  close(): Promise<void>;
}
export interface PostgresDatabase extends DatabaseBase {
  kind: "postgres";
  url: string;
}
export interface PGliteDatabase extends DatabaseBase {
  kind: "pglite";
  pglite: PGlite;
  /** The data directory, or "memory://". */
  dataDir: string;
}
export type Database = PostgresDatabase | PGliteDatabase;

/** The default embedded data directory: VENDORSCOPE_DATA_DIR, else <repo root>/.vendorscope/pglite. */
export function defaultDataDir(): string {
  // turbopackIgnore: a path known only at run time; the build must not trace the whole repository for it.
  return resolve(/*turbopackIgnore: true*/ process.env.VENDORSCOPE_DATA_DIR || join(REPO_ROOT, ".vendorscope", "pglite"));
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  if (options.url && options.dataDir) throw new Error("openDatabase: pass url or dataDir, not both");
  const url = options.url || (options.dataDir ? undefined : process.env.DATABASE_URL || undefined);
  return url ? openPostgres(url, options.migrate ?? true) : openPGlite(options.dataDir ?? defaultDataDir(), options.migrate ?? true);
}

async function openPostgres(url: string, migrate: boolean): Promise<PostgresDatabase> {
  // Reach the server first: the wasm schema engine, once it has failed to connect, can fail
  // again with a crash that never settles (seen in the Next server) — pages would hang.
  // The PostgreSQL driver is loaded only for PostgreSQL: the embedded database opens without it.
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  probe.on("error", () => {});
  try {
    await probe.connect();
  } finally {
    await probe.end().catch(() => {});
  }
  const migrationsApplied = migrate ? await applyMigrations(url) : [];
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return { kind: "postgres", url, prisma, migrationsApplied, close: () => prisma.$disconnect() };
}

async function openPGlite(dataDir: string, migrate: boolean): Promise<PGliteDatabase> {
  const inMemory = dataDir.startsWith("memory://");
  const dir = inMemory ? dataDir : resolve(dataDir);
  const unlock = inMemory ? () => {} : lockDataDir(dir);
  let pglite: PGlite | undefined;
  try {
    if (!inMemory) mkdirSync(dir, { recursive: true });
    pglite = await PGlite.create(dir);
    const migrationsApplied = migrate ? await applyMigrations(pglite) : [];
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    const opened = pglite;
    const close = async () => {
      try {
        await prisma.$disconnect();
        if (!opened.closed) await opened.close();
      } finally {
        unlock();
      }
    };
    return { kind: "pglite", dataDir: dir, pglite: opened, prisma, migrationsApplied, close };
  } catch (error) {
    await pglite?.close().catch(() => {});
    unlock();
    throw error;
  }
}

/**
 * Takes `<dataDir>.lock` (holding our pid) or throws if a live process holds it; a lock left by a
 * dead process is taken over. Returns the release function (also run if the process exits).
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
      const pid = Number(readFileSync(lockPath, "utf8").trim());
      if (pid && isAlive(pid)) {
        throw new DatabaseInUseError(
          `The embedded database ${dataDir} is in use by process ${pid}${pid === process.pid ? " (this one)" : ""}: ` +
            `stop it, or set DATABASE_URL to use a PostgreSQL server both can share. (Lock file: ${lockPath})`,
        );
      }
      unlinkSync(lockPath); // stale: its process is gone
    }
  }
  const release = () => {
    process.off("exit", release);
    try {
      if (readFileSync(lockPath, "utf8").trim() === String(process.pid)) unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  process.on("exit", release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
