/**
 * "Which third parties can perform ec2:TerminateInstances?" — also wildcards (`s3:Delete*`),
 * whole services (`s3`) and access levels. Patterns are expanded with the action catalog;
 * permission sets are matched on their action bitsets (held in memory: they never change
 * once written), then the trusts of the roles using them are listed with the policy
 * statements that grant the action.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { AccessLevel, ActionCatalog } from "../analysis/actionCatalog";
import type { ActionSet } from "../analysis/actionSet";
import type { FindingCode } from "../analysis/findings";
import type { Grant } from "../analysis/permissions";
import type { StoredSummary } from "../db/permissionSummaries";
import { RISKS, type Risk } from "../analysis/risk";
import { wildcardMatch } from "../analysis/wildcard";
import type { Db } from "../db/types";
import { partyLabel } from "../inventory/party";
import { cachedPage } from "./inventoryCache";
import { PAGE_SIZE, type Paged } from "./params";
import { trustWhere, type TrustScope } from "./trusts";

export interface ActionSearchInput {
  q: string;
  level?: AccessLevel;
  scope?: TrustScope;
  page?: number;
  pageSize?: number;
}

export interface ActionSearchRow {
  trustId: number;
  accountId: string;
  roleId: number;
  roleName: string;
  principal: string;
  party: string;
  partyName: string;
  risk: Risk;
  findings: FindingCode[];
  /** The searched actions this role can perform (first few). */
  actions: string[];
  actionCount: number;
  grantedBy: Pick<Grant, "policy" | "statement" | "sid">[];
}

export interface ActionSearchResult extends Paged<ActionSearchRow> {
  /** The actions the query names, after the access-level filter. */
  matchedActions: number;
  sampleActions: string[];
  vendors: number;
  accounts: number;
  error: string | null;
}

/** `s3` → `s3:*`; anything else is an IAM action pattern. */
export function actionPattern(q: string): string {
  const text = q.trim();
  return text.includes(":") || text === "*" ? text : `${text}:*`;
}

export function matchActions(catalog: ActionCatalog, q: string, level?: AccessLevel): { set: ActionSet; error: string | null } {
  const pattern = actionPattern(q);
  if (!/^[\w*?-]+:[\w*?-]*$/.test(pattern) && pattern !== "*") return { set: catalog.empty(), error: `"${q}" is not an action pattern like ec2:TerminateInstances, s3:Delete* or s3` };
  const match = catalog.match(pattern);
  if (match.unknown) return { set: match.actions, error: `no AWS action is called ${pattern}` };
  if (!level) return { set: match.actions, error: null };
  const filtered = catalog.empty();
  match.actions.forEachIndex((i) => {
    if (catalog.hasAccessLevel(i, level)) filtered.add(i);
  });
  return { set: filtered, error: null };
}

/** A page of results is cached per inventory version and input (inventoryCache.ts). */
export function searchActions(db: Db, catalog: ActionCatalog, input: ActionSearchInput): Promise<ActionSearchResult> {
  return cachedPage(db, "actions", input, () => querySearchActions(db, catalog, input));
}

