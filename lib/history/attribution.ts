/**
 * Attribution passes: when someone names who holds access (an unknown account's vendor), the
 * stored exports are judged again at once and the renames are recorded — as history of their
 * own, not as a scan. Nothing was read from AWS, so an attribution pass is never "the last
 * scan", never a point of the trend, and its renames are never access gained or lost.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db/types";

export const ATTRIBUTION_SOURCE = "attribution";

/** Scans that read the organization (or its files): what "the last scan" and trends are made of. */
export const REAL_SCANS: Prisma.ScanWhereInput = { source: { not: ATTRIBUTION_SOURCE } };

/** The ids of attribution passes, to keep their renames out of "access gained and lost". */
export async function attributionPassIds(db: Db): Promise<number[]> {
  const rows = await db.scan.findMany({ where: { source: ATTRIBUTION_SOURCE }, select: { id: true } });
  return rows.map((r) => r.id);
}
