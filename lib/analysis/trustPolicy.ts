/**
 * Who can assume a role: the principals a trust policy lets call sts:AssumeRole (or the
 * web-identity / SAML variants), after Deny statements and with the conditions that narrow
 * them. Context-free: whether a principal is internal is decided later, with the org.
 */
import { allowRequirements, concreteValues, denyRequirement, type Requirement } from "./conditions";
import { federationAction, federationOf, isFederationRestricted, type Federation } from "./identityProviders";
import type { ConditionBlock, PolicyDocument, PrincipalBlock, PrincipalType, Statement } from "./policyDocument";
import { PRINCIPAL_TYPES } from "./policyDocument";
import { accountRootArn, arnAccountId, canonicalPrincipal, classifyPrincipal, type Principal } from "./principals";
import { hasWildcard, wildcardMatch } from "./wildcard";

export const ASSUME_ROLE = "sts:AssumeRole";
const ASSUME_ACTIONS = [ASSUME_ROLE, "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"];

export type ExternalIdState = "required" | "weak" | "missing";

export interface TrustGrant {
  /** Who can assume the role, after conditions narrowed the statement's principal. */
  principal: Principal;
  /** The principal as the granting statement writes it (`*`, `NOT(…)` for NotPrincipal). */
  statementPrincipal: string;
  /** Indices of the Allow statements that grant it; the first is the least restricted. */
  statements: number[];
  /** Conditions of that least restricted statement. */
  conditions: ConditionBlock | null;
  /** For AWS principals; null for federated ones. */
  externalId: ExternalIdState | null;
  /** Organizations the caller must belong to (`aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`). */
  principalOrgIds: string[] | null;
  federation: Federation | null;
  /** For federation through a known provider: are its tokens pinned to our tenant? */
  federationRestricted: boolean | null;
}

export interface TrustAnalysis {
  grants: TrustGrant[];
  /** Principals the policy names that IAM would not accept; reported, not guessed at. */
  unrecognised: string[];
}

interface Candidate {
  principal: Principal;
  statementPrincipal: string;
  statement: Statement;
  action: string;
  requirements: Requirement[];
}

/**
 * `partition` is the role's: what a bare account id in its policy means. Principals are
 * compared in one spelling (canonicalPrincipal), after Denies have had their say: a Deny
 * "unless aws:PrincipalAccount is …" narrows a wildcard as a condition in the Allow would.
 */
export function analyzeTrustPolicy(doc: PolicyDocument, partition = "aws"): TrustAnalysis {
  const unrecognised: string[] = [];
  const denies = doc.statements.filter((s) => s.effect === "Deny");
  const namedDenies = denies.filter((s) => !s.notPrincipal);
  const candidates: Candidate[] = [];
  for (const statement of doc.statements) {
    if (statement.effect !== "Allow") continue;
    const allowed = allowRequirements(statement.condition);
    for (const { principal: named, written } of statementPrincipals(statement, unrecognised)) {
      const principal = canonicalPrincipal(named, partition);
      const action = assumeActionFor(principal, statement);
      if (!action) continue;
      // Denies naming principals narrow the broad one; a NotPrincipal Deny ("everyone but …")
      // may spare the narrowed principals, so it is judged on them only.
      const broad = applyDenies({ principal, statementPrincipal: written, statement, action, requirements: allowed }, namedDenies);
      if (broad === null) continue;
      for (const narrowed of narrowPrincipal(principal, broad, partition).map((p) => canonicalPrincipal(p, partition))) {
        // A Deny may name the narrowed principal itself.
        const requirements = applyDenies({ principal: narrowed, statementPrincipal: written, statement, action, requirements: allowed }, denies);
        if (requirements !== null) candidates.push({ principal: narrowed, statementPrincipal: written, statement, action, requirements });
      }
    }
  }
  const grants = new Map<string, TrustGrant>();
  for (const candidate of candidates) {
    const grant = toGrant(candidate, candidate.requirements);
    const key = `${grant.principal.type}|${grant.principal.value.toLowerCase()}`;
    const previous = grants.get(key);
    if (!previous) grants.set(key, grant);
    else grants.set(key, mergeGrants(previous, grant));
  }
  return { grants: [...grants.values()], unrecognised };
}

