/**
 * A permission set's summary is stored without the lists that follow from its actions alone
 * (destructive, cost and data-access actions, per-service access): those are rebuilt from the
 * stored action bits when read. Storing them would repeat thousands of action names for every
 * near-administrator set, and permission sets accumulate as roles change.
 */
import type { ActionCatalog } from "../analysis/actionCatalog";
import { actionProfile, type PermissionSummary } from "../analysis/permissions";
import { RiskLists } from "../analysis/riskLists";
import { ActionIds } from "./actionIds";
import type { Db } from "./types";

export type StoredSummary = Omit<PermissionSummary, "destructive" | "costImpact" | "dataAccess" | "services">;

export function storedSummary(summary: PermissionSummary): StoredSummary {
  const { destructive: _d, costImpact: _c, dataAccess: _a, services: _s, ...stored } = summary;
  return stored;
}

export class PermissionSummaries {
  private readonly cache = new Map<number, PermissionSummary>();

  private constructor(
    private readonly actionIds: ActionIds,
    readonly risk: RiskLists,
  ) {}

  static async create(db: Db, catalog: ActionCatalog): Promise<PermissionSummaries> {
    return new PermissionSummaries(await ActionIds.load(db, catalog), new RiskLists(catalog));
  }

  /** The full summary of a stored permission set (sets never change once written: cached by id). */
  expand(set: { id: number; summary: unknown; actionBits: Uint8Array }): PermissionSummary {
    let full = this.cache.get(set.id);
    if (!full) {
      const stored = set.summary as StoredSummary;
      full = {
        ...stored,
        ...actionProfile(this.actionIds.actionSetOf(set.actionBits), this.risk),
        privilegeEscalation: stored.privilegeEscalation,
        accessLevels: stored.accessLevels,
        // Sets stored before guardrails were read have neither field.
        guardrails: stored.guardrails ?? [],
        beforeGuardrails: stored.beforeGuardrails ?? null,
      };
      if (this.cache.size > 20_000) this.cache.clear();
      this.cache.set(set.id, full);
    }
    return full;
  }

  /** Full summaries of the given permission sets, by id. */
  async load(db: Db, ids: Iterable<number>): Promise<Map<number, PermissionSummary>> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.cache.has(id));
    if (missing.length > 0) {
      for (const set of await db.permissionSet.findMany({ where: { id: { in: missing } }, select: { id: true, summary: true, actionBits: true } })) this.expand(set);
    }
    return new Map(wanted.flatMap((id) => (this.cache.has(id) ? [[id, this.cache.get(id)!] as const] : [])));
  }
}
