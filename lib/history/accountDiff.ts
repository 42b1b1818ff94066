/**
 * What changed in one completely read account since the last scan: which inventory rows to
 * insert, update in place or close, and the change events to record. Pure — the store loads
 * the current rows, calls this, and writes the result in one transaction.
 */
import { FINDING, findingRule, type FindingCode } from "../analysis/findings";
import type { AccountInventory, KeyRow, ResourceRow, RoleRow, TrustRow, UserRow } from "../inventory/accountInventory";
import { inUnreadScope } from "../analysis/resources/resourceExport";
import { diffResources, resourceKey } from "./resourceDiff";
import { holder, type RowChanges, type Stored } from "./storedRows";
import { CHANGE, type ChangeDraft } from "./changeKinds";
import { sameJson } from "./sameJson";

export type { RowChanges, Stored } from "./storedRows";

export type UserFields = Omit<UserRow, "keys">;
export type StoredKey = Stored<KeyRow> & { userArn: string };

export interface CurrentInventory {
  roles: Stored<RoleRow>[];
  trusts: Stored<TrustRow>[];
  resources: Stored<ResourceRow>[];
  users: Stored<UserFields>[];
  keys: StoredKey[];
}


export interface AccountDiff {
  roles: RowChanges<RoleRow>;
  trusts: RowChanges<TrustRow>;
  resources: RowChanges<ResourceRow>;
  users: RowChanges<UserFields>;
  keys: RowChanges<KeyRow & { userArn: string }>;
  events: ChangeDraft[];
}

/** The action names a permission set grants, by fingerprint (needed only where a role's changed). */
export type ActionsOf = (fingerprint: string) => ReadonlySet<string>;

export function diffAccount(current: CurrentInventory, next: AccountInventory, actionsOf: ActionsOf): AccountDiff {
  const events: ChangeDraft[] = [];
  const accountId = next.accountId;
  const roles = diffRows(current.roles, next.roles, (r) => r.arn, sameRole);
  const nextTrusts = new Map(next.trusts.map((t) => [trustKey(t), t]));
  const trusts: RowChanges<TrustRow> = { insert: [], update: [], close: [] };
  const closed: Stored<TrustRow>[] = [];
  for (const stored of current.trusts) {
    const fresh = nextTrusts.get(trustKey(stored.row));
    nextTrusts.delete(trustKey(stored.row));
    if (!fresh) {
      trusts.close.push(stored.id);
      closed.push(stored);
      continue;
    }
    events.push(...trustChanges(accountId, stored.row, fresh));
    if (!sameTrust(stored.row, fresh)) trusts.update.push({ id: stored.id, row: fresh });
  }
  trusts.insert = [...nextTrusts.values()];
  events.push(...addedAndRemoved(accountId, closed.map((s) => s.row), trusts.insert));

  const oldFingerprints = new Map(current.roles.map((r) => [r.row.arn, r.row.fingerprint]));
  for (const role of next.roles) {
    const before = oldFingerprints.get(role.arn);
    if (before === undefined || before === role.fingerprint) continue;
    const onRole = next.trusts.filter((t) => t.roleArn === role.arn && current.trusts.some((s) => trustKey(s.row) === trustKey(t)));
    events.push(...permissionChanges(accountId, role, onRole, actionsOf(before), actionsOf(role.fingerprint)));
  }

  const users = diffRows(current.users, next.users.map(userFields), (u) => u.arn, sameJsonRow);
  const keys = next.keysKnown ? diffKeys(accountId, current, next, events) : { insert: [], update: [], close: [] };
  if (!next.keysKnown) {
    // Without a credential report keys are unknown: keep them, but close those of deleted users.
    const gone = new Set(users.close.map((id) => current.users.find((u) => u.id === id)!.row.arn));
    for (const key of current.keys) if (gone.has(key.userArn)) keys.close.push(key.id);
  }
  const resources = next.resources === null ? { insert: [], update: [], close: [] } : diffResources(accountId, current.resources, withUnreadKept(current.resources, next), events);
  return { roles, trusts, resources, users, keys, events };
}

/** The grants read, plus the stored ones in the scopes the scan could not read (kept as they were). */
function withUnreadKept(stored: readonly Stored<ResourceRow>[], next: AccountInventory): ResourceRow[] {
  const read = next.resources ?? [];
  if (next.unreadResources.length === 0) return read;
  const seen = new Set(read.map(resourceKey));
  const kept = stored.filter((s) => inUnreadScope(s.row, next.unreadResources) && !seen.has(resourceKey(s.row))).map((s) => s.row);
  return [...read, ...kept];
}

