/**
 * IAM Access Analyzer's findings, for the kinds of resource Vendorscope does not read
 * itself (EFS file systems, DynamoDB tables and streams, Lambda layers, S3 directory buckets):
 * each finding's principal, actions and condition become resource grants with
 * `source: "access-analyzer"`, judged by the same rules as a resource policy's. A finding says
 * who has access and under which condition (key → value, read here as `StringEquals`), not
 * the policy it comes from.
 */
import { allowRequirements } from "../conditions";
import { isRecord, type ConditionBlock, type PrincipalType } from "../policyDocument";
import { arnPartition, canonicalPrincipal, classifyPrincipal, type Principal } from "../principals";
import type { RiskLists } from "../riskLists";
import { narrowPrincipal, principalOrgIds } from "../trustPolicy";
import { accessFromPolicy, type ResourceAccess, type ResourceRef } from "./resourceRecord";
import { limitsFurther, type ResourceGrant } from "./resourcePolicy";
import { ANALYZER_ACTION_PREFIX, ANALYZER_RESOURCE_TYPES, type UnreadScope } from "./resourceServices";

const PRINCIPAL_TYPES: readonly PrincipalType[] = ["AWS", "Federated", "Service", "CanonicalUser"];
const REGION_OF_ARN = /^arn:[a-z-]+:[a-z0-9-]+:([a-z0-9-]*):/;
/**
 * Findings that still describe access. ARCHIVED is a triage decision (someone judged the
 * access intended), not its removal: the grant stays in the inventory. Only RESOLVED (the
 * access is gone) or a finding no longer listed ends a grant.
 */
const STANDING = new Set(["ACTIVE", "ARCHIVED"]);

export interface AnalyzerFindingsAnalysis {
  /** Findings that are this account's and of a kind read from Access Analyzer. */
  resources: number;
  /** One grant per resource and principal: several findings for the same pair are merged. */
  access: ResourceAccess[];
  errors: string[];
  /** Resources Access Analyzer could not analyse (the finding carries an `error`): their grants stored before are kept. */
  unread: UnreadScope[];
}

/** The grants of an account's findings (the entries of ListFindings' `findings`). */
export function accessFromAnalyzerFindings(findings: readonly unknown[], accountId: string, risk: RiskLists): AnalyzerFindingsAnalysis {
  const out: AnalyzerFindingsAnalysis = { resources: 0, access: [], errors: [], unread: [] };
  const merged = new Map<string, { ref: ResourceRef; grant: ResourceGrant }>();
  findings.forEach((item, i) => {
    const read = grantsOfFinding(item, accountId, risk);
    if (read === null) return;
    out.resources++;
    if (typeof read === "string") return void out.errors.push(`AccessAnalyzerFindings[${i}]: ${read}`);
    if ("unanalysed" in read) {
      out.unread.push({ service: read.ref.service, region: read.ref.region, resourceArn: read.ref.resourceArn });
      return void out.errors.push(`AccessAnalyzerFindings[${i}] (${read.ref.resourceArn}): Access Analyzer could not analyse it (${read.unanalysed}); the grants stored before are kept`);
    }
    for (const grant of read.grants) {
      const key = JSON.stringify([read.ref.resourceArn, grant.principal.value]);
      const held = merged.get(key);
      merged.set(key, { ref: read.ref, grant: held ? mergeGrants(held.grant, grant) : grant });
    }
  });
  for (const { ref, grant } of merged.values()) out.access.push({ ...accessFromPolicy(ref, grant, risk), source: "access-analyzer" });
  return out;
}

/**
 * Two findings for one resource and principal: every action of either, and limited only when
 * both are (the least restricted finding's conditions are the ones shown).
 */
function mergeGrants(a: ResourceGrant, b: ResourceGrant): ResourceGrant {
  const open = !a.limited ? a : !b.limited ? b : a;
  return {
    ...open,
    actions: a.actions.union(b.actions),
    limited: a.limited && b.limited,
    principalOrgIds: a.principalOrgIds && b.principalOrgIds ? [...new Set([...a.principalOrgIds, ...b.principalOrgIds])].sort() : null,
  };
}

