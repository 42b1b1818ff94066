/**
 * Bulk inserts as one `INSERT … SELECT FROM unnest(arrays)` statement each: the statement's
 * shape does not depend on the number of rows, so it is planned once, and a scan writing
 * thousands of rows spends its time in PostgreSQL rather than in building queries.
 * Timestamps travel as ISO text, JSON as text, lists as comma-joined text.
 */
import type { ChangeDraft } from "../history/changeKinds";
import type { KeyRow, RoleRow, TrustRow, UserRow } from "../inventory/accountInventory";
import type { Db } from "./types";

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export async function insertRoles(
  db: Db,
  rows: readonly RoleRow[],
  ctx: { accountId: string; scanId: number; permissionSetIds: ReadonlyMap<string, number> },
): Promise<{ id: number; arn: string }[]> {
  if (rows.length === 0) return [];
  return db.$queryRaw<{ id: number; arn: string }[]>`
    INSERT INTO "Role" ("accountId", "arn", "name", "path", "roleId", "createDate", "lastUsed", "lastUsedRegion", "lastUsedKnown", "trustPolicy", "permissionSetId", "firstSeenScanId", "changedScanId")
    SELECT ${ctx.accountId}, arn, name, path, rid, cd::timestamp, lu::timestamp, lur, luk, tp::jsonb, ps, ${ctx.scanId}, ${ctx.scanId}
    FROM unnest(
      ${rows.map((r) => r.arn)}::text[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.path)}::text[], ${rows.map((r) => r.roleId)}::text[],
      ${rows.map((r) => r.createDate)}::text[], ${rows.map((r) => r.lastUsed)}::text[], ${rows.map((r) => r.lastUsedRegion)}::text[],
      ${rows.map((r) => r.lastUsedKnown)}::boolean[], ${rows.map((r) => json(r.trustPolicy) ?? "{}")}::text[],
      ${rows.map((r) => ctx.permissionSetIds.get(r.fingerprint)!)}::int[]
    ) AS t(arn, name, path, rid, cd, lu, lur, luk, tp, ps)
    RETURNING id, arn`;
}

export async function insertTrusts(db: Db, rows: readonly (TrustRow & { roleId: number })[], ctx: { accountId: string; scanId: number }): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "Trust" ("roleId", "accountId", "principal", "principalKind", "statementPrincipal", "externalAccountId", "provider", "internal", "vendorName", "awsService", "party", "externalId", "conditions", "statements", "findings", "risk", "riskRank", "blockedBy", "firstSeenScanId", "changedScanId")
    SELECT rid, ${ctx.accountId}, p, pk, sp, ea, pr, i, vn, aws, pa, ei, c::jsonb, string_to_array(st, ',')::int[], string_to_array(f, ','), r, rr, b::jsonb, ${ctx.scanId}, ${ctx.scanId}
    FROM unnest(
      ${rows.map((t) => t.roleId)}::int[], ${rows.map((t) => t.principal)}::text[], ${rows.map((t) => t.principalKind)}::text[],
      ${rows.map((t) => t.statementPrincipal)}::text[], ${rows.map((t) => t.externalAccountId)}::text[], ${rows.map((t) => t.provider)}::text[],
      ${rows.map((t) => t.internal)}::boolean[], ${rows.map((t) => t.vendorName)}::text[], ${rows.map((t) => t.awsService)}::text[],
      ${rows.map((t) => t.party)}::text[], ${rows.map((t) => t.externalId)}::text[], ${rows.map((t) => json(t.conditions))}::text[], ${rows.map((t) => t.statements.join(","))}::text[],
      ${rows.map((t) => t.findings.join(","))}::text[], ${rows.map((t) => t.risk)}::text[], ${rows.map((t) => t.riskRank)}::int[], ${rows.map((t) => json(t.blockedBy))}::text[]
    ) AS t(rid, p, pk, sp, ea, pr, i, vn, aws, pa, ei, c, st, f, r, rr, b)`;
}

export async function insertUsers(db: Db, rows: readonly Omit<UserRow, "keys">[], ctx: { accountId: string; scanId: number }): Promise<{ id: number; arn: string }[]> {
  if (rows.length === 0) return [];
  return db.$queryRaw<{ id: number; arn: string }[]>`
    INSERT INTO "IamUser" ("accountId", "arn", "name", "path", "userId", "createDate", "tags", "passwordEnabled", "passwordLastUsed", "firstSeenScanId")
    SELECT ${ctx.accountId}, arn, name, path, uid, cd::timestamp, tags::jsonb, pe, plu::timestamp, ${ctx.scanId}
    FROM unnest(
      ${rows.map((u) => u.arn)}::text[], ${rows.map((u) => u.name)}::text[], ${rows.map((u) => u.path)}::text[], ${rows.map((u) => u.userId)}::text[],
      ${rows.map((u) => u.createDate)}::text[], ${rows.map((u) => JSON.stringify(u.tags))}::text[], ${rows.map((u) => u.passwordEnabled)}::boolean[],
      ${rows.map((u) => u.passwordLastUsed)}::text[]
    ) AS t(arn, name, path, uid, cd, tags, pe, plu)
    RETURNING id, arn`;
}

export async function insertKeys(db: Db, rows: readonly (KeyRow & { userId: number })[], scanId: number): Promise<void> {
  if (rows.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "AccessKey" ("userId", "slot", "active", "lastRotated", "lastUsed", "lastUsedService", "lastUsedRegion", "firstSeenScanId")
    SELECT uid, slot, active, lr::timestamp, lu::timestamp, lus, lur, ${scanId}
    FROM unnest(
      ${rows.map((k) => k.userId)}::int[], ${rows.map((k) => k.slot)}::int[], ${rows.map((k) => k.active)}::boolean[],
      ${rows.map((k) => k.lastRotated)}::text[], ${rows.map((k) => k.lastUsed)}::text[], ${rows.map((k) => k.lastUsedService)}::text[],
      ${rows.map((k) => k.lastUsedRegion)}::text[]
    ) AS t(uid, slot, active, lr, lu, lus, lur)`;
}

