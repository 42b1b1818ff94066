/**
 * Per-account analysis: for every role, who outside the account can assume it, what the
 * role can do, and — judged in the organization's context — the complete trust records with
 * vendor, findings and risk. The analyzer is reused across accounts and memoises by content,
 * so each distinct policy document is parsed and expanded once and each distinct combination
 * of policies is evaluated once, however many roles and accounts share it.
 */
import type { ActionCatalog } from "./actionCatalog";
import type { AccountSnapshot, RoleEntity, UserEntity } from "./authorizationDetails";
import type { ExternalRole } from "./externalRole";
import { compilePolicy, effectivePermissions, type CompiledPolicy, type EffectivePermissions, type NamedPolicy } from "./permissions";
import { decodePolicyText, normalisePolicy, PolicyError, type PolicyDocument } from "./policyDocument";
import { RiskLists } from "./riskLists";
import { canEverMatch, trustRecord, type TrustContext, type TrustRecord } from "./trustRecord";
import { analyzeTrustPolicy, type TrustAnalysis, type TrustGrant } from "./trustPolicy";

export interface AnalysisError {
  /** A file path, or `account/role/RoleName` style location. */
  source: string;
  message: string;
}

/** One account read without its organization's context: who can assume what, not yet judged. */
export interface AccountRoles {
  accountId: string;
  partition: string;
  roles: number;
  users: number;
  /** The roles a principal outside the account can assume. */
  externalRoles: ExternalRole[];
  /** The account's IAM users (third parties are sometimes given users with keys). */
  iamUsers: UserEntity[];
  errors: AnalysisError[];
}

/** One judged trust, with the role and grant it was judged from. */
export interface AccountTrust {
  role: ExternalRole;
  grant: TrustGrant;
  record: TrustRecord;
}

/** One account completely analyzed: its roles and every trust record, in role order. */
export interface AccountAnalysis extends AccountRoles {
  trusts: AccountTrust[];
}

/**
 * Judges an account read earlier, for inputs whose organization is known only once all of them
 * are read (files: a list-accounts output may come last, and without one the members are the
 * accounts read). Live scans know it first and call `analyzeAccount`. With the organization's
 * guardrails known, each role's permissions are what its account's SCPs leave.
 */
export function judgeTrusts(account: AccountRoles, ctx: TrustContext): AccountAnalysis {
  const trusts: AccountTrust[] = [];
  const { guardrails } = ctx;
  const externalRoles = account.externalRoles.map((read) => {
    const permissions = guardrails ? guardrails.applyScps(account.accountId, read, read.permissions) : read.permissions;
    const role = permissions === read.permissions ? read : { ...read, permissions };
    for (const grant of role.grants) {
      if (!canEverMatch(grant, ctx)) continue;
      trusts.push({ role, grant, record: trustRecord(account.accountId, role, grant, ctx) });
    }
    return role;
  });
  return { ...account, externalRoles, trusts };
}

interface AnalyzedTrust {
  analysis: TrustAnalysis;
  document: unknown;
}

type Parsed<T> = T | PolicyError;

/** Memo caches are dropped past this many entries to keep memory bounded on huge inputs. */
const CACHE_LIMIT = 200_000;

export class AccountAnalyzer {
  readonly risk: RiskLists;
  private readonly documentIds = new Map<string, number>();
  private readonly trustByText = new Map<string, Parsed<AnalyzedTrust>>();
  private readonly policyById = new Map<number, Parsed<CompiledPolicy>>();
  private readonly permissionsByKey = new Map<string, EffectivePermissions>();
  /** How many documents and policy combinations were evaluated (for benchmarks). */
  readonly stats = { roles: 0, trustDocuments: 0, permissionDocuments: 0, permissionSets: 0 };

  constructor(catalog: ActionCatalog) {
    this.risk = new RiskLists(catalog);
  }

  /** One account, completely: the trust records of every role someone outside it can assume. */
  analyzeAccount(snapshot: AccountSnapshot, ctx: TrustContext): AccountAnalysis {
    return judgeTrusts(this.analyzeRoles(snapshot), ctx);
  }

  /** One account without its organization's context (see `judgeTrusts`). */
  analyzeRoles(snapshot: AccountSnapshot): AccountRoles {
    const errors: AnalysisError[] = snapshot.problems.map((message) => ({ source: snapshot.accountId, message }));
    const externalRoles: ExternalRole[] = [];
    const managed = new ManagedPolicies(snapshot, this);
    for (const role of snapshot.roles) {
      this.stats.roles++;
      const where = `${snapshot.accountId}/role${role.path}${role.name}`;
      const trust = this.trustAnalysis(role.trustPolicy, snapshot.partition);
      if (trust instanceof PolicyError) {
        errors.push({ source: where, message: `trust policy: ${trust.message}` });
        continue;
      }
      for (const principal of trust.analysis.unrecognised) errors.push({ source: where, message: `trust policy names an unrecognised principal ${principal}` });
      // Same-account principals (and services acting for this account) are not cross-account.
      const grants = trust.analysis.grants.filter((g) => !((g.principal.type === "AWS" || g.principal.kind === "service") && g.principal.accountId === snapshot.accountId));
      if (grants.length === 0) continue;
      externalRoles.push({
        arn: role.arn,
        name: role.name,
        path: role.path,
        roleId: role.roleId,
        createDate: role.createDate,
        lastUsed: role.lastUsed?.date ?? null,
        lastUsedRegion: role.lastUsed?.region ?? null,
        lastUsedKnown: role.lastUsed !== undefined,
        trustPolicy: trust.document,
        grants,
        permissions: this.rolePermissions(role, managed, where, errors),
        tags: role.tags,
      });
    }
    this.trimCaches();
    return {
      accountId: snapshot.accountId,
      partition: snapshot.partition,
      roles: snapshot.roles.length,
      users: snapshot.users.length,
      externalRoles,
      iamUsers: snapshot.users,
      errors,
    };
  }

