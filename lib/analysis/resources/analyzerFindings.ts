/**
 * IAM Access Analyzer's active findings, for the kinds of resource Vendorscope does not read
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
import { accessFromPolicy, type ResourceAccess } from "./resourceRecord";
import { limitsFurther } from "./resourcePolicy";
import { ANALYZER_ACTION_PREFIX, ANALYZER_RESOURCE_TYPES } from "./resourceServices";

const PRINCIPAL_TYPES: readonly PrincipalType[] = ["AWS", "Federated", "Service", "CanonicalUser"];
const REGION_OF_ARN = /^arn:[a-z-]+:[a-z0-9-]+:([a-z0-9-]*):/;

/**
 * The grants of one finding (an entry of ListFindings' `findings`), or null when it is not
 * one to ingest here: not ACTIVE, another account's resource, or a kind Vendorscope reads
 * itself. A string when the finding cannot be read.
 */
export function accessFromAnalyzerFinding(finding: unknown, accountId: string, risk: RiskLists): ResourceAccess[] | string | null {
  if (!isRecord(finding)) return "not an object";
  if (finding.status !== "ACTIVE") return null;
  if (typeof finding.resourceOwnerAccount === "string" && finding.resourceOwnerAccount !== accountId) return null;
  const service = typeof finding.resourceType === "string" ? ANALYZER_RESOURCE_TYPES[finding.resourceType] : undefined;
  if (!service) return null;
  const resourceArn = finding.resource;
  if (typeof resourceArn !== "string" || !resourceArn.startsWith("arn:")) return "resource is missing or not an ARN";
  const partition = arnPartition(resourceArn) ?? "aws";
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
  const region = REGION_OF_ARN.exec(resourceArn)?.[1] || null;
  const ref = { accountId, region, service, resourceArn };
  const out: ResourceAccess[] = [];
  for (const { principal, written } of named) {
    for (const narrowed of narrowPrincipal(canonicalPrincipal(principal, partition), requirements, partition).map((p) => canonicalPrincipal(p, partition))) {
      if (narrowed.accountId === accountId) continue;
      const grant = { principal: narrowed, statementPrincipal: written, statements: [], conditions: condition, actions: ofService, principalOrgIds: principalOrgIds(requirements), limited: limitsFurther(requirements, narrowed) };
      out.push({ ...accessFromPolicy(ref, grant, risk), source: "access-analyzer" });
    }
  }
  return out;
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
