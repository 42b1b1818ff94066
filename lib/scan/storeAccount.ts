import type { AccountAnalysis } from "../analysis/accountAnalyzer";
import { CredentialReportError, parseCredentialReport, type CredentialReport } from "../analysis/credentialReport";
import type { AccountMeta } from "../db/scanTypes";
import type { ScanWriter } from "../db/scanWriter";
import { accountInventory } from "../inventory/accountInventory";
import type { ResourceGrants } from "../analysis/resources/resourceExport";

/** Turns one analyzed account into inventory rows and saves it in the scan. */
export async function storeAccount(
  session: Pick<ScanWriter, "saveAccount">,
  result: AccountAnalysis,
  credentialReport: CredentialReport | null,
  meta: Omit<AccountMeta, "roles" | "users">,
  /** Null when the account's resources were not read (its stored grants stay). */
  resources: ResourceGrants | null = null,
): Promise<{ changes: number; trusts: number }> {
  const inventory = accountInventory(result, credentialReport, resources?.records ?? null, resources?.unread);
  const warnings = [...(meta.warnings ?? []), ...result.errors.map((e) => `${e.source}: ${e.message}`)];
  const { changes } = await session.saveAccount(inventory, { ...meta, roles: result.roles, users: result.users, warnings });
  return { changes, trusts: inventory.trusts.length };
}

/** A credential report's text read leniently: a broken one is a warning, not a failed account. */
export function parseCredentialReportLeniently(text: string | null, warnings: string[]): CredentialReport | null {
  if (text === null) return null;
  try {
    return parseCredentialReport(text);
  } catch (error) {
    if (!(error instanceof CredentialReportError)) throw error;
    warnings.push(`credential report: ${error.message}`);
    return null;
  }
}
