/**
 * One vendor (party): every account × role it can assume with the trust's conditions, what
 * it can do there (access by service, risky actions), its findings with why and how to fix,
 * and its history.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { attributionPassIds } from "../history/attribution";
import { ACCESS_LEVELS, type AccessLevel } from "../analysis/actionCatalog";
import { findingRule, type FindingCode, type RiskyHoldings } from "../analysis/findings";
import type { PermissionSummary } from "../analysis/permissions";
import type { ConditionBlock } from "../analysis/policyDocument";
import { bySeverity, riskReason, RISKS, worstRisk, type Risk } from "../analysis/risk";
import type { PermissionSummaries } from "../db/permissionSummaries";
import { loadGuardrails } from "../db/guardrailStore";
import type { BlockedBy } from "../analysis/guardrails/guardrailEntry";
import { RISKY_CATEGORIES, riskyBefore, type RiskyLists } from "../analysis/guardrails/beforeGuardrails";
import type { RiskLists } from "../analysis/riskLists";
import type { Db } from "../db/types";
import { partyLabel } from "../inventory/party";
import { cachedQuery } from "./inventoryCache";
import { vendorSource, type VendorSource } from "./vendors";

export interface VendorTrust {
  id: number;
  accountId: string;
  accountName: string | null;
  roleId: number;
  roleName: string;
  principal: string;
  principalKind: string;
  statementPrincipal: string;
  externalId: string | null;
  conditions: ConditionBlock | null;
  findings: FindingCode[];
  risk: Risk;
  lastUsed: Date | null;
  firstSeen: Date;
  admin: boolean;
  permissionSetId: number;
  /** The RCP that keeps this vendor from assuming the role. */
  blockedBy: BlockedBy | null;
}

/** One guardrail that cuts this vendor's access, over all its trusts. */
export interface VendorGuardrail {
  policyId: string;
  name: string;
  type: "scp" | "rcp";
  target: string;
  /** The root's, OU's or account's name, when known. */
  targetName: string | null;
  /** SCPs: actions taken away from the vendor's roles; RCPs: the assume it blocks. */
  removed: string[];
  mayRemove: string[];
  /** The vendor's trusts it cuts (SCPs) or blocks (RCPs). */
  trusts: number;
}

/** What the organization's guardrails do to this vendor: null when none touches it. */
export interface VendorGuardrails {
  policies: VendorGuardrail[];
  /** Trusts the perimeter blocks outright. */
  blockedTrusts: number;
  before: RiskyLists;
  after: RiskyLists;
}

export interface ServiceLevels {
  service: string;
  actions: number;
  levels: AccessLevel[];
}

export interface VendorDetail {
  party: string;
  name: string;
  source: VendorSource;
  risk: Risk;
  externalAccounts: string[];
  /** Every trust, or with `trustPage` the trusts of that page (aggregates always cover all). */
  trusts: VendorTrust[];
  trustTotal: number;
  /** How many of our accounts it can get into. */
  accountCount: number;
  services: ServiceLevels[];
  /** After guardrails: over the trusts not blocked by the perimeter. */
  risky: RiskyHoldings;
  guardrails: VendorGuardrails | null;
  /** Why its risk is what it is, in words (from its riskiest trust), or null without access. */
  riskReason: string | null;
  /** The most severe first; `held` names what this vendor holds behind the finding (e.g. its escalation methods' actions). */
  findings: { code: FindingCode; title: string; explanation: string; remediation: string; trusts: number; held: string[] }[];
  history: { id: number; kind: string; summary: string; createdAt: Date; scanId: number; accountId: string | null; roleArn: string | null; before: Prisma.JsonValue; after: Prisma.JsonValue; /** Recorded by an attribution (someone named the party), not a scan. */ attribution: boolean }[];
  historyTotal: number;
}

export const TRUST_PAGE_SIZE = 50;
/** Changes the vendor page shows (the review pack lists every change of its period). */
export const PAGE_HISTORY = 50;

export interface VendorDetailOptions {
  historyLimit?: number;
  historyPeriod?: { since: Date; until: Date };
  trustPage?: number;
}

/**
 * The vendor page (a page of its trusts) is cached per inventory version, party and options
 * (inventoryCache.ts); the review pack's every-trust detail is computed each time.
 */
export function vendorDetail(db: Db, summaries: PermissionSummaries, party: string, options: VendorDetailOptions = {}): Promise<VendorDetail | null> {
  const compute = () => queryVendorDetail(db, summaries, party, options);
  return options.trustPage ? cachedQuery(db, "vendor", [party, options], compute) : compute();
}

