/** The inventory as CSV: one row per vendor × account × role (× principal), with findings and risk. */
import type { InventoryDocument } from "../analysis/analysisRecords";
import { toCsv } from "./csv";

export const INVENTORY_CSV_COLUMNS = [
  "vendor",
  "external_account_id",
  "account_id",
  "role_name",
  "role_arn",
  "principal",
  "principal_kind",
  "internal",
  "external_id",
  "risk",
  "findings",
  "admin",
  "access_levels",
  "privilege_escalation",
  "last_used",
] as const;

export function inventoryCsv(inventory: InventoryDocument): string {
  return toCsv(
    INVENTORY_CSV_COLUMNS,
    inventory.trusts.map((t) => [
      t.vendor ?? (t.awsService ? `AWS (${t.awsService})` : ""),
      t.externalAccountId,
      t.accountId,
      t.roleName,
      t.roleArn,
      t.principal,
      t.principalKind,
      t.internal,
      t.externalId,
      t.risk,
      t.findings.join(" "),
      t.permissions.admin,
      t.permissions.accessLevels.join(" "),
      t.permissions.privilegeEscalation.join(" "),
      t.lastUsed,
    ]),
  );
}
