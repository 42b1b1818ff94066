/**
 * The AWS action catalogue mirrored in the Action table, so permission sets can list their
 * actions by id. Written once (in bulk) the first time a catalogue version is seen.
 */
import type { ActionCatalog } from "../analysis/actionCatalog";
import type { ActionSet } from "../analysis/actionSet";
import type { Db } from "./types";

export class ActionIds {
  private constructor(private readonly byIndex: Int32Array) {}

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
    const rows = await db.$queryRaw<{ id: number; key: string }[]>`SELECT id, "key" FROM "Action"`;
    const idByKey = new Map(rows.map((r) => [r.key, r.id]));
    return new ActionIds(Int32Array.from(keys, (k) => idByKey.get(k)!));
  }

  idsOf(set: ActionSet): number[] {
    const out: number[] = [];
    for (const i of set.indices()) out.push(this.byIndex[i]!);
    return out;
  }
}