async function querySearchActions(db: Db, catalog: ActionCatalog, input: ActionSearchInput): Promise<ActionSearchResult> {
  const page = input.page ?? 1;
  const size = input.pageSize ?? PAGE_SIZE;
  const empty = { rows: [], total: 0, page, pageSize: size, matchedActions: 0, sampleActions: [], vendors: 0, accounts: 0 };
  const { set, error } = matchActions(catalog, input.q, input.level);
  if (error || set.isEmpty()) return { ...empty, error: error ?? "no action matches at that access level" };
  const names = catalog.actionNames(set);
  const index = await PermissionSetIndex.load(db);
  const wanted = index.maskOf(names);
  const sets = index.setsGranting(wanted);
  const base = { ...empty, matchedActions: names.length, sampleActions: names.slice(0, 12), error: null };
  if (sets.length === 0) return base;

  const where = Prisma.sql`${trustWhere({ scope: input.scope ?? "external" })} AND r."permissionSetId" = ANY(${sets}::int[])`;
  const from = Prisma.sql`FROM "Trust" t JOIN "Role" r ON r.id = t."roleId" WHERE ${where}`;
  const [rows, totals] = await Promise.all([
    db.$queryRaw<{ id: number; accountId: string; roleId: number; roleName: string; principal: string; party: string; riskRank: number; findings: string[]; permissionSetId: number }[]>`
      SELECT t.id, t."accountId", r.id AS "roleId", r."name" AS "roleName", t."principal", t."party", t."riskRank", t."findings", r."permissionSetId"
      ${from} ORDER BY t."riskRank" DESC, t."party", t."accountId", r."name" LIMIT ${size} OFFSET ${(page - 1) * size}`,
    db.$queryRaw<{ n: number; vendors: number; accounts: number }[]>`
      SELECT count(*)::int AS n, count(DISTINCT t."party")::int AS vendors, count(DISTINCT t."accountId")::int AS accounts ${from}`,
  ]);
  const summaries = new Map(
    (await db.permissionSet.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.permissionSetId))] } }, select: { id: true, summary: true } })).map((s) => [
      s.id,
      s.summary as unknown as StoredSummary,
    ]),
  );
  return {
    ...base,
    total: totals[0]?.n ?? 0,
    vendors: totals[0]?.vendors ?? 0,
    accounts: totals[0]?.accounts ?? 0,
    rows: rows.map((r) => {
      const granted = index.namesGranted(r.permissionSetId, wanted);
      return {
        trustId: r.id,
        accountId: r.accountId,
        roleId: r.roleId,
        roleName: r.roleName,
        principal: r.principal,
        party: r.party,
        partyName: partyLabel(r.party),
        risk: RISKS[r.riskRank]!,
        findings: r.findings as FindingCode[],
        actions: granted.slice(0, 3),
        actionCount: granted.length,
        grantedBy: grantsFor(summaries.get(r.permissionSetId)?.grants ?? [], granted),
      };
    }),
  };
}

/** The Allow statements whose Action (or NotAction) covers at least one of the actions. */
export function grantsFor(grants: readonly Grant[], actions: readonly string[]): Pick<Grant, "policy" | "statement" | "sid">[] {
  return grants
    .filter((g) =>
      actions.some((action) => (g.actions ? g.actions.some((p) => wildcardMatch(p, action)) : !(g.notActions ?? []).some((p) => wildcardMatch(p, action)))),
    )
    .map(({ policy, statement, sid }) => ({ policy, statement, sid }));
}

/** Every stored permission set's action bits, loaded once and topped up with new sets. */
class PermissionSetIndex {
  private static cached: PermissionSetIndex | null = null;
  private readonly bits = new Map<number, Uint8Array>();
  private maxId = 0;
  private actionIds = new Map<string, number>();
  private actionNames = new Map<number, string>();

  static async load(db: Db): Promise<PermissionSetIndex> {
    const index = (PermissionSetIndex.cached ??= new PermissionSetIndex());
    await index.refresh(db);
    return index;
  }

  private async refresh(db: Db): Promise<void> {
    const fresh = await db.permissionSet.findMany({ where: { id: { gt: this.maxId } }, select: { id: true, actionBits: true }, orderBy: { id: "asc" } });
    for (const s of fresh) {
      this.bits.set(s.id, s.actionBits);
      this.maxId = s.id;
    }
    if (this.actionIds.size === 0 || fresh.length > 0) {
      const actions = await db.action.findMany({ select: { id: true, name: true } });
      this.actionIds = new Map(actions.map((a) => [a.name.toLowerCase(), a.id]));
      this.actionNames = new Map(actions.map((a) => [a.id, a.name]));
    }
  }