/** The principals an Allow statement names (`*` for NotPrincipal: everyone but those listed); ones IAM would refuse go to `unrecognised`. */
export function statementPrincipals(statement: Statement, unrecognised: string[]): { principal: Principal; written: string }[] {
  if (statement.notPrincipal) {
    // Allow + NotPrincipal: everyone except the listed principals.
    const wildcard = classifyPrincipal("AWS", "*")!;
    return [{ principal: wildcard, written: `NOT(${principalValues(statement.notPrincipal).map((p) => p.value).join(", ")})` }];
  }
  if (!statement.principal) return [];
  const out: { principal: Principal; written: string }[] = [];
  for (const { type, value } of principalValues(statement.principal)) {
    const principal = classifyPrincipal(type, value);
    if (principal) out.push({ principal, written: value });
    else unrecognised.push(`${type}: ${value}`);
  }
  return out;
}

function principalValues(block: PrincipalBlock): { type: PrincipalType; value: string }[] {
  if (block === "*") return [{ type: "AWS", value: "*" }];
  return PRINCIPAL_TYPES.flatMap((type) => (block[type] ?? []).map((value) => ({ type, value })));
}

function coversAction(statement: Statement, action: string): boolean {
  if (statement.action) return statement.action.some((pattern) => wildcardMatch(pattern, action));
  return !statement.notAction!.some((pattern) => wildcardMatch(pattern, action));
}

/** The STS action through which this principal would use the statement, if it covers it. */
function assumeActionFor(principal: Principal, statement: Statement): string | null {
  if (principal.type === "Federated") {
    const action = federationAction(federationOf(principal.value));
    return coversAction(statement, action) ? action : null;
  }
  if (principal.kind === "wildcard") return ASSUME_ACTIONS.find((a) => coversAction(statement, a)) ?? null;
  return coversAction(statement, ASSUME_ROLE) ? ASSUME_ROLE : null;
}

/**
 * `aws:PrincipalAccount` and `aws:PrincipalArn` in the granting statement turn a broad
 * principal (`*`, an account root) into the specific ones they allow. Conditions that no
 * caller of this principal can meet leave nobody.
 */
export function narrowPrincipal(principal: Principal, requirements: readonly Requirement[], rolePartition: string): Principal[] {
  if (principal.kind === "service") return servicesActingFor(principal, requirements);
  if (principal.type !== "AWS" || principal.kind === "unknown-id") return [principal];
  const accounts = concreteValues(requirements, "aws:PrincipalAccount");
  const arns = (concreteArns(requirements) ?? []).filter((arn) => !accounts || accounts.includes(arnAccountId(arn) ?? ""));
  const partition = principal.partition ?? rolePartition;
  if (principal.kind === "wildcard") {
    if (arns.length > 0) return arns.map((arn) => classifyPrincipal("AWS", arn)).filter((p) => p !== null);
    if (accounts) return accounts.map((id) => classifyPrincipal("AWS", accountRootArn(id, partition))!);
    return [principal];
  }
  if (accounts && !accounts.includes(principal.accountId ?? "")) return [];
  if (!concreteArns(requirements)) return [principal];
  if (principal.kind === "account") {
    return arns.filter((arn) => arnAccountId(arn) === principal.accountId).map((arn) => classifyPrincipal("AWS", arn)).filter((p) => p !== null);
  }
  return arns.some((arn) => wildcardMatch(arn, principal.value)) ? [principal] : [];
}

/** How servicesActingFor names a service acting for an account: `events.amazonaws.com for 111122223333`. */
const SERVICE_FOR_ACCOUNT = / for \d{12}$/;

/**
 * A service principal is listed only when `aws:SourceAccount` or `aws:SourceArn` says for
 * which accounts the service may act: one principal per account, whose `accountId` is that
 * account (an account outside the organization drives the service into our role). Without
 * them the service acts for our own account and is not a trust to list.
 */
function servicesActingFor(service: Principal, requirements: readonly Requirement[]): Principal[] {
  const accounts = concreteValues(requirements, "aws:SourceAccount") ?? sourceArnAccounts(requirements);
  return (accounts ?? []).filter((id) => /^\d{12}$/.test(id)).map((accountId) => ({ ...service, value: `${service.value} for ${accountId}`, accountId }));
}

/** The accounts `aws:SourceArn` names, when every value names its account (wildcards elsewhere allowed). */
function sourceArnAccounts(requirements: readonly Requirement[]): string[] | null {
  const arns = requirements.find((r) => r.key === "aws:sourcearn" && r.values.length > 0);
  if (!arns) return null;
  const accounts = arns.values.map(arnAccountId);
  return accounts.every((a) => a !== null) ? [...new Set(accounts as string[])] : null;
}