export async function insertEvents(db: Db, scanId: number, events: readonly ChangeDraft[]): Promise<void> {
  if (events.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "ChangeEvent" ("scanId", "kind", "accountId", "roleArn", "principal", "vendorName", "externalAccountId", "party", "summary", "before", "after")
    SELECT ${scanId}, k, a, r, p, v, e, pa, s, b::jsonb, af::jsonb
    FROM unnest(
      ${events.map((e) => e.kind)}::text[], ${events.map((e) => e.accountId)}::text[], ${events.map((e) => e.roleArn ?? null)}::text[],
      ${events.map((e) => e.principal ?? null)}::text[], ${events.map((e) => e.vendorName ?? null)}::text[], ${events.map((e) => e.externalAccountId ?? null)}::text[],
      ${events.map((e) => e.party ?? null)}::text[], ${events.map((e) => e.summary)}::text[], ${events.map((e) => json(e.before))}::text[], ${events.map((e) => json(e.after))}::text[]
    ) AS t(k, a, r, p, v, e, pa, s, b, af)`;
}

/** Keeps the newest raw export of an account; rewrites it only when its content changed. */
export async function upsertRawExport(
  db: Db,
  accountId: string,
  scanId: number,
  raw: { gzip: Uint8Array; sha256: string; credentialReport: Uint8Array | null; resources?: Uint8Array | null },
): Promise<void> {
  const hex = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex"));
  await db.$executeRaw`
    INSERT INTO "RawExport" ("accountId", "scanId", "capturedAt", "sha256", "authorizationDetails", "credentialReport", "resources")
    VALUES (${accountId}, ${scanId}, ${new Date().toISOString()}::timestamp, ${raw.sha256}, decode(${hex(raw.gzip)}, 'hex'), decode(${hex(raw.credentialReport)}, 'hex'), decode(${hex(raw.resources ?? null)}, 'hex'))
    ON CONFLICT ("accountId") DO UPDATE SET "scanId" = excluded."scanId", "capturedAt" = excluded."capturedAt", "sha256" = excluded."sha256",
      "authorizationDetails" = excluded."authorizationDetails", "credentialReport" = excluded."credentialReport", "resources" = excluded."resources"
    WHERE "RawExport"."sha256" <> excluded."sha256"`;
}