function diffRows<T>(current: Stored<T>[], next: T[], key: (row: T) => string, same: (a: T, b: T) => boolean): RowChanges<T> {
  const fresh = new Map(next.map((row) => [key(row), row]));
  const changes: RowChanges<T> = { insert: [], update: [], close: [] };
  for (const stored of current) {
    const row = fresh.get(key(stored.row));
    fresh.delete(key(stored.row));
    if (!row) changes.close.push(stored.id);
    else if (!same(stored.row, row)) changes.update.push({ id: stored.id, row });
  }
  changes.insert = [...fresh.values()];
  return changes;
}

export function trustKey(t: Pick<TrustRow, "roleArn" | "principal">): string {
  return `${t.roleArn}\u0000${t.principal}`;
}

function sameRole(a: RoleRow, b: RoleRow): boolean {
  return (
    a.name === b.name &&
    a.path === b.path &&
    a.roleId === b.roleId &&
    a.createDate === b.createDate &&
    a.lastUsed === b.lastUsed &&
    a.lastUsedRegion === b.lastUsedRegion &&
    a.lastUsedKnown === b.lastUsedKnown &&
    a.fingerprint === b.fingerprint &&
    sameJson(a.trustPolicy, b.trustPolicy)
  );
}

function sameTrust(a: TrustRow, b: TrustRow): boolean {
  return sameJson(a, b);
}

function sameJsonRow<T>(a: T, b: T): boolean {
  return sameJson(a, b);
}

function userFields(user: UserRow): UserFields {
  const { keys: _keys, ...fields } = user;
  return fields;
}

/** Who holds a trust, in words: the vendor, else the account or principal. */

function roleLabel(accountId: string, roleArn: string): string {
  return `${accountId}/${roleArn.slice(roleArn.indexOf(":role/") + 6)}`;
}

function about(accountId: string, t: TrustRow) {
  return { accountId, roleArn: t.roleArn, principal: t.principal, vendorName: t.vendorName, externalAccountId: t.externalAccountId, party: t.party };
}

function findingTitle(code: string): string {
  return findingRule(code as FindingCode)?.title ?? code;
}

function trustChanges(accountId: string, before: TrustRow, after: TrustRow): ChangeDraft[] {
  const out: ChangeDraft[] = [];
  const subject = `${holder(after)} → ${roleLabel(accountId, after.roleArn)}`;
  if (before.externalId !== after.externalId) {
    out.push({ kind: CHANGE.EXTERNAL_ID_CHANGED, ...about(accountId, after), summary: `ExternalId ${before.externalId ?? "n/a"} → ${after.externalId ?? "n/a"}: ${subject}`, before: before.externalId, after: after.externalId });
  }
  if (before.vendorName !== after.vendorName || before.internal !== after.internal) {
    out.push({
      kind: CHANGE.VENDOR_CHANGED,
      ...about(accountId, after),
      summary: `Now attributed to ${holder(after)} (was ${holder(before)}): ${roleLabel(accountId, after.roleArn)}`,
      before: { vendorName: before.vendorName, internal: before.internal },
      after: { vendorName: after.vendorName, internal: after.internal },
    });
  }
  for (const code of after.findings.filter((f) => !before.findings.includes(f))) {
    out.push({ kind: CHANGE.FINDING_RAISED, ...about(accountId, after), summary: `New finding "${findingTitle(code)}": ${subject}`, after: code });
  }
  for (const code of before.findings.filter((f) => !after.findings.includes(f))) {
    out.push({ kind: CHANGE.FINDING_RESOLVED, ...about(accountId, after), summary: `Finding resolved "${findingTitle(code)}": ${subject}`, before: code });
  }
  if (before.risk !== after.risk) {
    out.push({ kind: CHANGE.RISK_CHANGED, ...about(accountId, after), summary: `Risk ${before.risk} → ${after.risk}: ${subject}`, before: before.risk, after: after.risk });
  }
  return out;
}

/**
 * Trusts that went and came on the same role for the same party (same external account, or
 * the same identity provider) are one change of principal — e.g. the account root replaced by
 * one of its roles. The rest are trusts added or removed.
 */
