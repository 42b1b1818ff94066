/**
 * The inventory document: the analysis of a whole input in the output contract
 * (docs/analysis.md): the organization, the accounts read, every judged trust record, and the
 * vendors and unknown accounts they add up to. Pure: the organization and the vendor
 * directory come in as arguments.
 */
import { judgeTrusts, type AccountRoles, type AnalysisError } from "./accountAnalyzer";
import { FINDING } from "./findings";
import type { OrganizationInput } from "./organization";
import { compareRisk, worstRisk, type Risk } from "./risk";
import { compareTrusts, trustContext, type TrustRecord } from "./trustRecord";
import type { VendorDirectory } from "./vendorList";
import { compareText } from "./compareText";

export interface VendorSummary {
  name: string;
  accountIds: string[];
  trusts: number;
  risk: Risk;
  /** Our accounts this vendor can get into. */
  reachableAccounts: string[];
}

export interface UnknownAccountSummary {
  accountId: string;
  trusts: number;
  risk: Risk;
  reachableAccounts: string[];
}

/** What `vendorscope analyze --json` prints; `vendorscope export --json` reads the same shape from the database. */
export interface InventoryDocument {
  organization: { orgId: string | null; managementAccountId: string | null; members: number; notAnalysed: string[] };
  accounts: { accountId: string; name: string | null; roles: number; users: number }[];
  trusts: TrustRecord[];
  vendors: VendorSummary[];
  unknownAccounts: UnknownAccountSummary[];
  errors: AnalysisError[];
}

export interface InventoryDocumentContext {
  /** From `list-accounts`; when absent, the analyzed accounts are the organization. */
  organization: OrganizationInput | null;
  vendors: VendorDirectory;
  now: Date;
}

export function buildInventoryDocument(results: readonly AccountRoles[], errors: readonly AnalysisError[], context: InventoryDocumentContext): InventoryDocument {
  const org = context.organization;
  const ctx = trustContext(org, results.map((r) => r.accountId), context.vendors, context.now);
  const names = new Map(org?.accounts.map((a) => [a.id, a.name]) ?? []);
  const trusts = results.flatMap((r) => judgeTrusts(r, ctx).trusts.map((t) => t.record)).sort(compareTrusts);
  const analyzed = new Set(results.map((r) => r.accountId));
  return {
    organization: {
      orgId: org?.orgId ?? null,
      managementAccountId: org?.managementAccountId ?? null,
      members: ctx.members.size,
      notAnalysed: [...ctx.members].filter((id) => !analyzed.has(id)).sort(),
    },
    accounts: results
      .map((r) => ({ accountId: r.accountId, name: names.get(r.accountId) ?? null, roles: r.roles, users: r.users }))
      .sort((a, b) => compareText(a.accountId, b.accountId)),
    trusts,
    vendors: summariseVendors(trusts),
    unknownAccounts: summariseUnknownAccounts(trusts),
    errors: [...errors, ...results.flatMap((r) => r.errors)],
  };
}

export function summariseVendors(trusts: readonly TrustRecord[]): VendorSummary[] {
  return [...groupBy(trusts, (t) => t.vendor).entries()]
    .map(([name, list]) => ({
      name,
      accountIds: uniqueSorted(list.map((t) => t.externalAccountId)),
      trusts: list.length,
      risk: worstRisk(list.map((t) => t.risk)),
      reachableAccounts: uniqueSorted(list.map((t) => t.accountId)),
    }))
    .sort((a, b) => compareRisk(b.risk, a.risk) || b.trusts - a.trusts || compareText(a.name, b.name));
}

export function summariseUnknownAccounts(trusts: readonly TrustRecord[]): UnknownAccountSummary[] {
  const unknown = groupBy(trusts, (t) => (t.findings.includes(FINDING.UNKNOWN_VENDOR) ? t.externalAccountId : null));
  return [...unknown.entries()]
    .map(([accountId, list]) => ({
      accountId,
      trusts: list.length,
      risk: worstRisk(list.map((t) => t.risk)),
      reachableAccounts: uniqueSorted(list.map((t) => t.accountId)),
    }))
    .sort((a, b) => compareRisk(b.risk, a.risk) || b.trusts - a.trusts || compareText(a.accountId, b.accountId));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function uniqueSorted(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))].sort();
}
