/**
 * Permission sets are stored once per distinct fingerprint, with their expanded actions, and
 * shared by every role that can do exactly the same.
 */
import type { EffectivePermissions } from "../analysis/permissions";
import type { ActionIds } from "./actionIds";
import type { Db } from "./types";

/** Ids of the given permission sets, inserting those not stored yet. */
export async function ensurePermissionSets(db: Db, sets: ReadonlyMap<string, EffectivePermissions>, actionIds: ActionIds): Promise<Map<string, number>> {
  const fingerprints = [...sets.keys()];
  const ids = new Map<string, number>();
  if (fingerprints.length === 0) return ids;
  for (const row of await db.permissionSet.findMany({ where: { fingerprint: { in: fingerprints } }, select: { id: true, fingerprint: true } })) {
    ids.set(row.fingerprint, row.id);
  }
  for (const fingerprint of fingerprints) {
    if (ids.has(fingerprint)) continue;
    const { summary, allowed } = sets.get(fingerprint)!;
    const { id } = await db.permissionSet.create({
      data: {
        fingerprint,
        admin: summary.admin,
        accessLevels: summary.accessLevels,
        privilegeEscalation: summary.privilegeEscalation,
        actionCount: summary.actionCount,
        writeActionCount: summary.writeActionCount,
        summary: JSON.parse(JSON.stringify(summary)),
      },
      select: { id: true },
    });
    const actions = actionIds.idsOf(allowed);
    if (actions.length > 0) {
      await db.$executeRaw`INSERT INTO "PermissionSetAction" ("permissionSetId", "actionId") SELECT ${id}, unnest(${actions}::int[])`;
    }
    ids.set(fingerprint, id);
  }
  return ids;
}

/** The action names a stored permission set grants. */
export async function storedActionNames(db: Db, fingerprint: string): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT a."name" FROM "PermissionSetAction" psa
    JOIN "Action" a ON a.id = psa."actionId"
    JOIN "PermissionSet" ps ON ps.id = psa."permissionSetId"
    WHERE ps.fingerprint = ${fingerprint}`;
  return new Set(rows.map((r) => r.name));
}
