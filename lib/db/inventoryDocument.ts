/**
 * The current stored inventory in the `vendorscope analyze --json` shape (docs/analysis.md),
 * for `vendorscope export` and anything else that wants the same contract from the database.
 */
import type { FindingCode } from "../analysis/findings";
import type { PrincipalKind } from "../analysis/principals";
import { summariseUnknownAccounts, summariseVendors, type InventoryDocument } from "../analysis/analysisRecords";
import { compareTrusts, trustPermissions, type TrustRecord } from "../analysis/trustRecord";
import type { Risk } from "../analysis/risk";
import type { ExternalIdState } from "../analysis/trustPolicy";
import type { PermissionSummaries } from "./permissionSummaries";
import { toIso, type Db } from "./types";
import type { ConditionBlock } from "../analysis/policyDocument";
import type { AccessLevel } from "../analysis/actionCatalog";
import { compareResources, type ResourceRecord, type ResourceSource } from "../analysis/resources/resourceRecord";
import type { ResourceService } from "../analysis/resources/resourceServices";
import type { BlockedBy } from "../analysis/guardrails/guardrailEntry";

/** `party` narrows the trusts (and so vendors) to one party's access; the rest stays whole. */
export async function currentInventoryDocument(db: Db, summaries: PermissionSummaries, options: { party?: string } = {}): Promise<InventoryDocument> {
  const [accounts, trusts, grants, org, lastScans] = await Promise.all([
    db.account.findMany({ where: { removedScanId: null }, orderBy: { id: "asc" } }),
    db.trust.findMany({
      where: { removedScanId: null, ...(options.party !== undefined && { party: options.party }) },
      include: { role: { select: { arn: true, name: true, lastUsed: true, permissionSetId: true } } },
    }),
    db.resourceGrant.findMany({ where: { removedScanId: null, ...(options.party !== undefined && { party: options.party }) } }),
    db.organization.findFirst({ where: { id: { startsWith: "o-" } } }),
    db.scanAccount.findMany({ where: { status: "ok" }, orderBy: { scanId: "desc" }, distinct: ["accountId"], select: { accountId: true, roles: true, users: true } }),
  ]);
  const counts = new Map(lastScans.map((s) => [s.accountId, s]));
  const permissions = await summaries.load(db, trusts.map((t) => t.role.permissionSetId));
  const records = trusts.map((t): TrustRecord => {
    const summary = permissions.get(t.role.permissionSetId)!;
    return {
      accountId: t.accountId,
      roleName: t.role.name,
      roleArn: t.role.arn,
      principal: t.principal,
      principalKind: t.principalKind as PrincipalKind,
      externalAccountId: t.externalAccountId,
      internal: t.internal,
      vendor: t.vendorName,
      externalId: t.externalId as ExternalIdState | null,
      findings: t.findings as FindingCode[],
      risk: t.risk as Risk,
      lastUsed: toIso(t.role.lastUsed),
      permissions: trustPermissions(summary),
      statementPrincipal: t.statementPrincipal,
      statements: t.statements,
      conditions: t.conditions as ConditionBlock | null,
      awsService: t.awsService,
      blockedBy: t.blockedBy as BlockedBy | null,
    };
  });
  records.sort(compareTrusts);
  const resources = grants.map(storedResourceRecord).sort(compareResources);
  const scanned = accounts.filter((a) => a.lastSuccessScanId !== null);
  return {
    organization: {
      orgId: org?.id ?? null,
      managementAccountId: org?.managementAccountId ?? null,
      members: accounts.length,
      notAnalysed: accounts.filter((a) => a.lastSuccessScanId === null).map((a) => a.id),
    },
    accounts: scanned.map((a) => ({ accountId: a.id, name: a.name, roles: counts.get(a.id)?.roles ?? 0, users: counts.get(a.id)?.users ?? 0 })),
    trusts: records,
    resources,
    vendors: summariseVendors(records, resources),
    unknownAccounts: summariseUnknownAccounts(records, resources),
    errors: accounts
      .filter((a) => a.lastError !== null)
      .map((a) => ({
        source: a.id,
        message: `last scan failed: ${a.lastError}${a.lastSuccessAt ? ` (inventory as of ${a.lastSuccessAt.toISOString()})` : " (never read)"}`,
      })),
  };
}

type StoredGrant = Awaited<ReturnType<Db["resourceGrant"]["findMany"]>>[number];

/** A stored resource grant in the contract's shape and key order. */
export function storedResourceRecord(g: StoredGrant): ResourceRecord {
  return {
    accountId: g.accountId,
    region: g.region,
    service: g.service as ResourceService,
    resourceArn: g.resourceArn,
    principal: g.principal,
    principalKind: g.principalKind as PrincipalKind,
    externalAccountId: g.externalAccountId,
    internal: g.internal,
    vendor: g.vendorName,
    awsService: g.awsService,
    actions: g.actions,
    accessLevels: g.accessLevels as AccessLevel[],
    findings: g.findings as FindingCode[],
    risk: g.risk as Risk,
    source: g.source as ResourceSource,
    statementPrincipal: g.statementPrincipal,
    statements: g.statements,
    conditions: g.conditions as ConditionBlock | null,
    blockedBy: g.blockedBy as BlockedBy | null,
  };
}
