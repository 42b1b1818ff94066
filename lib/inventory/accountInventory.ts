/**
 * One account's analysis as the rows Vendorscope stores: the roles someone outside the
 * account can assume, their trusts (one per principal), the permission sets they use, and the
 * account's IAM users with their access keys. Pure: the store diffs this against what it has.
 */
import type { AccountResult, TrustCandidate } from "../analysis/accountAnalyzer";
import type { CredentialReport } from "../analysis/credentialReport";
import type { EffectivePermissions } from "../analysis/permissions";
import { RISKS, type Risk } from "../analysis/risk";
import { trustRecord, type TrustContext, type TrustRecord } from "../analysis/report";
import { partyOf } from "./party";

export interface RoleRow {
  arn: string;
  name: string;
  path: string;
  roleId: string | null;
  createDate: string | null;
  lastUsed: string | null;
  lastUsedRegion: string | null;
  lastUsedKnown: boolean;
  trustPolicy: unknown;
  fingerprint: string;
}

export interface TrustRow {
  roleArn: string;
  principal: string;
  principalKind: string;
  statementPrincipal: string;
  externalAccountId: string | null;
  provider: string | null;
  internal: boolean;
  vendorName: string | null;
  awsService: string | null;
  /** Who holds the access (lib/inventory/party.ts). */
  party: string;
  externalId: string | null;
  conditions: unknown;
  statements: number[];
  findings: string[];
  risk: Risk;
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

export interface AccountInventory {
  accountId: string;
  roles: RoleRow[];
  trusts: TrustRow[];
  /** The full records, for output in the `analyze --json` shape. */
  records: TrustRecord[];
  users: UserRow[];
  /** False when there was no credential report: keys are unknown, not absent. */
  keysKnown: boolean;
  permissionSets: Map<string, EffectivePermissions>;
}

export function accountInventory(result: AccountResult, ctx: TrustContext, credentialReport: CredentialReport | null): AccountInventory {
  const roles = new Map<string, RoleRow>();
  const permissionSets = new Map<string, EffectivePermissions>();
  const records: TrustRecord[] = [];
  const trusts: TrustRow[] = [];
  for (const candidate of result.candidates) {
    if (!roles.has(candidate.roleArn)) roles.set(candidate.roleArn, roleRow(candidate));
    permissionSets.set(candidate.permissions.summary.fingerprint, candidate.permissions);
    const record = trustRecord(candidate, ctx);
    records.push(record);
    trusts.push(trustRow(record, candidate));
  }
  const keysByArn = new Map(credentialReport?.users.map((u) => [u.arn, u]) ?? []);
  const users = result.iamUsers.map((u): UserRow => {
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
  return { accountId: result.accountId, roles: [...roles.values()], trusts, records, users, keysKnown: credentialReport !== null, permissionSets };
}

function roleRow(c: TrustCandidate): RoleRow {
  return {
    arn: c.roleArn,
    name: c.roleName,
    path: c.rolePath,
    roleId: c.roleId,
    createDate: c.createDate,
    lastUsed: c.lastUsed,
    lastUsedRegion: c.lastUsedRegion,
    lastUsedKnown: c.lastUsedKnown,
    trustPolicy: c.trustPolicy,
    fingerprint: c.permissions.summary.fingerprint,
  };
}

function trustRow(record: TrustRecord, candidate: TrustCandidate): TrustRow {
  const facts = { internal: record.internal, vendorName: record.vendor, awsService: record.awsService, principalKind: record.principalKind, principal: record.principal, externalAccountId: record.externalAccountId };
  return {
    party: partyOf(facts),
    roleArn: record.roleArn,
    principal: record.principal,
    principalKind: record.principalKind,
    statementPrincipal: record.statementPrincipal,
    externalAccountId: record.externalAccountId,
    provider: candidate.grant.federation?.host ?? null,
    internal: record.internal,
    vendorName: record.vendor,
    awsService: record.awsService,
    externalId: record.externalId,
    conditions: record.conditions,
    statements: record.statements,
    findings: record.findings,
    risk: record.risk,
    riskRank: RISKS.indexOf(record.risk),
  };
}
