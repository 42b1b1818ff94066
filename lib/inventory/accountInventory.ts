/**
 * One account's analysis as the rows Vendorscope stores: the roles someone outside the
 * account can assume, their trusts (one per principal), the permission sets they use, and the
 * account's IAM users with their access keys. Pure: the store diffs this against what it has.
 */
import type { AccountAnalysis, AccountTrust } from "../analysis/accountAnalyzer";
import type { CredentialReport } from "../analysis/credentialReport";
import type { ExternalRole, RoleFacts } from "../analysis/externalRole";
import type { EffectivePermissions } from "../analysis/permissions";
import { RISKS } from "../analysis/risk";
import type { TrustRecord } from "../analysis/trustRecord";
import type { ResourceRecord } from "../analysis/resources/resourceRecord";
import type { UnreadScope } from "../analysis/resources/resourceServices";
import { partyOf } from "./party";

export interface RoleRow extends RoleFacts {
  fingerprint: string;
}

/** A trust record as stored: the contract's fields, as the database types them, plus who holds it. */
export interface TrustRow extends Pick<TrustRecord, "roleArn" | "principal" | "statementPrincipal" | "externalAccountId" | "internal" | "awsService" | "statements" | "risk" | "blockedBy"> {
  principalKind: string;
  /** The identity provider's host, for federated principals. */
  provider: string | null;
  vendorName: string | null;
  /** Who holds the access (lib/inventory/party.ts). */
  party: string;
  externalId: string | null;
  conditions: unknown;
  findings: string[];
  riskRank: number;
}

export interface KeyRow {
  slot: number;
  active: boolean;
  lastRotated: string | null;
  lastUsed: string | null;
  lastUsedService: string | null;
  lastUsedRegion: string | null;
}

export interface UserRow {
  arn: string;
  name: string;
  path: string;
  userId: string | null;
  createDate: string | null;
  tags: Record<string, string>;
  passwordEnabled: boolean | null;
  passwordLastUsed: string | null;
  keys: KeyRow[];
}

/** A resource grant as stored: the contract's fields, plus who holds it. */
export interface ResourceRow extends Omit<ResourceRecord, "vendor" | "conditions" | "accessLevels" | "findings"> {
  vendorName: string | null;
  party: string;
  accessLevels: string[];
  findings: string[];
  conditions: unknown;
  riskRank: number;
}

export interface AccountInventory {
  accountId: string;
  roles: RoleRow[];
  trusts: TrustRow[];
  /** Null when no resource export was read: stored grants are kept, not closed. */
  resources: ResourceRow[] | null;
  /** What the resource read missed: stored grants in these scopes are kept, not closed. */
  unreadResources: UnreadScope[];
  users: UserRow[];
  /** False when there was no credential report: keys are unknown, not absent. */
  keysKnown: boolean;
  permissionSets: Map<string, EffectivePermissions>;
}

export function accountInventory(
  analysis: AccountAnalysis,
  credentialReport: CredentialReport | null,
  resources: readonly ResourceRecord[] | null = null,
  unreadResources: readonly UnreadScope[] = [],
): AccountInventory {
  const permissionSets = new Map<string, EffectivePermissions>();
  const roles = new Map<string, RoleRow>();
  for (const role of analysis.externalRoles) {
    if (!roles.has(role.arn)) roles.set(role.arn, roleRow(role));
    permissionSets.set(role.permissions.summary.fingerprint, role.permissions);
  }
  const trusts = analysis.trusts.map(trustRow);
  const keysByArn = new Map(credentialReport?.users.map((u) => [u.arn, u]) ?? []);
  const users = analysis.iamUsers.map((u): UserRow => {
    const report = keysByArn.get(u.arn);
    return {
      arn: u.arn,
      name: u.name,
      path: u.path,
      userId: u.userId,
      createDate: u.createDate,
      tags: u.tags,
      passwordEnabled: report?.passwordEnabled ?? null,
      passwordLastUsed: report?.passwordLastUsed ?? null,
      keys: (report?.keys ?? []).map((k) => ({ ...k })),
    };
  });
  return { accountId: analysis.accountId, roles: [...roles.values()], trusts, resources: resources?.map(resourceRow) ?? null, unreadResources: [...unreadResources], users, keysKnown: credentialReport !== null, permissionSets };
}

export function resourceRow(record: ResourceRecord): ResourceRow {
  const { vendor, ...fields } = record;
  const party = partyOf({ internal: record.internal, vendorName: vendor, awsService: record.awsService, principalKind: record.principalKind, principal: record.principal, externalAccountId: record.externalAccountId });
  return { ...fields, vendorName: vendor, party, riskRank: RISKS.indexOf(record.risk) };
}

function roleRow(role: ExternalRole): RoleRow {
  return {
    arn: role.arn,
    name: role.name,
    path: role.path,
    roleId: role.roleId,
    createDate: role.createDate,
    lastUsed: role.lastUsed,
    lastUsedRegion: role.lastUsedRegion,
    lastUsedKnown: role.lastUsedKnown,
    trustPolicy: role.trustPolicy,
    fingerprint: role.permissions.summary.fingerprint,
  };
}

function trustRow({ record, grant }: AccountTrust): TrustRow {
  const facts = { internal: record.internal, vendorName: record.vendor, awsService: record.awsService, principalKind: record.principalKind, principal: record.principal, externalAccountId: record.externalAccountId };
  return {
    party: partyOf(facts),
    roleArn: record.roleArn,
    principal: record.principal,
    principalKind: record.principalKind,
    statementPrincipal: record.statementPrincipal,
    externalAccountId: record.externalAccountId,
    provider: grant.federation?.host ?? null,
    internal: record.internal,
    vendorName: record.vendor,
    awsService: record.awsService,
    externalId: record.externalId,
    conditions: record.conditions,
    statements: record.statements,
    findings: record.findings,
    risk: record.risk,
    riskRank: RISKS.indexOf(record.risk),
    blockedBy: record.blockedBy,
  };
}
