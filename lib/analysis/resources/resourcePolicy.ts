/**
 * Who outside a resource's account a resource policy (bucket, key, queue, topic, function,
 * secret, repository policy) lets act on it, and with which actions: the trust engine's
 * principals, conditions and Denies (trustPolicy.ts), applied to every action of the
 * resource's service instead of sts:AssumeRole. Context-free: whether a principal is internal
 * is decided with the organization (resourceRecord.ts).
 */
import type { ActionCatalog } from "../actionCatalog";
import type { ActionSet } from "../actionSet";
import { allowRequirements, denyRequirement, type Requirement } from "../conditions";
import type { ConditionBlock, PolicyDocument, Statement } from "../policyDocument";
import { canonicalPrincipal, type Principal } from "../principals";
import { denyApplies, narrowPrincipal, principalOrgIds, statementPrincipals } from "../trustPolicy";
import { ACTION_PREFIX, type PolicyService } from "./resourceServices";

export interface ResourceGrant {
  /** Who can act on the resource, after conditions narrowed the statement's principal. */
  principal: Principal;
  /** The principal as the granting statement writes it (`*`, `NOT(…)` for NotPrincipal). */
  statementPrincipal: string;
  /** The Allow statements that grant it; the first is the least restricted. */
  statements: number[];
  /** Conditions of that least restricted statement. */
  conditions: ConditionBlock | null;
  /** Every action granted, after unconditional Denies. */
  actions: ActionSet;
  /** Organizations the caller must belong to (aws:PrincipalOrgID, aws:PrincipalOrgPaths). */
  principalOrgIds: string[] | null;
  /** A condition the caller must also meet (a source ARN, network, VPC endpoint…): lowers the risk. */
  limited: boolean;
}

export interface ResourcePolicyAnalysis {
  grants: ResourceGrant[];
  unrecognised: string[];
}

/** Conditions that say who the caller is (already turned into the principal) or only demand TLS: they limit nothing further. */
const NOT_LIMITING = new Set(["aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths", "aws:securetransport"]);
/** For a service principal, the account it acts for is who the party is, not a limit on it. */
const SERVICE_PARTY = new Set(["aws:sourceaccount", "aws:sourcearn"]);

/** Whether the caller must meet a condition beyond being who it is. */
export function limitsFurther(requirements: readonly Requirement[], principal: Principal): boolean {
  return requirements.some((r) => !NOT_LIMITING.has(r.key) && !(principal.kind === "service" && SERVICE_PARTY.has(r.key)));
}

export interface PolicyResource {
  accountId: string;
  partition: string;
  service: PolicyService;
}

export function analyzeResourcePolicy(doc: PolicyDocument, resource: PolicyResource, catalog: ActionCatalog): ResourcePolicyAnalysis {
  const serviceActions = catalog.match(`${ACTION_PREFIX[resource.service]}:*`).actions;
  const actionsOf = (s: Statement) => statementActions(s, catalog).intersect(serviceActions);
  const denies = doc.statements.filter((s) => s.effect === "Deny").map((statement) => ({ statement, actions: actionsOf(statement) }));
  const namedDenies = denies.filter((d) => !d.statement.notPrincipal);
  const unrecognised: string[] = [];
  const grants = new Map<string, ResourceGrant>();
  for (const statement of doc.statements) {
    if (statement.effect !== "Allow") continue;
    const actions = actionsOf(statement);
    if (actions.isEmpty()) continue;
    const allowed = allowRequirements(statement.condition);
    for (const { principal: named, written } of statementPrincipals(statement, unrecognised)) {
      const principal = canonicalPrincipal(named, resource.partition);
      const broad = afterDenies(principal, actions, allowed, namedDenies);
      if (broad === null) continue;
      for (const narrowed of narrowPrincipal(principal, broad.requirements, resource.partition).map((p) => canonicalPrincipal(p, resource.partition))) {
        // Our own account's principals are not outside access.
        if (narrowed.accountId === resource.accountId) continue;
        const judged = afterDenies(narrowed, broad.actions, allowed, denies);
        if (judged === null) continue;
        const grant: ResourceGrant = {
          principal: narrowed,
          statementPrincipal: written,
          statements: [statement.index],
          conditions: statement.condition,
          actions: judged.actions,
          principalOrgIds: principalOrgIds(judged.requirements),
          limited: limitsFurther(judged.requirements, narrowed),
        };
        const key = `${narrowed.type}|${narrowed.value.toLowerCase()}`;
        const previous = grants.get(key);
        grants.set(key, previous ? mergeGrants(previous, grant) : grant);
      }
    }
  }
  return { grants: [...grants.values()], unrecognised };
}

function statementActions(statement: Statement, catalog: ActionCatalog): ActionSet {
  const set = catalog.empty();
  for (const pattern of statement.action ?? statement.notAction ?? []) set.addAll(catalog.match(pattern).actions);
  return statement.notAction ? set.complement() : set;
}

/**
 * The actions left and the requirements added once the Denies that cover this principal have
 * had their say: an unconditional Deny takes its actions away; a Deny "unless key = value"
 * over every action left adds that requirement (as in a trust policy). Null when nothing is left.
 */
function afterDenies(
  principal: Principal,
  actions: ActionSet,
  requirements: readonly Requirement[],
  denies: readonly { statement: Statement; actions: ActionSet }[],
): { actions: ActionSet; requirements: Requirement[] } | null {
  let left = actions;
  const required = [...requirements];
  for (const deny of denies) {
    if (!denyApplies(deny.statement, principal) || deny.actions.countShared(left) === 0) continue;
    if (!deny.statement.condition) left = left.minus(deny.actions);
    else if (deny.actions.containsAll(left)) {
      const requirement = denyRequirement(deny.statement);
      if (requirement) required.push(requirement);
    }
  }
  return left.isEmpty() ? null : { actions: left, requirements: required };
}

/** Several statements for one principal: every action counts, and the least restricted statement describes it. */
function mergeGrants(a: ResourceGrant, b: ResourceGrant): ResourceGrant {
  const openness = (g: ResourceGrant) => (g.limited ? 0 : 2) + (g.principalOrgIds === null ? 1 : 0);
  const [open, other] = openness(b) > openness(a) ? [b, a] : [a, b];
  return { ...open, actions: a.actions.union(b.actions), statements: [...new Set([...open.statements, ...other.statements])] };
}
