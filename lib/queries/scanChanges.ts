/**
 * A scan's changes as people read them: the most alarming first (lib/history/changeMeaning.ts),
 * each with its label and tone, third-party changes only unless internal ones are asked for,
 * paginated on the server. The counts returned are those of the list shown.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db/types";
import { changeMeaning, changeRank, VALUE_DEPENDENT_KINDS, type ChangeMeaning } from "../history/changeMeaning";

export interface ScanChangeOptions {
  kind?: string;
  /** Include changes of internal principals (members of our organization). */
  internal?: boolean;
  page?: number;
  pageSize?: number;
}

export interface ScanChange {
  id: number;
  kind: string;
  summary: string;
  createdAt: Date;
  party: string | null;
  accountId: string | null;
  roleArn: string | null;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
  meaning: ChangeMeaning;
}

export interface ScanChanges {
  events: ScanChange[];
  /** Changes in the list (all its pages), with the kind filter. */
  total: number;
  /** Per kind, in the list without the kind filter. */
  kinds: { kind: string; count: number }[];
  /** Changes of internal principals left out (0 when `internal`). */
  internalHidden: number;
}

const INTERNAL = "internal";

export async function scanChanges(db: Db, scanId: number, options: ScanChangeOptions = {}): Promise<ScanChanges> {
  const pageSize = options.pageSize ?? 200;
  const page = options.page ?? 1;
  // Every change's key (and the values its meaning depends on), to sort by meaning before paging.
  const keys = await db.$queryRaw<{ id: number; kind: string; internal: boolean; before: unknown; after: unknown }[]>`
    SELECT id, kind, coalesce(party = ${INTERNAL}, false) AS internal,
      CASE WHEN kind IN (${Prisma.join(VALUE_DEPENDENT_KINDS)}) THEN before END AS before,
      CASE WHEN kind IN (${Prisma.join(VALUE_DEPENDENT_KINDS)}) THEN after END AS after
    FROM "ChangeEvent" WHERE "scanId" = ${scanId}`;
  const listed = options.internal ? keys : keys.filter((k) => !k.internal);
  const kindCounts = new Map<string, number>();
  for (const k of listed) kindCounts.set(k.kind, (kindCounts.get(k.kind) ?? 0) + 1);
  const filtered = options.kind ? listed.filter((k) => k.kind === options.kind) : listed;
  const ordered = filtered.map((k) => ({ id: k.id, rank: changeRank(k) })).sort((a, b) => a.rank - b.rank || a.id - b.id);
  const pageIds = ordered.slice((page - 1) * pageSize, page * pageSize).map((k) => k.id);
  const rows = await db.changeEvent.findMany({
    where: { id: { in: pageIds } },
    select: { id: true, kind: true, summary: true, createdAt: true, party: true, accountId: true, roleArn: true, before: true, after: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    events: pageIds.map((id) => byId.get(id)!).map((e) => ({ ...e, meaning: changeMeaning(e) })),
    total: filtered.length,
    kinds: [...kindCounts.entries()].map(([kind, count]) => ({ kind, count })).sort((a, b) => a.kind.localeCompare(b.kind)),
    internalHidden: options.internal ? 0 : keys.length - listed.length,
  };
}