  private trustAnalysis(raw: unknown, partition: string): Parsed<AnalyzedTrust> {
    const key = `${partition}\u0000${typeof raw === "string" ? raw : JSON.stringify(raw ?? null)}`;
    let result = this.trustByText.get(key);
    if (!result) {
      this.stats.trustDocuments++;
      result = parseWith(raw, (doc, document) => ({ analysis: analyzeTrustPolicy(doc, partition), document }));
      this.trustByText.set(key, result);
    }
    return result;
  }

  /** The compiled form of a permission document, with its id for combination keys. */
  compiled(raw: unknown): { id: number; policy: Parsed<CompiledPolicy> } {
    const key = typeof raw === "string" ? raw : JSON.stringify(raw ?? null);
    let id = this.documentIds.get(key);
    if (id === undefined) {
      id = this.documentIds.size;
      this.documentIds.set(key, id);
    }
    let policy = this.policyById.get(id);
    if (!policy) {
      this.stats.permissionDocuments++;
      policy = parseWith(raw, (doc) => compilePolicy(doc, this.risk.catalog));
      this.policyById.set(id, policy);
    }
    return { id, policy };
  }

  private rolePermissions(role: RoleEntity, managed: ManagedPolicies, where: string, errors: AnalysisError[]): EffectivePermissions {
    const parts: { name: string; id: number; policy: CompiledPolicy }[] = [];
    const missing: string[] = [];
    const use = (name: string, resolved: { id: number; policy: Parsed<CompiledPolicy> } | string) => {
      if (typeof resolved === "string") {
        missing.push(name);
        errors.push({ source: where, message: `policy ${name}: ${resolved}` });
      } else if (resolved.policy instanceof PolicyError) {
        missing.push(name);
        errors.push({ source: where, message: `policy ${name}: ${resolved.policy.message}` });
      } else {
        parts.push({ name, id: resolved.id, policy: resolved.policy });
      }
    };
    for (const inline of role.inlinePolicies) use(inline.name, this.compiled(inline.document));
    for (const attached of role.attachedPolicies) use(attached.arn, managed.resolve(attached.arn));
    let boundary: (typeof parts)[number] | null = null;
    if (role.boundaryArn) {
      const before = parts.length;
      use(role.boundaryArn, managed.resolve(role.boundaryArn));
      if (parts.length > before) boundary = parts.pop()!;
    }
    const key = `${parts.map((p) => `${p.id}:${p.name}`).join(",")}|${boundary ? boundary.id : ""}|${missing.join(",")}`;
    let permissions = this.permissionsByKey.get(key);
    if (!permissions) {
      this.stats.permissionSets++;
      const named: NamedPolicy[] = parts.map((p) => ({ name: p.name, compiled: p.policy }));
      permissions = effectivePermissions(named, boundary && { name: boundary.name, compiled: boundary.policy }, missing, this.risk);
      this.permissionsByKey.set(key, permissions);
    }
    return permissions;
  }

  private trimCaches(): void {
    if (this.trustByText.size > CACHE_LIMIT) this.trustByText.clear();
    if (this.documentIds.size > CACHE_LIMIT) {
      this.documentIds.clear();
      this.policyById.clear();
      this.permissionsByKey.clear();
    }
  }
}

/** An account's managed policies, each resolved to its compiled default version on first use. */
class ManagedPolicies {
  private readonly resolved = new Map<string, { id: number; policy: Parsed<CompiledPolicy> } | string>();

  constructor(
    private readonly snapshot: AccountSnapshot,
    private readonly analyzer: AccountAnalyzer,
  ) {}

  resolve(arn: string): { id: number; policy: Parsed<CompiledPolicy> } | string {
    let result = this.resolved.get(arn);
    if (result === undefined) {
      const policy = this.snapshot.policies.get(arn);
      if (!policy) result = "not in the input (export with the LocalManagedPolicy and AWSManagedPolicy filters)";
      else if (policy.document === undefined || policy.document === null) result = "the input has no document for its default version";
      else result = this.analyzer.compiled(policy.document);
      this.resolved.set(arn, result);
    }
    return result;
  }
}

function parseWith<T>(raw: unknown, analyze: (doc: PolicyDocument, decoded: unknown) => T): Parsed<T> {
  try {
    const { value } = decodePolicyText(raw);
    return analyze(normalisePolicy(value), value);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
}