async function queryVendorDetail(db: Db, summaries: PermissionSummaries, party: string, options: VendorDetailOptions): Promise<VendorDetail | null> {
  const where = { party, removedScanId: null, internal: false };
  const orderBy = [{ riskRank: "desc" as const }, { accountId: "asc" as const }, { id: "asc" as const }];
  // What the aggregates need, for every trust; the full rows only for the page shown.
  const all = await db.trust.findMany({
    where,
    orderBy,
    select: { id: true, riskRank: true, findings: true, accountId: true, externalAccountId: true, blockedBy: true, role: { select: { permissionSetId: true } } },
  });
  const shown = options.trustPage ? all.slice((options.trustPage - 1) * TRUST_PAGE_SIZE, options.trustPage * TRUST_PAGE_SIZE).map((t) => t.id) : null;
  const trusts = await db.trust.findMany({
    where: shown ? { id: { in: shown } } : where,
    include: { role: { select: { id: true, name: true, lastUsed: true, permissionSetId: true } } },
    orderBy,
  });
  const [events, historyTotal, attributions] = await Promise.all([
    db.changeEvent.findMany({
      where: { party, ...(options.historyPeriod && { createdAt: { gte: options.historyPeriod.since, lte: options.historyPeriod.until } }) },
      orderBy: { id: "desc" },
      take: options.historyPeriod ? undefined : (options.historyLimit ?? 200),
      select: { id: true, kind: true, summary: true, createdAt: true, scanId: true, accountId: true, roleArn: true, before: true, after: true },
    }),
    db.changeEvent.count({ where: { party } }),
    attributionPassIds(db),
  ]);
  if (all.length === 0 && historyTotal === 0) return null;

  const [accounts, firstSeen, sets, userVendors, storedGuardrails] = await Promise.all([
    db.account.findMany({ where: { id: { in: [...new Set(trusts.map((t) => t.accountId))] } }, select: { id: true, name: true } }),
    db.scan.findMany({ where: { id: { in: [...new Set(trusts.map((t) => t.firstSeenScanId))] } }, select: { id: true, startedAt: true } }),
    summaries.load(db, [...new Set(all.map((t) => t.role.permissionSetId))]),
    db.vendorAccount.findMany({ where: { source: "user" }, select: { vendor: { select: { name: true } } } }),
    loadGuardrails(db),
  ]);
  const accountName = new Map(accounts.map((a) => [a.id, a.name]));
  const scanStart = new Map(firstSeen.map((s) => [s.id, s.startedAt]));

  const rows: VendorTrust[] = trusts.map((t) => ({
    id: t.id,
    accountId: t.accountId,
    accountName: accountName.get(t.accountId) ?? null,
    roleId: t.role.id,
    roleName: t.role.name,
    principal: t.principal,
    principalKind: t.principalKind,
    statementPrincipal: t.statementPrincipal,
    externalId: t.externalId,
    conditions: t.conditions as ConditionBlock | null,
    findings: t.findings as FindingCode[],
    risk: RISKS[t.riskRank]!,
    lastUsed: t.role.lastUsed,
    firstSeen: scanStart.get(t.firstSeenScanId)!,
    admin: sets.get(t.role.permissionSetId)?.admin ?? false,
    permissionSetId: t.role.permissionSetId,
    blockedBy: t.blockedBy as BlockedBy | null,
  }));

  // A trust the perimeter blocks gives the vendor nothing: what it can do is over the others.
  const open = all.filter((t) => t.blockedBy === null);
  const usedSets = [...new Set(open.map((t) => t.role.permissionSetId))].map((id) => sets.get(id)!).filter(Boolean);
  const union = (pick: (s: PermissionSummary) => string[]) => [...new Set(usedSets.flatMap(pick))].sort();
  const risky: RiskyHoldings = {
    privilegeEscalation: union((s) => s.privilegeEscalation),
    destructive: union((s) => s.destructive),
    costImpact: union((s) => s.costImpact),
    dataAccess: union((s) => s.dataAccess),
  };
  const findingCounts = new Map<FindingCode, number>();
  for (const t of all) for (const f of t.findings as FindingCode[]) findingCounts.set(f, (findingCounts.get(f) ?? 0) + 1);

  return {
    party,
    name: partyLabel(party),
    source: vendorSource(party, new Set(userVendors.map((u) => u.vendor.name))),
    risk: worstRisk(all.map((t) => RISKS[t.riskRank]!)),
    externalAccounts: [...new Set(all.flatMap((t) => (t.externalAccountId ? [t.externalAccountId] : [])))].sort(),
    trusts: rows,
    trustTotal: all.length,
    accountCount: new Set(all.map((t) => t.accountId)).size,
    services: serviceLevels(usedSets),
    risky,
    guardrails: vendorGuardrails(all, sets, summaries.risk, storedGuardrails?.input.names ?? new Map()),
    riskReason: all[0] ? (all[0].blockedBy ? perimeterReason(all[0].blockedBy as unknown as BlockedBy) : riskReason(all[0].findings as FindingCode[], false)) : null,
    findings: bySeverity(findingCounts.keys()).map((code) => ({ code, ...pickRule(code), trusts: findingCounts.get(code)!, held: findingRule(code).held?.(risky) ?? [] })),
    history: events.map((e) => ({ ...e, attribution: attributions.includes(e.scanId) })),
    historyTotal,
  };
}