function addedAndRemoved(accountId: string, removed: TrustRow[], added: TrustRow[]): ChangeDraft[] {
  const out: ChangeDraft[] = [];
  const party = (t: TrustRow) => `${t.roleArn}\u0000${t.externalAccountId ?? t.provider ?? t.principalKind}`;
  const unpaired = [...added];
  for (const gone of removed) {
    const i = unpaired.findIndex((t) => party(t) === party(gone));
    if (i < 0) {
      out.push({ kind: CHANGE.TRUST_REMOVED, ...about(accountId, gone), summary: `${holder(gone)} can no longer assume ${roleLabel(accountId, gone.roleArn)}`, before: gone });
      continue;
    }
    const now = unpaired.splice(i, 1)[0]!;
    out.push({
      kind: CHANGE.PRINCIPAL_CHANGED,
      ...about(accountId, now),
      summary: `Trusted principal ${gone.principal} → ${now.principal}: ${roleLabel(accountId, now.roleArn)}`,
      before: gone,
      after: now,
    });
  }
  for (const t of unpaired) {
    out.push({ kind: CHANGE.TRUST_ADDED, ...about(accountId, t), summary: `${holder(t)} can now assume ${roleLabel(accountId, t.roleArn)} (${t.risk})`, after: t });
  }
  return out;
}

const RISKY = new Set<string>([FINDING.ADMIN_ACCESS, FINDING.PRIVILEGE_ESCALATION, FINDING.DESTRUCTIVE_ACTIONS, FINDING.COST_IMPACT, FINDING.DATA_ACCESS]);

function permissionChanges(accountId: string, role: RoleRow, trusts: TrustRow[], before: ReadonlySet<string>, after: ReadonlySet<string>): ChangeDraft[] {
  const gained = [...after].filter((a) => !before.has(a));
  const lost = [...before].filter((a) => !after.has(a));
  const out: ChangeDraft[] = [];
  for (const t of trusts) {
    const subject = `${holder(t)} → ${roleLabel(accountId, role.arn)}`;
    if (gained.length > 0) {
      out.push({
        kind: CHANGE.PERMISSIONS_WIDENED,
        ...about(accountId, t),
        summary: `Permissions widened by ${gained.length} action${gained.length === 1 ? "" : "s"}: ${subject}`,
        after: { actions: gained.slice(0, 200), count: gained.length, riskyFindings: t.findings.filter((f) => RISKY.has(f)) },
      });
    }
    if (lost.length > 0) {
      out.push({
        kind: CHANGE.PERMISSIONS_NARROWED,
        ...about(accountId, t),
        summary: `Permissions narrowed by ${lost.length} action${lost.length === 1 ? "" : "s"}: ${subject}`,
        before: { actions: lost.slice(0, 200), count: lost.length },
      });
    }
  }
  return out;
}

/** Access key slots: a new slot is a created key, another rotation date a rotated one. */
function diffKeys(accountId: string, current: CurrentInventory, next: AccountInventory, events: ChangeDraft[]): RowChanges<KeyRow & { userArn: string }> {
  const changes: RowChanges<KeyRow & { userArn: string }> = { insert: [], update: [], close: [] };
  const fresh = new Map<string, KeyRow & { userArn: string }>(next.users.flatMap((u) => u.keys.map((k) => [`${u.arn}#${k.slot}`, { ...k, userArn: u.arn }] as const)));
  const label = (userArn: string, slot: number) => `access key ${slot} of ${userArn.slice(userArn.indexOf(":user/") + 6)} in ${accountId}`;
  const event = (kind: ChangeDraft["kind"], key: KeyRow & { userArn: string }, summary: string, before?: unknown, after?: unknown): ChangeDraft => ({
    kind,
    accountId,
    principal: key.userArn,
    summary,
    before,
    after,
  });
  for (const stored of current.keys) {
    const id = `${stored.userArn}#${stored.row.slot}`;
    const key = fresh.get(id);
    fresh.delete(id);
    const old = { ...stored.row, userArn: stored.userArn };
    if (!key) {
      changes.close.push(stored.id);
      events.push(event(CHANGE.KEY_DELETED, old, `Deleted ${label(old.userArn, old.slot)}`, stored.row));
    } else if (key.lastRotated !== stored.row.lastRotated) {
      changes.close.push(stored.id);
      changes.insert.push(key);
      events.push(event(CHANGE.KEY_ROTATED, key, `Rotated ${label(key.userArn, key.slot)}`, stored.row, key));
    } else if (!sameJson(stored.row, stripUser(key))) {
      changes.update.push({ id: stored.id, row: key });
      if (key.active !== stored.row.active) {
        events.push(event(key.active ? CHANGE.KEY_ACTIVATED : CHANGE.KEY_DEACTIVATED, key, `${key.active ? "Activated" : "Deactivated"} ${label(key.userArn, key.slot)}`, stored.row, key));
      }
    }
  }
  for (const key of fresh.values()) {
    changes.insert.push(key);
    events.push(event(CHANGE.KEY_CREATED, key, `Created ${label(key.userArn, key.slot)}${key.active ? "" : " (inactive)"}`, undefined, key));
  }
  return changes;
}

function stripUser(key: KeyRow & { userArn: string }): KeyRow {
  const { userArn: _userArn, ...row } = key;
  return row;
}
