/** What the history diffs share: stored rows, the changes to them, and who holds an access in words. */
import type { TrustRow } from "../inventory/accountInventory";

export interface Stored<T> {
  id: number;
  row: T;
}

export interface RowChanges<T> {
  insert: T[];
  update: Stored<T>[];
  /** Ids of rows that end with this scan. */
  close: number[];
}

/** Who holds an access, in a change summary. */
export function holder(t: Pick<TrustRow, "vendorName" | "externalAccountId" | "internal" | "principalKind" | "principal">): string {
  if (t.vendorName) return t.externalAccountId ? `${t.vendorName} (${t.externalAccountId})` : t.vendorName;
  if (t.internal) return `internal principal ${t.principal}`;
  if (t.principalKind === "wildcard") return "anyone (*)";
  return t.externalAccountId ? `unknown account ${t.externalAccountId}` : t.principal;
}
