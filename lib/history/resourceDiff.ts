/**
 * What changed in one account's resource grants since the last scan that read its resources:
 * grants gained, removed, or changed in what they allow or how risky they are. Pure.
 */
import type { ResourceRow } from "../inventory/accountInventory";
import { resourceFindingTitle } from "../analysis/resources/resourceFindings";
import { holder, type RowChanges, type Stored } from "./storedRows";
import { CHANGE, type ChangeDraft } from "./changeKinds";
import { sameJson } from "./sameJson";

/** One grant per (resource, principal). */
export function resourceKey(r: Pick<ResourceRow, "service" | "resourceArn" | "principal">): string {
  return `${r.service}\u0000${r.resourceArn}\u0000${r.principal.toLowerCase()}`;
}

export function diffResources(accountId: string, current: readonly Stored<ResourceRow>[], next: readonly ResourceRow[], events: ChangeDraft[]): RowChanges<ResourceRow> {
  const fresh = new Map(next.map((row) => [resourceKey(row), row]));
  const changes: RowChanges<ResourceRow> = { insert: [], update: [], close: [] };
  for (const stored of current) {
    const key = resourceKey(stored.row);
    const row = fresh.get(key);
    fresh.delete(key);
    if (!row) {
      changes.close.push(stored.id);
      events.push({ kind: CHANGE.RESOURCE_REVOKED, ...about(accountId, stored.row), summary: `${holder(stored.row)} can no longer use ${label(stored.row)}`, before: stored.row });
    } else if (!sameJson(stored.row, row)) {
      changes.update.push({ id: stored.id, row });
      if (meaningfulChange(stored.row, row)) {
        events.push({ kind: CHANGE.RESOURCE_GRANT_CHANGED, ...about(accountId, row), summary: changeSummary(stored.row, row), before: stored.row, after: row });
      }
    }
  }
  changes.insert = [...fresh.values()];
  for (const row of changes.insert) {
    events.push({ kind: CHANGE.RESOURCE_GRANTED, ...about(accountId, row), summary: `${holder(row)} can now use ${label(row)} (${row.risk})`, after: row });
  }
  return changes;
}

function about(accountId: string, r: ResourceRow) {
  return { accountId, roleArn: r.resourceArn, principal: r.principal, vendorName: r.vendorName, externalAccountId: r.externalAccountId, party: r.party };
}

function label(r: ResourceRow): string {
  return `${r.service} ${r.resourceArn}`;
}

/** What a reviewer cares about: actions, findings, risk, conditions (not a region's spelling). */
function meaningfulChange(a: ResourceRow, b: ResourceRow): boolean {
  return !sameJson(a.actions, b.actions) || !sameJson(a.findings, b.findings) || a.risk !== b.risk || !sameJson(a.conditions, b.conditions);
}

function changeSummary(before: ResourceRow, after: ResourceRow): string {
  const parts: string[] = [];
  const added = after.actions.filter((a) => !before.actions.includes(a));
  const removed = before.actions.filter((a) => !after.actions.includes(a));
  if (added.length) parts.push(`now also ${added.slice(0, 3).join(", ")}${added.length > 3 ? ` and ${added.length - 3} more` : ""}`);
  if (removed.length) parts.push(`no longer ${removed.slice(0, 3).join(", ")}${removed.length > 3 ? ` and ${removed.length - 3} more` : ""}`);
  const raised = after.findings.filter((f) => !before.findings.includes(f));
  if (raised.length) parts.push(raised.map(resourceFindingTitle).join(", ").toLowerCase());
  if (before.risk !== after.risk) parts.push(`risk ${before.risk} → ${after.risk}`);
  if (!parts.length) parts.push("its conditions changed");
  return `${holder(after)} on ${label(after)}: ${parts.join("; ")}`;
}
