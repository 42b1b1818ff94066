/**
 * Turns per-account results into the output contract (docs/analysis.md): decides which
 * principals are internal to the organization, names vendors, raises findings and rates
 * risk. Pure: the organization and the vendor directory come in as arguments.
 */
import type { AccountResult, AnalysisError, TrustCandidate } from "./accountAnalyzer";
import type { AccessLevel } from "./actionCatalog";
import { FINDING, findingsFor, type FindingCode } from "./findings";
import type { OrganizationInput } from "./organization";
import type { Grant, PermissionSummary, ServiceAccess } from "./permissions";
import type { PrincipalKind } from "./principals";
import { compareRisk, riskOf, worstRisk, type Risk } from "./risk";
import type { ExternalIdState } from "./trustPolicy";
import type { VendorDirectory } from "./vendorList";
import type { ConditionBlock } from "./policyDocument";
import { compareText } from "./compareText";

export interface TrustPermissions {
  admin: boolean;
  accessLevels: AccessLevel[];
  privilegeEscalation: string[];
  destructive: string[];
  costImpact: string[];
  dataAccess: string[];
  actionCount: number;
  writeActionCount: number;
  services: ServiceAccess[];
  unknownActions: string[];
  missingPolicies: string[];
  boundary: string | null;
  fingerprint: string;
  grants: Grant[];
}

export interface TrustRecord {
  accountId: string;
  roleName: string;
  roleArn: string;
  principal: string;
  principalKind: PrincipalKind;
  externalAccountId: string | null;
  internal: boolean;
  vendor: string | null;
  externalId: ExternalIdState | null;
  findings: FindingCode[];
  risk: Risk;
  lastUsed: string | null;
  permissions: TrustPermissions;
  /** The principal as the policy writes it, when a condition narrowed it to `principal`. */
  statementPrincipal: string;
  statements: number[];
  conditions: ConditionBlock | null;
  /** For accounts owned by AWS itself: the service (`type: aws` entries). */
  awsService: string | null;
}

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

export interface AnalysisReport {
  organization: { orgId: string | null; managementAccountId: string | null; members: number; notAnalysed: string[] };
  accounts: { accountId: string; name: string | null; roles: number; users: number }[];
  trusts: TrustRecord[];
  vendors: VendorSummary[];
  unknownAccounts: UnknownAccountSummary[];
  errors: AnalysisError[];
}

export interface ReportContext {
  /** From `list-accounts`; when absent, the analysed accounts are the organization. */
  organization: OrganizationInput | null;
  vendors: VendorDirectory;
  now: Date;
}

export function buildReport(results: readonly AccountResult[], errors: readonly AnalysisError[], context: ReportContext): AnalysisReport {
  const org = context.organization;
  const ctx = trustContext(org, results.map((r) => r.accountId), context.vendors, context.now);
  const names = new Map(org?.accounts.map((a) => [a.id, a.name]) ?? []);
  const trusts = results.flatMap((r) => r.candidates.map((c) => trustRecord(c, ctx))).sort(compareTrusts);
  const analysed = new Set(results.map((r) => r.accountId));
  return {
    organization: {
      orgId: org?.orgId ?? null,
      managementAccountId: org?.managementAccountId ?? null,
      members: ctx.members.size,
      notAnalysed: [...ctx.members].filter((id) => !analysed.has(id)).sort(),
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

/** What deciding internal/external, vendor and findings needs beyond the trust itself. */
export interface TrustContext {
  members: ReadonlySet<string>;
  orgId: string | null;
  vendors: VendorDirectory;
  now: Date;
}

/** Members are the organization's accounts when known, else the accounts analysed. */
export function trustContext(org: OrganizationInput | null, analysedAccountIds: Iterable<string>, vendors: VendorDirectory, now: Date): TrustContext {
  return { members: new Set(org ? org.accounts.map((a) => a.id) : analysedAccountIds), orgId: org?.orgId ?? null, vendors, now };
}

/** Riskiest first, then by account, role and principal. */
export function compareTrusts(a: TrustRecord, b: TrustRecord): number {
  return (
    compareRisk(b.risk, a.risk) ||
    compareText(a.accountId, b.accountId) ||
    compareText(a.roleName, b.roleName) ||
    compareText(a.principal, b.principal)
  );
}

export function trustRecord(candidate: TrustCandidate, ctx: TrustContext): TrustRecord {
  const { grant } = candidate;
  const { principal } = grant;
  const internal = isInternal(candidate, ctx.members, ctx.orgId);
  const known = !internal && principal.type === "AWS" && principal.accountId ? ctx.vendors.lookup(principal.accountId) : null;
  const provider = grant.federation?.provider ?? null;
  const vendor = known?.type === "vendor" ? known.name : provider && !internal ? provider.name : null;
  const awsService = known?.type === "aws" ? known.name : null;
  const summary = candidate.permissions.summary;
  const findings = findingsFor({
    grant,
    internal,
    vendor,
    awsService,
    permissions: summary,
    role: { createDate: candidate.createDate, lastUsed: candidate.lastUsed, lastUsedKnown: candidate.lastUsedKnown },
    now: ctx.now,
  });
  return {
    accountId: candidate.accountId,
    roleName: candidate.roleName,
    roleArn: candidate.roleArn,
    principal: principal.value,
    principalKind: principal.kind,
    externalAccountId: principal.type === "AWS" ? principal.accountId : null,
    internal,
    vendor,
    externalId: grant.externalId,
    findings,
    risk: riskOf(findings, internal),
    lastUsed: candidate.lastUsed,
    permissions: trustPermissions(summary),
    statementPrincipal: grant.statementPrincipal,
    statements: grant.statements,
    conditions: grant.conditions,
    awsService,
  };
}

/** A trust's permissions in the contract's order (the same for analysis and stored inventory). */
export function trustPermissions(summary: PermissionSummary): TrustPermissions {
  return {
    admin: summary.admin,
    accessLevels: summary.accessLevels,
    privilegeEscalation: summary.privilegeEscalation,
    destructive: summary.destructive,
    costImpact: summary.costImpact,
    dataAccess: summary.dataAccess,
    actionCount: summary.actionCount,
    writeActionCount: summary.writeActionCount,
    services: summary.services,
    unknownActions: summary.unknownActions,
    missingPolicies: summary.missingPolicies,
    boundary: summary.boundary,
    fingerprint: summary.fingerprint,
    grants: summary.grants,
  };
}

/**
 * Internal: an account of the organization; `*` pinned to our organization by
 * aws:PrincipalOrgID; our own identity providers (SAML, unknown OIDC issuers such as EKS)
 * and AWS-run ones pinned to our tenant. Third-party identity providers never are.
 */
function isInternal(candidate: TrustCandidate, members: ReadonlySet<string>, orgId: string | null): boolean {
  const { principal, principalOrgIds, federation, federationRestricted } = candidate.grant;
  if (federation) return federation.provider ? !federation.provider.thirdParty && federationRestricted === true : true;
  if (principal.kind === "unknown-id") return false;
  if (principal.accountId) return members.has(principal.accountId);
  return orgId !== null && principalOrgIds !== null && principalOrgIds.every((id) => id === orgId);
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