  maskOf(names: readonly string[]): Uint8Array {
    const ids = names.map((n) => this.actionIds.get(n.toLowerCase())).filter((id): id is number => id !== undefined);
    const mask = new Uint8Array((ids.length ? Math.max(...ids) : 0) + 8 >> 3);
    for (const id of ids) mask[id >> 3]! |= 1 << (id & 7);
    return mask;
  }

  setsGranting(mask: Uint8Array): number[] {
    const out: number[] = [];
    for (const [id, bits] of this.bits) {
      const n = Math.min(bits.length, mask.length);
      for (let i = 0; i < n; i++) {
        if ((bits[i]! & mask[i]!) !== 0) {
          out.push(id);
          break;
        }
      }
    }
    return out;
  }

  namesGranted(setId: number, mask: Uint8Array): string[] {
    const bits = this.bits.get(setId);
    if (!bits) return [];
    const names: string[] = [];
    const n = Math.min(bits.length, mask.length);
    for (let byte = 0; byte < n; byte++) {
      const both = bits[byte]! & mask[byte]!;
      if (both === 0) continue;
      for (let bit = 0; bit < 8; bit++) if (both & (1 << bit)) names.push(this.actionNames.get(byte * 8 + bit) ?? `action#${byte * 8 + bit}`);
    }
    return names.sort();
  }
}

/** A resource grant that allows some of the searched actions. */
export interface ResourceActionRow {
  id: number;
  accountId: string;
  service: string;
  region: string | null;
  resourceArn: string;
  principal: string;
  party: string;
  partyName: string;
  internal: boolean;
  risk: Risk;
  findings: FindingCode[];
  /** The searched actions the grant allows. */
  actions: string[];
}

/** Resource grants shown beside the trusts (the riskiest; the rest is on /resources). */
export const RESOURCE_MATCHES_SHOWN = 50;

/**
 * "Who can s3:GetObject on which bucket": resource policies and shares whose granted actions
 * include one of the searched ones, riskiest first.
 */
export function searchResourceGrants(db: Db, catalog: ActionCatalog, input: ActionSearchInput): Promise<{ rows: ResourceActionRow[]; total: number }> {
  return cachedPage(db, "actions-resources", input, async () => {
    const { set, error } = matchActions(catalog, input.q, input.level);
    if (error || set.isEmpty()) return { rows: [], total: 0 };
    const names = catalog.actionNames(set);
    const scope = input.scope ?? "external";
    const where = [Prisma.sql`g."removedScanId" IS NULL`, Prisma.sql`g."actions" && ${names}::text[]`];
    if (scope !== "all") where.push(scope === "internal" ? Prisma.sql`g."internal"` : Prisma.sql`NOT g."internal"`);
    const condition = Prisma.join(where, " AND ");
    const [rows, count] = await Promise.all([
      db.$queryRaw<(Omit<ResourceActionRow, "partyName" | "risk" | "findings" | "actions"> & { riskRank: number; findings: string[]; matched: string[] })[]>`
        SELECT g.id, g."accountId", g."service", g."region", g."resourceArn", g."principal", g."party", g."internal", g."riskRank", g."findings",
          ARRAY(SELECT unnest(g."actions") INTERSECT SELECT unnest(${names}::text[]) ORDER BY 1) AS matched
        FROM "ResourceGrant" g WHERE ${condition}
        ORDER BY g."riskRank" DESC, g."accountId", g."service", g."resourceArn", g."principal" LIMIT ${RESOURCE_MATCHES_SHOWN}`,
      db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "ResourceGrant" g WHERE ${condition}`,
    ]);
    return {
      rows: rows.map(({ riskRank, matched, ...r }) => ({
        ...r,
        partyName: partyLabel(r.party),
        risk: RISKS[riskRank]!,
        findings: r.findings as FindingCode[],
        actions: matched,
      })),
      total: count[0]?.n ?? 0,
    };
  });
}
