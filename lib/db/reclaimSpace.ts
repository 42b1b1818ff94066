import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Each scan rewrites the raw exports that changed and the roles whose "last used" moved:
 * reclaim the dead row versions now, so the database grows with change, not with scans —
 * also where autovacuum is off or slow, and in the embedded PGlite, which has none. The raw
 * exports are rewritten almost whole by every scan, so their table is compacted when more
 * than a third of it is free space (it is small: tens of megabytes for 1,000 accounts).
 */
export async function reclaimSpace(db: PrismaClient): Promise<void> {
  try {
    await db.$executeRawUnsafe(`VACUUM (ANALYZE) "RawExport", "Role", "Trust", "Account", "IamUser", "AccessKey", "Scan"`);
    const [size] = await db.$queryRaw<{ total: number; live: number }[]>`
      SELECT pg_total_relation_size('"RawExport"')::float8 AS total, coalesce(sum(pg_column_size(r.*)), 0)::float8 AS live FROM "RawExport" r`;
    if (size && size.total > 1.5 * size.live + 1_000_000) await db.$executeRawUnsafe(`VACUUM FULL "RawExport"`);
  } catch {
    // Housekeeping only: without ownership of the tables, autovacuum does this.
  }
}
