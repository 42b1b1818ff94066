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
import type { ResourceAnalysis } from "./resources/resourceExport";
import { compareResources, resourceRecord, type ResourceRecord } from "./resources/resourceRecord";
import type { Guardrails } from "./guardrails/guardrails";

export interface VendorSummary {
  name: string;
  accountIds: string[];
  trusts: number;
  /** Resource grants (policies and shares) the vendor holds. */
  resources: number;
  risk: Risk;
  /** Our accounts this vendor can get into. */
  reachableAccounts: string[];
}

export interface UnknownAccountSummary {
  accountId: string;
  trusts: number;
  resources: number;
  risk: Risk;
  reachableAccounts: string[];
}

/** What `vendorscope analyze --json` prints; `vendorscope export --json` reads the same shape from the database. */
export interface InventoryDocument {
  organization: { orgId: string | null; managementAccountId: string | null; members: number; notAnalysed: string[] };
  accounts: { accountId: string; name: string | null; roles: number; users: number }[];
  trusts: TrustRecord[];
  /** Resource grants to principals outside the resource's account, riskiest first. */
  resources: ResourceRecord[];
  vendors: VendorSummary[];
  unknownAccounts: UnknownAccountSummary[];
  errors: AnalysisError[];
}

export interface InventoryDocumentContext {
  /** From `list-accounts`; when absent, the analyzed accounts are the organization. */
  organization: OrganizationInput | null;
  vendors: VendorDirectory;
  now: Date;
  /** Resource exports analysed (lib/analysis/resources). */
  resources?: readonly ResourceAnalysis[];
  /** The organization's SCPs and RCPs (lib/analysis/guardrails), when the input has them. */
  guardrails?: Guardrails | null;
}

export function buildInventoryDocument(results: readonly AccountRoles[], errors: readonly AnalysisError[], context: InventoryDocumentContext): InventoryDocument {
  const org = context.organization;
  const guardrails = context.guardrails ?? null;
  const ctx = trustContext(org, results.map((r) => r.accountId), context.vendors, context.now, guardrails);
  const names = new Map(org?.accounts.map((a) => [a.id, a.name]) ?? []);
  const trusts = results.flatMap((r) => judgeTrusts(r, ctx).trusts.map((t) => t.record)).sort(compareTrusts);
  const resources = (context.resources ?? []).flatMap((r) => r.access.map((a) => resourceRecord(a, ctx))).sort(compareResources);
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
    resources,
    vendors: summariseVendors(trusts, resources),
    unknownAccounts: summariseUnknownAccounts(trusts, resources),
    errors: [...errors, ...results.flatMap((r) => r.errors), ...(guardrails?.problems ?? [])],
  };
}

/** What the summaries read of a trust or a resource grant. */
type Held = Pick<TrustRecord, "vendor" | "externalAccountId" | "risk" | "accountId" | "findings">;

export function summariseVendors(trusts: readonly Held[], resources: readonly Held[] = []): VendorSummary[] {
  return summarise(trusts, resources, (t) => t.vendor)
    .map(({ key: name, trusts, resources, all }) => ({
      name,
      accountIds: uniqueSorted(all.map((t) => t.externalAccountId)),
      trusts,
      resources,
      risk: worstRisk(all.map((t) => t.risk)),
      reachableAccounts: uniqueSorted(all.map((t) => t.accountId)),
    }))
    .sort((a, b) => compareRisk(b.risk, a.risk) || b.trusts - a.trusts || b.resources - a.resources || compareText(a.name, b.name));
}

export function summariseUnknownAccounts(trusts: readonly Held[], resources: readonly Held[] = []): UnknownAccountSummary[] {
  return summarise(trusts, resources, (t) => (t.findings.includes(FINDING.UNKNOWN_VENDOR) ? t.externalAccountId : null))
    .map(({ key: accountId, trusts, resources, all }) => ({
      accountId,
      trusts,
      resources,
      risk: worstRisk(all.map((t) => t.risk)),
      reachableAccounts: uniqueSorted(all.map((t) => t.accountId)),
    }))
    .sort((a, b) => compareRisk(b.risk, a.risk) || b.trusts - a.trusts || b.resources - a.resources || compareText(a.accountId, b.accountId));
}

/** Trusts and resource grants grouped by party: how many of each, and all of them. */
function summarise(trusts: readonly Held[], resources: readonly Held[], key: (item: Held) => string | null) {
  const byTrust = groupBy(trusts, key);
  const byResource = groupBy(resources, key);
  return [...new Set([...byTrust.keys(), ...byResource.keys()])].map((k) => {
    const t = byTrust.get(k) ?? [];
    const r = byResource.get(k) ?? [];
    return { key: k, trusts: t.length, resources: r.length, all: [...t, ...r] };
  });
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