/** `aws:PrincipalArn` values, when every one names its account without a wildcard. */
function concreteArns(requirements: readonly Requirement[]): string[] | null {
  const arns = requirements.find((r) => r.key === "aws:principalarn" && r.values.length > 0);
  if (!arns || !arns.values.every((arn) => arnAccountId(arn) !== null)) return null;
  return arns.values;
}

/**
 * Removes the candidate when an unconditional Deny covers it; a Deny that only says
 * "unless key = value" adds that requirement instead. Returns null when denied.
 */
function applyDenies(candidate: Candidate, denies: readonly Statement[]): Requirement[] | null {
  const requirements = [...candidate.requirements];
  for (const deny of denies) {
    if (!coversAction(deny, candidate.action) || !denyApplies(deny, candidate.principal)) continue;
    if (!deny.condition) return null;
    const requirement = denyRequirement(deny);
    if (requirement) requirements.push(requirement);
  }
  return requirements;
}

/** Whether a Deny statement's Principal (or NotPrincipal) covers this principal. */
export function denyApplies(deny: Statement, principal: Principal): boolean {
  if (deny.principal) return principalValues(deny.principal).some((p) => denyNames(p.type, p.value, principal));
  if (deny.notPrincipal) return !principalValues(deny.notPrincipal).some((p) => denyNames(p.type, p.value, principal));
  return false;
}

/** Does a Deny's principal entry cover this principal? An account covers everything in it. */
function denyNames(type: PrincipalType, value: string, principal: Principal): boolean {
  if (value === "*") return true;
  if (principal.kind === "wildcard") return false;
  if (type !== principal.type) return false;
  if (principal.kind === "service") return value.toLowerCase() === principal.value.replace(SERVICE_FOR_ACCOUNT, "");
  const named = classifyPrincipal(type, value);
  if (named && canonicalPrincipal(named, principal.partition ?? "aws").value.toLowerCase() === principal.value.toLowerCase()) return true;
  if (value.toLowerCase() === principal.value.toLowerCase()) return true;
  return named?.kind === "account" && named.accountId !== null && named.accountId === principal.accountId;
}

function toGrant(candidate: Candidate, requirements: Requirement[]): TrustGrant {
  const { principal } = candidate;
  const federation = principal.type === "Federated" ? federationOf(principal.value) : null;
  return {
    principal,
    statementPrincipal: candidate.statementPrincipal,
    statements: [candidate.statement.index],
    conditions: candidate.statement.condition,
    // A service cannot send an ExternalId: aws:SourceAccount is its confused-deputy guard.
    externalId: federation || principal.kind === "service" ? null : externalIdState(requirements),
    principalOrgIds: principalOrgIds(requirements),
    federation,
    federationRestricted: federation ? isFederationRestricted(federation, requirements) : null,
  };
}

/**
 * `required`: the caller must send one of fixed ExternalId values; `weak`: the value is a
 * wildcard pattern or only its presence is checked; `missing`: nothing binds it.
 */
export function externalIdState(requirements: readonly Requirement[]): ExternalIdState {
  const onKey = requirements.filter((r) => r.key === "sts:externalid");
  if (onKey.some((r) => r.values.length > 0 && (!r.like || !r.values.some(hasWildcard)))) return "required";
  return onKey.length > 0 ? "weak" : "missing";
}

/** Organizations a caller must belong to (aws:PrincipalOrgID, or the organization of every aws:PrincipalOrgPaths value). */
export function principalOrgIds(requirements: readonly Requirement[]): string[] | null {
  const ids = concreteValues(requirements, "aws:PrincipalOrgID");
  if (ids) return ids;
  const paths = requirements.find((r) => r.key === "aws:principalorgpaths" && r.values.length > 0);
  if (!paths) return null;
  const orgs = paths.values.map((path) => /^(o-[a-z0-9]+)\//i.exec(path)?.[1] ?? null);
  return orgs.every((o) => o !== null) ? [...new Set(orgs as string[])] : null;
}

const EXTERNAL_ID_RANK = { required: 0, weak: 1, missing: 2 } as const;

/** How open a grant is; when several statements grant the same principal, the most open one counts. */
function openness(grant: TrustGrant): number {
  return (
    (grant.federationRestricted === false ? 8 : 0) +
    (grant.principalOrgIds === null ? 4 : 0) +
    (grant.externalId ? EXTERNAL_ID_RANK[grant.externalId] : 0)
  );
}

function mergeGrants(a: TrustGrant, b: TrustGrant): TrustGrant {
  const [open, other] = openness(b) > openness(a) ? [b, a] : [a, b];
  return { ...open, statements: [...new Set([...open.statements, ...other.statements])] };
}
