/**
 * One trust judged in its organization: whether the principal is internal, which vendor it
 * is, the findings it raises and its risk — the `trusts[]` entry of the output contract
 * (docs/analysis.md). Pure: the organization and the vendor directory come in the context.
 */
import type { ExternalRole } from "./externalRole";
import type { OrganizationInput } from "./organization";
import { findingsFor, type FindingCode } from "./findings";
import type { PermissionSummary } from "./permissions";
import type { ConditionBlock } from "./policyDocument";
import type { PrincipalKind } from "./principals";
import { compareRisk, riskOf, type Risk } from "./risk";
import type { ExternalIdState, TrustGrant } from "./trustPolicy";
import type { VendorDirectory } from "./vendorList";
import { compareText } from "./compareText";
import type { BlockedBy } from "./guardrails/guardrailEntry";
import type { Guardrails } from "./guardrails/guardrails";

/** A trust's permissions: the permission summary, written in the contract's key order. */
export type TrustPermissions = PermissionSummary;

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
  /** The RCP that stops the principal from assuming the role (the trust is kept, rated low), or null. */
  blockedBy: BlockedBy | null;
}

/** What deciding internal/external, vendor and findings needs beyond the trust itself. */
export interface TrustContext {
  members: ReadonlySet<string>;
  orgId: string | null;
  vendors: VendorDirectory;
  now: Date;
  /** The organization's SCPs and RCPs, when the input has them. */
  guardrails: Guardrails | null;
}

/** Members are the organization's accounts when known, else the accounts analyzed. */
export function trustContext(
  org: OrganizationInput | null,
  analyzedAccountIds: Iterable<string>,
  vendors: VendorDirectory,
  now: Date,
  guardrails: Guardrails | null = null,
): TrustContext {
  return { members: new Set(org ? org.accounts.map((a) => a.id) : analyzedAccountIds), orgId: org?.orgId ?? null, vendors, now, guardrails };
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

/**
 * Whether any caller can meet the grant's conditions in this organization: an outside
 * account's principal pinned by aws:PrincipalOrgID (or …OrgPaths) to our own organization
 * never can (that account is not a member), so the grant gives nobody anything.
 */
export function canEverMatch(grant: TrustGrant, ctx: TrustContext): boolean {
  const { accountId } = grant.principal;
  if (!accountId || ctx.members.has(accountId) || ctx.orgId === null || grant.principalOrgIds === null) return true;
  return !grant.principalOrgIds.every((id) => id === ctx.orgId);
}

export function trustRecord(accountId: string, role: ExternalRole, grant: TrustGrant, ctx: TrustContext): TrustRecord {
  const { principal } = grant;
  const internal = isInternal(grant, ctx.members, ctx.orgId);
  const outsideAccount = principal.type === "Federated" ? null : principal.accountId;
  const known = !internal && outsideAccount ? ctx.vendors.lookup(outsideAccount) : null;
  const provider = grant.federation?.provider ?? null;
  const vendor = known?.type === "vendor" ? known.name : provider && !internal ? provider.name : null;
  const awsService = known?.type === "aws" ? known.name : null;
  const summary = role.permissions.summary;
  const findings = findingsFor({
    grant,
    internal,
    vendor,
    awsService,
    permissions: summary,
    role: { createDate: role.createDate, lastUsed: role.lastUsed, lastUsedKnown: role.lastUsedKnown },
    now: ctx.now,
  });
  const blockedBy = ctx.guardrails && !internal ? ctx.guardrails.blockedTrust(accountId, role, grant, ctx.members) : null;
  return {
    accountId,
    roleName: role.name,
    roleArn: role.arn,
    principal: principal.value,
    principalKind: principal.kind,
    externalAccountId: outsideAccount,
    internal,
    vendor,
    externalId: grant.externalId,
    findings,
    risk: blockedBy ? "low" : riskOf(findings, internal),
    lastUsed: role.lastUsed,
    permissions: trustPermissions(summary),
    statementPrincipal: grant.statementPrincipal,
    statements: grant.statements,
    conditions: grant.conditions,
    awsService,
    blockedBy,
  };
}

const permissionsOf = new WeakMap<PermissionSummary, TrustPermissions>();

/**
 * A trust's permissions in the contract's order (the same for analysis and stored inventory).
 * One object per permission summary, shared by every trust of a role with the same policies
 * (never to be mutated): the JSON output writes a shared object's text once.
 */
export function trustPermissions(summary: PermissionSummary): TrustPermissions {
  let permissions = permissionsOf.get(summary);
  if (!permissions) {
    permissions = orderedPermissions(summary);
    permissionsOf.set(summary, permissions);
  }
  return permissions;
}

function orderedPermissions(summary: PermissionSummary): TrustPermissions {
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
    guardrails: summary.guardrails,
    beforeGuardrails: summary.beforeGuardrails,
    fingerprint: summary.fingerprint,
    grants: summary.grants,
  };
}

/**
 * Internal: an account of the organization (a service acting for one, too); `*` pinned to our
 * organization by aws:PrincipalOrgID; our own identity providers (SAML, unknown OIDC issuers
 * such as EKS). A known shared identity provider never is, restricted or not: restriction
 * changes its findings and risk, not who the party is.
 */
function isInternal(grant: TrustGrant, members: ReadonlySet<string>, orgId: string | null): boolean {
  const { principal, principalOrgIds, federation } = grant;
  if (federation) return federation.provider === null;
  if (principal.kind === "unknown-id") return false;
  if (principal.accountId) return members.has(principal.accountId);
  return orgId !== null && principalOrgIds !== null && principalOrgIds.every((id) => id === orgId);
}
