/**
 * The AWS action catalog mirrored in the Action table (written in bulk the first time a
 * catalog version is seen). Action ids are the bit positions of PermissionSet.actionBits.
 */
import type { ActionCatalog } from "../analysis/actionCatalog";
import type { ActionSet } from "../analysis/actionSet";
import type { Db } from "./types";

export class ActionIds {
  private readonly indexById = new Map<number, number>();

  private constructor(
    private readonly catalog: ActionCatalog,
    private readonly idByIndex: Int32Array,
    private readonly nameById: Map<number, string>,
  ) {
    idByIndex.forEach((id, index) => this.indexById.set(id, index));
  }

  static async load(db: Db, catalog: ActionCatalog): Promise<ActionIds> {
    const keys: string[] = [];
    const names: string[] = [];
    const services: string[] = [];
    const levels: string[] = [];
    for (let i = 0; i < catalog.size; i++) {
      const name = catalog.name(i);
      keys.push(name.toLowerCase());
      names.push(name);
      services.push(catalog.service(i));
      levels.push(catalog.accessLevels(i).join(","));
    }
    const [stored] = await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM "Action"`;
    if ((stored?.count ?? 0) < catalog.size) {
      await db.$executeRaw`
        INSERT INTO "Action" ("key", "name", "service", "accessLevels")
        SELECT k, n, s, string_to_array(l, ',') FROM unnest(${keys}::text[], ${names}::text[], ${services}::text[], ${levels}::text[]) AS t(k, n, s, l)
        ON CONFLICT ("key") DO NOTHING`;
    }
    const rows = await db.$queryRaw<{ id: number; key: string; name: string }[]>`SELECT id, "key", "name" FROM "Action"`;
    const idByKey = new Map(rows.map((r) => [r.key, r.id]));
    return new ActionIds(
      catalog,
      Int32Array.from(keys, (k) => idByKey.get(k)!),
      new Map(rows.map((r) => [r.id, r.name])),
    );
  }

  /** The set as PermissionSet.actionBits: bit n (get_bit order: LSB first in each byte) = Action id n. */
  bitsOf(set: ActionSet): Uint8Array<ArrayBuffer> {
    const ids: number[] = [];
    set.forEachIndex((i) => ids.push(this.idByIndex[i]!));
    const bits = new Uint8Array((ids.length ? Math.max(...ids) : 0) + 8 >> 3);
    for (const id of ids) bits[id >> 3]! |= 1 << (id & 7);
    return bits;
  }

  /** The catalog's ActionSet for stored bits (actions no longer in the catalog are left out). */
  actionSetOf(bits: Uint8Array): ActionSet {
    const set = this.catalog.empty();
    for (let byte = 0; byte < bits.length; byte++) {
      const value = bits[byte]!;
      if (value === 0) continue;
      for (let bit = 0; bit < 8; bit++) {
        if (!(value & (1 << bit))) continue;
        const index = this.indexById.get(byte * 8 + bit);
        if (index !== undefined) set.add(index);
      }
    }
    return set;
  }

  namesOf(bits: Uint8Array): Set<string> {
    const names = new Set<string>();
    for (let byte = 0; byte < bits.length; byte++) {
      const value = bits[byte]!;
      if (value === 0) continue;
      for (let bit = 0; bit < 8; bit++) if (value & (1 << bit)) names.add(this.nameById.get(byte * 8 + bit) ?? `action#${byte * 8 + bit}`);
    }
    return names;
  }
}
