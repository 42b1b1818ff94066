/**
 * One resource grant judged in its organization: the `resources[]` entry of the output
 * contract (docs/analysis.md). Pure: the organization and the vendor directory come in the
 * context, as for trusts.
 */
import { ACCESS_LEVELS, levelsOfMask, type AccessLevel } from "../actionCatalog";
import type { ActionSet } from "../actionSet";
import { compareText } from "../compareText";
import { FINDING, type FindingCode } from "../findings";
import type { ConditionBlock } from "../policyDocument";
import type { Principal, PrincipalKind } from "../principals";
import { compareRisk, RISKS, type Risk } from "../risk";
import type { RiskLists } from "../riskLists";
import type { TrustContext } from "../trustRecord";
import { resourceFindingsFor, type ResourceReach } from "./resourceFindings";
import type { ResourceGrant } from "./resourcePolicy";
import { DATA_SHARES, SHARE_ACTIONS, type ResourceService, type ShareService } from "./resourceServices";
import type { BlockedBy } from "../guardrails/guardrailEntry";

export type ResourceSource = "policy" | "share" | "access-analyzer";

/** Where a resource lives. */
export interface ResourceRef {
  accountId: string;
  region: string | null;
  service: ResourceService;
  resourceArn: string;
}

/** What the analysis of one account's resources found for one principal, before the organization is known. */
export interface ResourceAccess extends ResourceRef {
  source: ResourceSource;
  principal: Principal;
  statementPrincipal: string;
  statements: number[];
  conditions: ConditionBlock | null;
  principalOrgIds: string[] | null;
  limited: boolean;
  actions: string[];
  accessLevels: AccessLevel[];
  reach: ResourceReach;
}

export interface ResourceRecord extends ResourceRef {
  principal: string;
  principalKind: PrincipalKind;
  externalAccountId: string | null;
  internal: boolean;
  vendor: string | null;
  awsService: string | null;
  actions: string[];
  accessLevels: AccessLevel[];
  findings: FindingCode[];
  risk: Risk;
  source: ResourceSource;
  statementPrincipal: string;
  statements: number[];
  conditions: ConditionBlock | null;
  /** The RCP that stops this access (the grant is kept, rated low), or null. */
  blockedBy: BlockedBy | null;
}

export function accessFromPolicy(resource: ResourceRef, grant: ResourceGrant, risk: RiskLists): ResourceAccess {
  const { catalog } = risk;
  const held = grant.actions;
  return {
    ...resource,
    source: "policy",
    principal: grant.principal,
    statementPrincipal: grant.statementPrincipal,
    statements: grant.statements,
    conditions: grant.conditions,
    principalOrgIds: grant.principalOrgIds,
    limited: grant.limited,
    actions: catalog.actionNames(held),
    accessLevels: levelsOfMask(catalog.levelMask(held)),
    reach: reachOf(held, risk),
  };
}

function reachOf(held: ActionSet, risk: RiskLists): ResourceReach {
  const permissions = risk.catalog.levelSets()[ACCESS_LEVELS.indexOf("Permissions management")]!;
  return {
    data: held.countShared(risk.dataAccess) > 0,
    write: held.countShared(risk.write) > 0,
    destructive: held.countShared(risk.destructive) > 0,
    permissions: held.countShared(permissions) > 0,
  };
}

/** A snapshot, image or database snapshot shared with an account (or with everyone), or a RAM share. */
export function accessFromShare(resource: ResourceRef & { service: ShareService }, principal: Principal, permissions: readonly string[], risk: RiskLists): ResourceAccess {
  const actions = resource.service === "ram" ? [...permissions] : [...SHARE_ACTIONS[resource.service]];
  const known = actions.map((a) => risk.catalog.indexOf(a)).filter((i) => i !== undefined);
  const levels = known.reduce((mask, i) => mask | risk.catalog.accessLevelMask(i), 0);
  return {
    ...resource,
    source: "share",
    principal,
    statementPrincipal: principal.value,
    statements: [],
    conditions: null,
    principalOrgIds: null,
    limited: false,
    actions,
    accessLevels: levelsOfMask(levels),
    reach: { data: DATA_SHARES.has(resource.service), write: false, destructive: false, permissions: false },
  };
}

