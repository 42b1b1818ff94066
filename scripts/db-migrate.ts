// `npm run db:migrate`: `prisma migrate deploy` without the native engine. Applies pending
// migrations to DATABASE_URL when set (environment or .env, like the Prisma CLI), else to the
// embedded PGlite directory (VENDORSCOPE_DATA_DIR, default .vendorscope/pglite).
import { config } from "dotenv";
import { openDatabase } from "@/lib/db/client";

config({ quiet: true });

try {
  const started = Date.now();
  const db = await openDatabase();
  const where = db.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite ${db.dataDir}`;
  await db.close();
  const applied = db.migrationsApplied;
  if (applied.length === 0) console.log(`${where}: up to date, no migration applied`);
  else console.log(`${where}: applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}`).join("\n")}`);
  console.log(`(${Date.now() - started} ms)`);
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
