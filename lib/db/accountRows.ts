/**
 * Reads one account's current inventory rows and writes an AccountDiff back, inside the
 * caller's transaction. Inserts go in bulk; rows that end are closed (removedScanId), never
 * deleted, so history keeps them.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { AccountDiff, CurrentInventory } from "../history/accountDiff";
import type { KeyRow, ResourceRow, RoleRow, TrustRow, UserRow } from "../inventory/accountInventory";
import type { Risk } from "../analysis/risk";
import type { BlockedBy } from "../analysis/guardrails/guardrailEntry";
import { insertKeys, insertRoles, insertTrusts, insertUsers } from "./bulkInsert";
import { toDate, toIso, type Db } from "./types";

export async function loadCurrentInventory(db: Db, accountId: string): Promise<CurrentInventory> {
  const current = { accountId, removedScanId: null };
  const [roles, trusts, resources, users, keys] = await Promise.all([
    db.role.findMany({ where: current, include: { permissionSet: { select: { fingerprint: true } } } }),
    db.trust.findMany({ where: current, include: { role: { select: { arn: true } } } }),
    db.resourceGrant.findMany({ where: current }),
    db.iamUser.findMany({ where: current }),
    db.accessKey.findMany({ where: { removedScanId: null, user: current }, include: { user: { select: { arn: true } } } }),
  ]);
  return {
    roles: roles.map((r) => ({
      id: r.id,
      row: {
        arn: r.arn,
        name: r.name,
        path: r.path,
        roleId: r.roleId,
        createDate: toIso(r.createDate),
        lastUsed: toIso(r.lastUsed),
        lastUsedRegion: r.lastUsedRegion,
        lastUsedKnown: r.lastUsedKnown,
        trustPolicy: r.trustPolicy,
        fingerprint: r.permissionSet.fingerprint,
      },
    })),
    trusts: trusts.map((t) => ({
      id: t.id,
      row: {
        roleArn: t.role.arn,
        principal: t.principal,
        principalKind: t.principalKind,
        statementPrincipal: t.statementPrincipal,
        externalAccountId: t.externalAccountId,
        provider: t.provider,
        internal: t.internal,
        vendorName: t.vendorName,
        awsService: t.awsService,
        party: t.party,
        externalId: t.externalId,
        conditions: t.conditions,
        statements: t.statements,
        findings: t.findings,
        risk: t.risk as Risk,
        riskRank: t.riskRank,
        blockedBy: t.blockedBy as BlockedBy | null,
      },
    })),
    resources: resources.map(({ id, firstSeenScanId: _f, changedScanId: _c, removedScanId: _r, ...row }) => ({
      id,
      row: { ...row, blockedBy: row.blockedBy as BlockedBy | null, service: row.service as ResourceRow["service"], principalKind: row.principalKind as ResourceRow["principalKind"], risk: row.risk as Risk, source: row.source as ResourceRow["source"] },
    })),
    users: users.map((u) => ({
      id: u.id,
      row: {
        arn: u.arn,
        name: u.name,
        path: u.path,
        userId: u.userId,
        createDate: toIso(u.createDate),
        tags: u.tags as Record<string, string>,
        passwordEnabled: u.passwordEnabled,
        passwordLastUsed: toIso(u.passwordLastUsed),
      },
    })),
    keys: keys.map((k) => ({
      id: k.id,
      userArn: k.user.arn,
      row: {
        slot: k.slot,
        active: k.active,
        lastRotated: toIso(k.lastRotated),
        lastUsed: toIso(k.lastUsed),
        lastUsedService: k.lastUsedService,
        lastUsedRegion: k.lastUsedRegion,
      },
    })),
  };
}

interface WriteContext {
  scanId: number;
  accountId: string;
  permissionSetIds: ReadonlyMap<string, number>;
}

export async function writeAccountDiff(db: Db, current: CurrentInventory, diff: AccountDiff, ctx: WriteContext): Promise<void> {
  const { scanId } = ctx;
  const closing = { removedScanId: scanId };

  // Roles first: trusts point at them.
  const roleIds = new Map(current.roles.map((r) => [r.row.arn, r.id]));
  for (const r of await insertRoles(db, diff.roles.insert, ctx)) roleIds.set(r.arn, r.id);
  for (const { id, row } of diff.roles.update) await db.role.update({ where: { id }, data: { ...roleData(row, ctx), changedScanId: scanId } });
  if (diff.roles.close.length > 0) await db.role.updateMany({ where: { id: { in: diff.roles.close } }, data: closing });

  await insertTrusts(db, diff.trusts.insert.map((row) => ({ ...row, roleId: roleIds.get(row.roleArn)! })), ctx);
  for (const { id, row } of diff.trusts.update) {
    await db.trust.update({ where: { id }, data: { ...trustData(row), roleId: roleIds.get(row.roleArn)!, changedScanId: scanId } });
  }
  if (diff.trusts.close.length > 0) await db.trust.updateMany({ where: { id: { in: diff.trusts.close } }, data: closing });

  if (diff.resources.insert.length > 0) {
    await db.resourceGrant.createMany({ data: diff.resources.insert.map((row) => ({ ...resourceData(row), firstSeenScanId: scanId, changedScanId: scanId })) });
  }
  for (const { id, row } of diff.resources.update) await db.resourceGrant.update({ where: { id }, data: { ...resourceData(row), changedScanId: scanId } });
  if (diff.resources.close.length > 0) await db.resourceGrant.updateMany({ where: { id: { in: diff.resources.close } }, data: closing });

  const userIds = new Map(current.users.map((u) => [u.row.arn, u.id]));
  for (const u of await insertUsers(db, diff.users.insert, ctx)) userIds.set(u.arn, u.id);
  for (const { id, row } of diff.users.update) await db.iamUser.update({ where: { id }, data: userData(row) });
  if (diff.users.close.length > 0) await db.iamUser.updateMany({ where: { id: { in: diff.users.close } }, data: closing });

  await insertKeys(db, diff.keys.insert.map(({ userArn, ...row }) => ({ ...row, userId: userIds.get(userArn)! })), scanId);
  for (const { id, row } of diff.keys.update) await db.accessKey.update({ where: { id }, data: keyData(row) });
  if (diff.keys.close.length > 0) await db.accessKey.updateMany({ where: { id: { in: diff.keys.close } }, data: closing });

  const external = [...new Set([...diff.trusts.insert, ...diff.resources.insert].flatMap((t) => (t.externalAccountId && !t.internal ? [t.externalAccountId] : [])))].sort();
  if (external.length > 0) {
    await db.externalAccount.createMany({ data: external.map((id) => ({ id, firstSeenScanId: scanId })), skipDuplicates: true });
  }
}

function roleData(row: RoleRow, ctx: WriteContext) {
  return {
    arn: row.arn,
    name: row.name,
    path: row.path,
    roleId: row.roleId,
    createDate: toDate(row.createDate),
    lastUsed: toDate(row.lastUsed),
    lastUsedRegion: row.lastUsedRegion,
    lastUsedKnown: row.lastUsedKnown,
    trustPolicy: json(row.trustPolicy) ?? {},
    permissionSetId: ctx.permissionSetIds.get(row.fingerprint)!,
  };
}

function trustData(row: TrustRow) {
  const { roleArn: _roleArn, conditions, blockedBy, ...fields } = row;
  return { ...fields, conditions: json(conditions) ?? Prisma.DbNull, blockedBy: json(blockedBy) ?? Prisma.DbNull };
}

function resourceData(row: ResourceRow) {
  return { ...row, conditions: json(row.conditions) ?? Prisma.DbNull, blockedBy: json(row.blockedBy) ?? Prisma.DbNull };
}

function userData(row: Omit<UserRow, "keys">) {
  return {
    arn: row.arn,
    name: row.name,
    path: row.path,
    userId: row.userId,
    createDate: toDate(row.createDate),
    tags: row.tags,
    passwordEnabled: row.passwordEnabled,
    passwordLastUsed: toDate(row.passwordLastUsed),
  };
}

function keyData(row: KeyRow) {
  return {
    slot: row.slot,
    active: row.active,
    lastRotated: toDate(row.lastRotated),
    lastUsed: toDate(row.lastUsed),
    lastUsedService: row.lastUsedService,
    lastUsedRegion: row.lastUsedRegion,
  };
}

function json(value: unknown): Prisma.InputJsonValue | undefined {
  return value === null || value === undefined ? undefined : (value as Prisma.InputJsonValue);
}