type FindingRead = { ref: ResourceRef; grants: ResourceGrant[] } | { ref: ResourceRef; unanalysed: string };

/**
 * One finding's grants, or null when it is not one to ingest here: resolved, another
 * account's resource, or a kind Vendorscope reads itself. A string when it cannot be read.
 */
function grantsOfFinding(finding: unknown, accountId: string, risk: RiskLists): FindingRead | string | null {
  if (!isRecord(finding)) return "not an object";
  if (typeof finding.status !== "string" || !STANDING.has(finding.status)) return null;
  if (typeof finding.resourceOwnerAccount === "string" && finding.resourceOwnerAccount !== accountId) return null;
  const service = typeof finding.resourceType === "string" ? ANALYZER_RESOURCE_TYPES[finding.resourceType] : undefined;
  if (!service) return null;
  const resourceArn = finding.resource;
  if (typeof resourceArn !== "string" || !resourceArn.startsWith("arn:")) return "resource is missing or not an ARN";
  const partition = arnPartition(resourceArn) ?? "aws";
  const ref: ResourceRef = { accountId, region: REGION_OF_ARN.exec(resourceArn)?.[1] || null, service, resourceArn };
  const principalNamed = isRecord(finding.principal) && Object.keys(finding.principal).length > 0;
  if (typeof finding.error === "string" && finding.error !== "" && !principalNamed) return { ref, unanalysed: finding.error };
  const condition = findingCondition(finding.condition);
  if (typeof condition === "string") return `${resourceArn}: ${condition}`;
  const actions = Array.isArray(finding.action) ? finding.action.filter((a): a is string => typeof a === "string") : [];
  const held = risk.catalog.empty();
  for (const action of actions) held.addAll(risk.catalog.match(action).actions);
  const ofService = held.intersect(risk.catalog.match(`${ANALYZER_ACTION_PREFIX[service]}:*`).actions);
  if (ofService.isEmpty()) return `${resourceArn}: none of its actions (${actions.join(", ") || "none"}) is an action of ${ANALYZER_ACTION_PREFIX[service]}`;

  const named = findingPrincipals(finding);
  if (typeof named === "string") return `${resourceArn}: ${named}`;
  const requirements = allowRequirements(condition);
  const grants: ResourceGrant[] = [];
  for (const { principal, written } of named) {
    for (const narrowed of narrowPrincipal(canonicalPrincipal(principal, partition), requirements, partition).map((p) => canonicalPrincipal(p, partition))) {
      if (narrowed.accountId === accountId) continue;
      grants.push({ principal: narrowed, statementPrincipal: written, statements: [], conditions: condition, actions: ofService, principalOrgIds: principalOrgIds(requirements), limited: limitsFurther(requirements, narrowed) });
    }
  }
  return { ref, grants };
}

/** The finding's `principal` map (`{"AWS": "111122223333"}`), or `*` for a public finding that names none. */
function findingPrincipals(finding: Record<string, unknown>): { principal: Principal; written: string }[] | string {
  const map = isRecord(finding.principal) ? finding.principal : {};
  const out: { principal: Principal; written: string }[] = [];
  for (const [type, value] of Object.entries(map)) {
    if (!(PRINCIPAL_TYPES as readonly string[]).includes(type) || typeof value !== "string") return `principal ${type}: ${String(value)} is not a principal IAM accepts`;
    const principal = classifyPrincipal(type as PrincipalType, value);
    if (!principal) return `principal ${type}: ${value} is not a principal IAM accepts`;
    out.push({ principal, written: value });
  }
  if (out.length === 0 && finding.isPublic === true) out.push({ principal: classifyPrincipal("AWS", "*")!, written: "*" });
  if (out.length === 0) return "the finding names no principal";
  return out;
}

function findingCondition(value: unknown): ConditionBlock | null | string {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) return "condition is not a map of keys to values";
  const keys: Record<string, string[]> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== "string") return `condition ${key} is not a string`;
    keys[key] = [v];
  }
  return Object.keys(keys).length > 0 ? { StringEquals: keys } : null;
}