/** When even its riskiest trust is blocked, the perimeter is why the vendor is low. */
function perimeterReason(blocked: BlockedBy): string {
  return `the data perimeter (RCP ${blocked.name}) blocks it from assuming our roles`;
}

function vendorGuardrails(
  trusts: readonly { blockedBy: unknown; role: { permissionSetId: number } }[],
  sets: ReadonlyMap<number, PermissionSummary>,
  risk: RiskLists,
  names: ReadonlyMap<string, string>,
): VendorGuardrails | null {
  const policies = new Map<string, VendorGuardrail & { removedSet: Set<string>; maySet: Set<string> }>();
  const entry = (e: { policyId: string; name: string; type: "scp" | "rcp"; target: string }) => {
    const key = `${e.policyId}\u0000${e.target}`;
    let p = policies.get(key);
    if (!p) policies.set(key, (p = { policyId: e.policyId, name: e.name, type: e.type, target: e.target, targetName: names.get(e.target) ?? null, removed: [], mayRemove: [], trusts: 0, removedSet: new Set(), maySet: new Set() }));
    return p;
  };
  let blockedTrusts = 0;
  const before: RiskyLists = { privilegeEscalation: [], destructive: [], costImpact: [], dataAccess: [] };
  const after: RiskyLists = { privilegeEscalation: [], destructive: [], costImpact: [], dataAccess: [] };
  for (const t of trusts) {
    const summary = sets.get(t.role.permissionSetId);
    if (!summary) continue;
    const blocked = t.blockedBy as BlockedBy | null;
    if (blocked) {
      blockedTrusts++;
      const p = entry({ ...blocked, type: "rcp" });
      p.trusts++;
      p.removedSet.add("sts:AssumeRole");
    }
    for (const g of summary.guardrails) {
      const p = entry(g);
      p.trusts++;
      for (const a of g.removed) p.removedSet.add(a);
      for (const a of g.mayRemove) p.maySet.add(a);
    }
    const was = riskyBefore(summary, risk);
    for (const c of RISKY_CATEGORIES) {
      before[c].push(...was[c]);
      if (!blocked) after[c].push(...summary[c]);
    }
  }
  if (policies.size === 0) return null;
  const unique = (list: string[]) => [...new Set(list)].sort();
  for (const c of RISKY_CATEGORIES) {
    before[c] = unique(before[c]);
    after[c] = unique(after[c]);
  }
  return {
    policies: [...policies.values()]
      .map(({ removedSet, maySet, ...p }) => ({ ...p, removed: [...removedSet].sort(), mayRemove: [...maySet].sort() }))
      .sort((a, b) => (a.type === b.type ? b.removed.length - a.removed.length : a.type === "rcp" ? -1 : 1)),
    blockedTrusts,
    before,
    after,
  };
}

function pickRule(code: FindingCode) {
  const { title, explanation, remediation } = findingRule(code);
  return { title, explanation, remediation };
}

/** Per service, the most actions any of the vendor's roles has there, and every access level granted. */
function serviceLevels(sets: PermissionSummary[]): ServiceLevels[] {
  const byService = new Map<string, { actions: number; levels: Set<AccessLevel> }>();
  for (const set of sets) {
    for (const s of set.services) {
      const entry = byService.get(s.service) ?? { actions: 0, levels: new Set<AccessLevel>() };
      entry.actions = Math.max(entry.actions, s.actions);
      for (const l of s.accessLevels) entry.levels.add(l);
      byService.set(s.service, entry);
    }
  }
  return [...byService.entries()]
    .map(([service, e]) => ({ service, actions: e.actions, levels: ACCESS_LEVELS.filter((l) => e.levels.has(l)) }))
    .sort((a, b) => b.actions - a.actions || a.service.localeCompare(b.service));
}

