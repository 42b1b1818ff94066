/**
 * Permission sets are stored once per distinct fingerprint — with their granted actions as a
 * bitset over Action ids — and shared by every role that can do exactly the same. Written
 * with one raw INSERT (large JSON summaries are slow through the query builder), in
 * fingerprint order so concurrent scans of several accounts never deadlock on them.
 */
import type { EffectivePermissions } from "../analysis/permissions";
import type { ActionIds } from "./actionIds";
import { storedSummary } from "./permissionSummaries";
import type { Db } from "./types";

/** Ids of the given permission sets, inserting those not stored yet. */
export async function ensurePermissionSets(db: Db, sets: ReadonlyMap<string, EffectivePermissions>, actionIds: ActionIds): Promise<Map<string, number>> {
  const fingerprints = [...sets.keys()].sort();
  const ids = new Map<string, number>();
  if (fingerprints.length === 0) return ids;
  for (const row of await db.permissionSet.findMany({ where: { fingerprint: { in: fingerprints } }, select: { id: true, fingerprint: true } })) {
    ids.set(row.fingerprint, row.id);
  }
  const missing = fingerprints.filter((f) => !ids.has(f));
  if (missing.length === 0) return ids;
  const rows = missing.map((f) => sets.get(f)!);
  const created = await db.$queryRaw<{ id: number; fingerprint: string }[]>`
    INSERT INTO "PermissionSet" ("fingerprint", "admin", "accessLevels", "privilegeEscalation", "actionCount", "writeActionCount", "summary", "actionBits")
    SELECT f, a, string_to_array(al, ','), string_to_array(pe, ','), ac, wc, s::jsonb, decode(b, 'hex')
    FROM unnest(
      ${missing}::text[],
      ${rows.map((r) => r.summary.admin)}::boolean[],
      ${rows.map((r) => r.summary.accessLevels.join(","))}::text[],
      ${rows.map((r) => r.summary.privilegeEscalation.join(","))}::text[],
      ${rows.map((r) => r.summary.actionCount)}::int[],
      ${rows.map((r) => r.summary.writeActionCount)}::int[],
      ${rows.map((r) => JSON.stringify(storedSummary(r.summary)))}::text[],
      ${rows.map((r) => Buffer.from(actionIds.bitsOf(r.allowed)).toString("hex"))}::text[]
    ) AS t(f, a, al, pe, ac, wc, s, b)
    ON CONFLICT ("fingerprint") DO NOTHING
    RETURNING id, "fingerprint"`;
  for (const row of created) ids.set(row.fingerprint, row.id);
  const raced = missing.filter((f) => !ids.has(f));
  if (raced.length > 0) {
    for (const row of await db.permissionSet.findMany({ where: { fingerprint: { in: raced } }, select: { id: true, fingerprint: true } })) ids.set(row.fingerprint, row.id);
  }
  return ids;
}

/** The action names a stored permission set grants. */
export async function storedActionNames(db: Db, fingerprint: string, actionIds: ActionIds): Promise<Set<string>> {
  const row = await db.permissionSet.findUniqueOrThrow({ where: { fingerprint }, select: { actionBits: true } });
  return actionIds.namesOf(row.actionBits);
}
