// `npm run db:diff -- NAME`: `prisma migrate dev --create-only` without the native engine. Writes
// prisma/migrations/<timestamp>_<NAME>/migration.sql for the schema changes not yet in a
// migration (diffed in an in-memory PGlite), or prints "no changes".
import { relative } from "node:path";
import { createMigration } from "@/lib/db/migrate";

const name = process.argv[2];
if (!name || process.argv.length > 3) {
  console.error("usage: npm run db:diff -- NAME");
  process.exit(2);
}
try {
  const created = await createMigration(name);
  if (created) console.log(`Created ${relative(process.cwd(), created.path)}`);
  else console.log("no changes: the migrations match prisma/schema.prisma");
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