export function resourceRecord(access: ResourceAccess, ctx: TrustContext): ResourceRecord {
  const { principal } = access;
  const internal = isInternal(access, ctx);
  const known = !internal && principal.accountId ? ctx.vendors.lookup(principal.accountId) : null;
  const vendor = known?.type === "vendor" ? known.name : null;
  const awsService = known?.type === "aws" ? known.name : null;
  const findings = resourceFindingsFor({ principal, internal, vendor, awsService, reach: access.reach });
  const blockedBy = ctx.guardrails && !internal ? ctx.guardrails.blockedResource(access, ctx.members) : null;
  return {
    accountId: access.accountId,
    region: access.region,
    service: access.service,
    resourceArn: access.resourceArn,
    principal: principal.value,
    principalKind: principal.kind,
    externalAccountId: principal.accountId,
    internal,
    vendor,
    awsService,
    actions: access.actions,
    accessLevels: access.accessLevels,
    findings,
    risk: blockedBy ? "low" : resourceRisk(findings, internal, access.limited),
    source: access.source,
    statementPrincipal: access.statementPrincipal,
    statements: access.statements,
    conditions: access.conditions,
    blockedBy,
  };
}

/** Members of the organization, and `*` pinned to it (aws:PrincipalOrgID, or a RAM share with the organization or one of its OUs). */
function isInternal(access: ResourceAccess, ctx: TrustContext): boolean {
  const { principal, principalOrgIds } = access;
  if (principal.accountId) return ctx.members.has(principal.accountId);
  return ctx.orgId !== null && principalOrgIds !== null && principalOrgIds.every((id) => id === ctx.orgId);
}

/**
 * The risk of a resource grant (docs/analysis.md):
 * - internal: low;
 * - anyone (WILDCARD_PRINCIPAL): critical when it reaches data, writes, destroys or can change
 *   the resource's permissions, else high;
 * - otherwise by what the party can do: changing the resource's permissions is critical, data
 *   access, writes or destruction high, the rest low; a condition the party must also meet
 *   (`limited`: a source ARN, network, VPC endpoint…) lowers that one level;
 * - UNKNOWN_VENDOR raises the result one level.
 */
export function resourceRisk(findings: readonly FindingCode[], internal: boolean, limited: boolean): Risk {
  const has = (code: FindingCode) => findings.includes(code);
  if (internal) return "low";
  const harm = [FINDING.PRIVILEGE_ESCALATION, FINDING.DESTRUCTIVE_ACTIONS, FINDING.DATA_ACCESS, FINDING.WRITE_ACCESS].some(has);
  if (has(FINDING.WILDCARD_PRINCIPAL)) return harm ? "critical" : "high";
  let level = has(FINDING.PRIVILEGE_ESCALATION) ? 3 : harm ? 2 : 0;
  if (limited && level > 0) level -= 1;
  if (has(FINDING.UNKNOWN_VENDOR)) level += 1;
  return RISKS[Math.min(level, RISKS.length - 1)]!;
}

/** Riskiest first, then by account, service, resource and principal. */
export function compareResources(a: ResourceRecord, b: ResourceRecord): number {
  return (
    compareRisk(b.risk, a.risk) ||
    compareText(a.accountId, b.accountId) ||
    compareText(a.service, b.service) ||
    compareText(a.resourceArn, b.resourceArn) ||
    compareText(a.principal, b.principal)
  );
}

/** The risk rule above, in words, for one resource grant's findings (the dashboard's "why"). */
export function resourceRiskReason(findings: readonly string[], internal: boolean, resource = "a resource"): string {
  const has = (code: string) => findings.includes(code);
  if (internal) return "the principal belongs to our organization";
  const what = has(FINDING.PRIVILEGE_ESCALATION)
    ? `it can change who may use ${resource}`
    : has(FINDING.DATA_ACCESS)
      ? `it can read the data of ${resource}`
      : has(FINDING.DESTRUCTIVE_ACTIONS) || has(FINDING.WRITE_ACCESS)
        ? `it can change or delete ${resource}`
        : `it can read metadata of ${resource}`;
  if (has(FINDING.WILDCARD_PRINCIPAL)) return `anyone can use ${resource}: ${what.replace(/^it /, "they ")}`;
  return `${what} through its resource policy or a share, without assuming a role${has(FINDING.UNKNOWN_VENDOR) ? ", and nobody has recorded who owns the account" : ""}`;
}
