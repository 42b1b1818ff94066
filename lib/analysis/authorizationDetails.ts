/**
 * One account's `GetAccountAuthorizationDetails` output (the API response or the AWS CLI's
 * `get-account-authorization-details` export), read into plain entities. Policy documents
 * stay raw here: they are parsed once per distinct text by the engine.
 */
import { isRecord } from "./policyDocument";
import { arnAccountId, arnPartition } from "./principals";

export interface InlinePolicy {
  name: string;
  document: unknown;
}

export interface AttachedPolicy {
  arn: string;
  name: string;
}

export interface RoleEntity {
  arn: string;
  name: string;
  path: string;
  roleId: string | null;
  createDate: string | null;
  trustPolicy: unknown;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicy[];
  boundaryArn: string | null;
  /** Undefined when the input does not say (old exports); null when IAM says "never". */
  lastUsed: { date: string | null; region: string | null } | undefined;
  tags: Record<string, string>;
}

export interface UserEntity {
  arn: string;
  name: string;
  path: string;
  userId: string | null;
  createDate: string | null;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicy[];
  groups: string[];
  boundaryArn: string | null;
  tags: Record<string, string>;
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  defaultVersionId: string | null;
  /** The default version's document, or undefined when the export lacks it. */
  document: unknown;
}

export interface AccountSnapshot {
  accountId: string;
  partition: string;
  roles: RoleEntity[];
  users: UserEntity[];
  groups: { arn: string; name: string; inlinePolicies: InlinePolicy[]; attachedPolicies: AttachedPolicy[] }[];
  policies: Map<string, ManagedPolicy>;
  /** Entries that could not be read, with why; the rest of the account is still analyzed. */
  problems: string[];
}

export function isAuthorizationDetails(value: unknown): value is Record<string, unknown> & { RoleDetailList: unknown[] } {
  return isRecord(value) && Array.isArray(value.RoleDetailList);
}

export class ExportError extends Error {
  override name = "ExportError";
}

/**
 * @param knownAccountId the account the export was read from, when the caller knows it (a live
 *   scan); otherwise it comes from the ARNs inside.
 */
export function readAuthorizationDetails(value: Record<string, unknown> & { RoleDetailList: unknown[] }, knownAccountId?: string): AccountSnapshot {
  const problems: string[] = [];
  const list = (key: string): Record<string, unknown>[] => {
    const items = value[key];
    if (items === undefined) return [];
    if (!Array.isArray(items)) {
      problems.push(`${key} is not a list`);
      return [];
    }
    return items.filter((item, i) => {
      if (isRecord(item)) return true;
      problems.push(`${key}[${i}] is not an object`);
      return false;
    });
  };

  const roles: RoleEntity[] = [];
  for (const r of list("RoleDetailList")) {
    if (typeof r.Arn !== "string" || typeof r.RoleName !== "string") {
      problems.push(`a role without Arn or RoleName was skipped`);
      continue;
    }
    roles.push({
      arn: r.Arn,
      name: r.RoleName,
      path: text(r.Path) ?? "/",
      roleId: text(r.RoleId),
      createDate: isoDate(r.CreateDate),
      trustPolicy: r.AssumeRolePolicyDocument,
      inlinePolicies: inlinePolicies(r.RolePolicyList),
      attachedPolicies: attachedPolicies(r.AttachedManagedPolicies),
      boundaryArn: boundaryArn(r.PermissionsBoundary),
      lastUsed: lastUsed(r.RoleLastUsed),
      tags: tags(r.Tags),
    });
  }
  const users: UserEntity[] = [];
  for (const u of list("UserDetailList")) {
    if (typeof u.Arn !== "string" || typeof u.UserName !== "string") {
      problems.push(`a user without Arn or UserName was skipped`);
      continue;
    }
    users.push({
      arn: u.Arn,
      name: u.UserName,
      path: text(u.Path) ?? "/",
      userId: text(u.UserId),
      createDate: isoDate(u.CreateDate),
      inlinePolicies: inlinePolicies(u.UserPolicyList),
      attachedPolicies: attachedPolicies(u.AttachedManagedPolicies),
      groups: Array.isArray(u.GroupList) ? u.GroupList.filter((g): g is string => typeof g === "string") : [],
      boundaryArn: boundaryArn(u.PermissionsBoundary),
      tags: tags(u.Tags),
    });
  }
  const groups = list("GroupDetailList")
    .filter((g) => typeof g.Arn === "string" && typeof g.GroupName === "string")
    .map((g) => ({
      arn: g.Arn as string,
      name: g.GroupName as string,
      inlinePolicies: inlinePolicies(g.GroupPolicyList),
      attachedPolicies: attachedPolicies(g.AttachedManagedPolicies),
    }));
  const policies = new Map<string, ManagedPolicy>();
  for (const p of list("Policies")) {
    if (typeof p.Arn !== "string") continue;
    const versions = Array.isArray(p.PolicyVersionList) ? p.PolicyVersionList.filter(isRecord) : [];
    const defaultVersionId = text(p.DefaultVersionId);
    const version =
      versions.find((v) => v.IsDefaultVersion === true) ?? versions.find((v) => defaultVersionId !== null && v.VersionId === defaultVersionId);
    policies.set(p.Arn, { arn: p.Arn, name: text(p.PolicyName) ?? p.Arn, defaultVersionId, document: version?.Document });
  }

  const arns = [...roles.map((r) => r.arn), ...users.map((u) => u.arn), ...groups.map((g) => g.arn), ...policies.keys()];
  const accountId = knownAccountId ?? mostCommon(arns.map(arnAccountId).filter((id) => id !== null));
  if (!accountId) throw new ExportError("no ARN in the export names its account, so its account id is unknown");
  const partition = arns.map(arnPartition).find((p) => p !== null) ?? "aws";
  return { accountId, partition, roles, users, groups, policies, problems };
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** How AWS writes dates in these exports: the ISO form we keep, without milliseconds. */
const AWS_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

function isoDate(value: unknown): string | null {
  if (typeof value !== "string" && !(value instanceof Date)) return null;
  // The common case without building two Dates; a day past 28 may not exist in its month (Date rolls it over).
  if (typeof value === "string" && AWS_DATE.test(value) && Number(value.slice(8, 10)) <= 28) return `${value.slice(0, 19)}.000Z`;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function inlinePolicies(value: unknown): InlinePolicy[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((p) => ({ name: text(p.PolicyName) ?? "(unnamed)", document: p.PolicyDocument }));
}

function attachedPolicies(value: unknown): AttachedPolicy[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRecord)
    .filter((p) => typeof p.PolicyArn === "string")
    .map((p) => ({ arn: p.PolicyArn as string, name: text(p.PolicyName) ?? (p.PolicyArn as string) }));
}

function boundaryArn(value: unknown): string | null {
  return isRecord(value) ? text(value.PermissionsBoundaryArn) : null;
}

function lastUsed(value: unknown): RoleEntity["lastUsed"] {
  if (!isRecord(value)) return undefined;
  return { date: isoDate(value.LastUsedDate), region: text(value.Region) };
}

function tags(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(value)) for (const t of value) if (isRecord(t) && typeof t.Key === "string") out[t.Key] = text(t.Value) ?? "";
  return out;
}

function mostCommon(values: string[]): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best === null || n > counts.get(best)!) best = v;
  }
  return best;
}
