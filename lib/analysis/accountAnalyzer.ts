/**
 * Per-account analysis: for every role, who outside the account can assume it and what the
 * role can do. The analyzer is reused across accounts and memoises by content, so each
 * distinct policy document is parsed and expanded once and each distinct combination of
 * policies is evaluated once, however many roles and accounts share it.
 */
import type { ActionCatalog } from "./actionCatalog";
import type { AccountSnapshot, RoleEntity, UserEntity } from "./authorizationDetails";
import { compilePolicy, effectivePermissions, type CompiledPolicy, type EffectivePermissions, type NamedPolicy } from "./permissions";
import { decodePolicyText, normalisePolicy, PolicyError, type PolicyDocument } from "./policyDocument";
import { RiskCatalog } from "./riskCatalog";
import { analyseTrustPolicy, type TrustAnalysis, type TrustGrant } from "./trustPolicy";

export interface AnalysisError {
  /** A file path, or `account/role/RoleName` style location. */
  source: string;
  message: string;
}

/** A role and one principal outside its own account that can assume it. */
export interface TrustCandidate {
  accountId: string;
  roleArn: string;
  roleName: string;
  rolePath: string;
  /** IAM's unique id (AROA…): changes when a role is deleted and re-created under the same name. */
  roleId: string | null;
  createDate: string | null;
  lastUsed: string | null;
  lastUsedRegion: string | null;
  /** The input says when the role was last used (or that it never was). */
  lastUsedKnown: boolean;
  /** The role's trust policy, decoded (shared between roles with the same document). */
  trustPolicy: unknown;
  grant: TrustGrant;
  /** Shared between every role with the same policies. */
  permissions: EffectivePermissions;
}

export interface AccountResult {
  accountId: string;
  partition: string;
  roles: number;
  users: number;
  candidates: TrustCandidate[];
  /** The account's IAM users (third parties are sometimes given users with keys). */
  iamUsers: UserEntity[];
  errors: AnalysisError[];
}

interface AnalysedTrust {
  analysis: TrustAnalysis;
  document: unknown;
}

type Parsed<T> = T | PolicyError;

/** Memo caches are dropped past this many entries to keep memory bounded on huge inputs. */
const CACHE_LIMIT = 200_000;

export class AccountAnalyzer {
  readonly risk: RiskCatalog;
  private readonly documentIds = new Map<string, number>();
  private readonly trustByText = new Map<string, Parsed<AnalysedTrust>>();
  private readonly policyById = new Map<number, Parsed<CompiledPolicy>>();
  private readonly permissionsByKey = new Map<string, EffectivePermissions>();
  /** How many documents and policy combinations were evaluated (for benchmarks). */
  readonly stats = { roles: 0, trustDocuments: 0, permissionDocuments: 0, permissionSets: 0 };

  constructor(catalog: ActionCatalog) {
    this.risk = new RiskCatalog(catalog);
  }

  analyzeAccount(snapshot: AccountSnapshot): AccountResult {
    const errors: AnalysisError[] = snapshot.problems.map((message) => ({ source: snapshot.accountId, message }));
    const candidates: TrustCandidate[] = [];
    const managed = new ManagedPolicies(snapshot, this);
    for (const role of snapshot.roles) {
      this.stats.roles++;
      const where = `${snapshot.accountId}/role${role.path}${role.name}`;
      const trust = this.trustAnalysis(role.trustPolicy);
      if (trust instanceof PolicyError) {
        errors.push({ source: where, message: `trust policy: ${trust.message}` });
        continue;
      }
      for (const principal of trust.analysis.unrecognised) errors.push({ source: where, message: `trust policy names an unrecognised principal ${principal}` });
      const grants = trust.analysis.grants.filter((g) => g.principal.kind !== "service" && !(g.principal.type === "AWS" && g.principal.accountId === snapshot.accountId));
      if (grants.length === 0) continue;
      const permissions = this.rolePermissions(role, managed, where, errors);
      for (const grant of grants) {
        candidates.push({
          accountId: snapshot.accountId,
          roleArn: role.arn,
          roleName: role.name,
          rolePath: role.path,
          roleId: role.roleId,
          createDate: role.createDate,
          lastUsed: role.lastUsed?.date ?? null,
          lastUsedRegion: role.lastUsed?.region ?? null,
          lastUsedKnown: role.lastUsed !== undefined,
          trustPolicy: trust.document,
          grant,
          permissions,
        });
      }
    }
    this.trimCaches();
    return {
      accountId: snapshot.accountId,
      partition: snapshot.partition,
      roles: snapshot.roles.length,
      users: snapshot.users.length,
      candidates,
      iamUsers: snapshot.users,
      errors,
    };
  }

  private trustAnalysis(raw: unknown): Parsed<AnalysedTrust> {
    const key = typeof raw === "string" ? raw : JSON.stringify(raw ?? null);
    let result = this.trustByText.get(key);
    if (!result) {
      this.stats.trustDocuments++;
      result = parseWith(raw, (doc, document) => ({ analysis: analyseTrustPolicy(doc), document }));
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

function parseWith<T>(raw: unknown, analyse: (doc: PolicyDocument, decoded: unknown) => T): Parsed<T> {
  try {
    const { value } = decodePolicyText(raw);
    return analyse(normalisePolicy(value), value);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
}
