// Prisma CLI configuration: schema and migrations locations, and the PostgreSQL URL when one is used.
// DATABASE_URL is optional (PGlite is the embedded default), so read it directly rather than with
// Prisma's env() helper, which throws when the variable is unset.
import "dotenv/config";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL },
});
