/**
 * Every dashboard table as CSV, with the filters the page has (all matching rows, not only
 * the page on screen). Cells go through toCsv, which neutralises spreadsheet formulas.
 */
import type { ActionCatalog } from "../analysis/actionCatalog";
import type { Db } from "../db/types";
import { toCsv } from "../export/csv";
import { listAccounts } from "../queries/accounts";
import { searchActions } from "../queries/actionSearch";
import { accountFilters, actionSearchInput, resourceFilters, trustFilters, userFilters, vendorFilters } from "../queries/filters";
import type { SearchParams } from "../queries/params";
import { listScans } from "../queries/scans";
import { listTrusts } from "../queries/trusts";
import { listResources, type ResourceListRow } from "../queries/resources";
import { listUsersWithKeys } from "../queries/users";
import type { VendorDetail } from "../queries/vendorDetail";
import { scanChanges } from "../queries/scanChanges";
import { listVendors } from "../queries/vendors";
import { resourceInWords, trustInWords } from "./vendorReview";

const ALL = 1_000_000;
const iso = (d: Date | null) => d?.toISOString() ?? "";

export async function vendorsCsv(db: Db, params: SearchParams, only?: { kind: "account" }): Promise<string> {
  const { rows } = await listVendors(db, { ...vendorFilters(params), ...only, page: 1, pageSize: ALL });
  return toCsv(
    ["vendor", "source", "risk", "our_accounts", "trusts", "roles", "headline_findings", "their_accounts", "first_seen", "resources"],
    rows.map((v) => [v.name, v.source, v.risk, v.accounts, v.trusts, v.roles, v.findings.join(" "), v.externalAccounts.join(" "), iso(v.firstSeen), v.resources]),
  );
}

export async function trustsCsv(db: Db, params: SearchParams): Promise<string> {
  const { rows } = await listTrusts(db, { ...trustFilters(params), page: 1, pageSize: ALL });
  return toCsv(
    ["vendor", "account_id", "account_name", "role", "role_arn", "principal", "internal", "external_id", "risk", "findings", "last_used", "first_seen"],
    rows.map((t) => [t.partyName, t.accountId, t.accountName, t.roleName, t.roleArn, t.principal, t.internal, t.externalId, t.risk, t.findings.join(" "), iso(t.lastUsed), iso(t.firstSeen)]),
  );
}

export async function resourcesCsv(db: Db, params: SearchParams): Promise<string> {
  const { rows } = await listResources(db, { ...resourceFilters(params), page: 1, pageSize: ALL });
  return toCsv(
    ["vendor", "account_id", "account_name", "region", "service", "resource_arn", "principal", "internal", "actions", "access_levels", "risk", "findings", "source", "first_seen"],
    rows.map((r) => [r.partyName, r.accountId, r.accountName, r.region, r.service, r.resourceArn, r.principal, r.internal, r.actions.join(" "), r.accessLevels.join(" "), r.risk, r.findings.join(" "), r.source, iso(r.firstSeen)]),
  );
}

export async function accountsCsv(db: Db, params: SearchParams): Promise<string> {
  const { rows } = await listAccounts(db, { ...accountFilters(params), page: 1, pageSize: ALL });
  return toCsv(
    ["account_id", "name", "ou_path", "vendors", "third_party_trusts", "worst_risk", "data_as_of", "stale_since", "last_error"],
    rows.map((a) => [a.id, a.name, a.ouPath, a.vendors, a.trusts, a.risk, iso(a.lastSuccessAt), iso(a.staleSince), a.lastError]),
  );
}

export async function usersCsv(db: Db, params: SearchParams, now = new Date()): Promise<string> {
  const { rows } = await listUsersWithKeys(db, { ...userFilters(params), page: 1, pageSize: ALL, now });
  return toCsv(
    ["user", "arn", "account_id", "vendor", "attributed_by", "key_slot", "key_age_days", "last_used", "last_used_service"],
    rows.flatMap((u) =>
      u.keys.map((k) => [u.name, u.arn, u.accountId, u.vendor, u.attributedBy, k.slot, k.lastRotated ? Math.floor((now.getTime() - k.lastRotated.getTime()) / 86_400_000) : null, iso(k.lastUsed), k.lastUsedService]),
    ),
  );
}

export async function scansCsv(db: Db): Promise<string> {
  const { rows } = await listScans(db, 1, ALL);
  return toCsv(
    ["scan", "status", "trigger", "source", "started_by", "started_at", "finished_at", "accounts_ok", "accounts_failed", "api_calls", "changes", "error"],
    rows.map((s) => [s.id, s.status, s.trigger, s.source, s.startedBy, iso(s.startedAt), iso(s.finishedAt), s.accountsOk, s.accountsFailed, s.apiCalls, s.changes, s.error]),
  );
}

export async function actionSearchCsv(db: Db, catalog: ActionCatalog, params: SearchParams): Promise<string> {
  const input = actionSearchInput(params);
  const result = input ? await searchActions(db, catalog, { ...input, page: 1, pageSize: ALL }) : null;
  return toCsv(
    ["vendor", "account_id", "role", "principal", "risk", "matching_actions", "example_actions", "granted_by", "findings"],
    (result?.rows ?? []).map((r) => [
      r.partyName,
      r.accountId,
      r.roleName,
      r.principal,
      r.risk,
      r.actionCount,
      r.actions.join(" "),
      r.grantedBy.map((g) => `${g.policy}#${g.statement}`).join(" "),
      r.findings.join(" "),
    ]),
  );
}

/** One vendor's access, for its review. */
/**
 * The review pack's CSV: one row per trust, then one per resource grant (`kind` says which; a
 * resource grant's `role` column holds the resource's ARN).
 */
export function vendorTrustsCsv(vendor: VendorDetail, resources: readonly ResourceListRow[] = []): string {
  return toCsv(
    ["vendor", "account_id", "account_name", "role", "principal", "how", "external_id", "risk", "findings", "last_used", "first_seen", "kind"],
    [
      ...vendor.trusts.map((t) => [vendor.name, t.accountId, t.accountName, t.roleName, t.principal, trustInWords(t), t.externalId, t.risk, t.findings.join(" "), iso(t.lastUsed), iso(t.firstSeen), "trust"]),
      ...resources.map((r) => [vendor.name, r.accountId, r.accountName, r.resourceArn, r.principal, resourceInWords(r), null, r.risk, r.findings.join(" "), null, iso(r.firstSeen), "resource"]),
    ],
  );
}

/** A scan's changes (optionally one kind), as on the scan page: the most alarming first, internal ones only when asked. */
export async function scanChangesCsv(db: Db, scanId: number, kind?: string, internal = false): Promise<string> {
  const { events } = await scanChanges(db, scanId, { kind, internal, page: 1, pageSize: ALL });
  return toCsv(
    ["scan", "at", "kind", "account_id", "role_arn", "party", "summary", "meaning"],
    events.map((e) => [scanId, iso(e.createdAt), e.kind, e.accountId, e.roleArn, e.party, e.summary, e.meaning.label]),
  );
}
