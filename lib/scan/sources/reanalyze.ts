/**
 * `vendorscope reanalyze`: runs the analysis again over each account's latest stored raw
 * export — after the vendor list, the user's mappings or the rules changed — and stores the
 * outcome as a scan, without calling AWS.
 */
import { AccountAnalyzer } from "../../analysis/accountAnalyzer";
import { isAuthorizationDetails, readAuthorizationDetails } from "../../analysis/authorizationDetails";
import { trustContext, type TrustContext } from "../../analysis/trustRecord";
import { Guardrails } from "../../analysis/guardrails/guardrails";
import { loadGuardrails } from "../../db/guardrailStore";
import type { InventoryStore } from "../../db/inventoryStore";
import type { ScanResult } from "../../db/scanTypes";
import { loadVendorDirectory } from "../../db/vendorStore";
import { endAfterError, finishScan } from "../finishScan";
import type { ScanProgress } from "../progress";
import { unpackExport } from "../../db/rawExport";
import { analyzeResourceExport, isResourceExport, ResourceExportError, resourceGrants, type ResourceGrants } from "../../analysis/resources/resourceExport";
import { parseCredentialReportLeniently, storeAccount } from "../storeAccount";

export interface ReanalyzeOptions {
  trigger: string;
  startedBy?: string | null;
  /** Only these accounts (e.g. those a newly named vendor has access to); default all. */
  accounts?: readonly string[];
  /**
   * An attribution pass (lib/history/attribution.ts): names changed, nothing was read. With
   * `namedBy`, its renames say who named the party.
   */
  attribution?: { namedBy?: string | null };
}

export async function reanalyze(store: InventoryStore, options: ReanalyzeOptions, progress: ScanProgress): Promise<ScanResult> {
  const db = store.prisma;
  const session = await store.startScan({ trigger: options.trigger, source: options.attribution ? "attribution" : "stored", startedBy: options.startedBy, options: options.accounts ? { accounts: [...options.accounts] } : {} });
  try {
    const members = await db.account.findMany({ where: { removedScanId: null }, select: { id: true, name: true, email: true, status: true, ouPath: true } });
    const org = await db.organization.findFirst({ where: { id: { startsWith: "o-" } } });
    const wanted = options.accounts ? members.filter((m) => options.accounts!.includes(m.id)) : members;
    const exports = await db.rawExport.findMany({ where: { accountId: { in: wanted.map((m) => m.id) } }, select: { accountId: true }, orderBy: { accountId: "asc" } });
    const organization = org ? { orgId: org.id, managementAccountId: org.managementAccountId, accounts: members } : null;
    const analyzer = new AccountAnalyzer(store.catalog);
    const stored = await loadGuardrails(db);
    const guardrails = stored ? new Guardrails(stored.input, { orgId: org?.id ?? null, managementAccountId: org?.managementAccountId ?? null }, analyzer.risk) : null;
    guardrails?.place(exports.map((e) => e.accountId));
    for (const problem of guardrails?.problems ?? []) session.notice(`${problem.source}: ${problem.message}`);
    const ctx = trustContext(organization, members.map((m) => m.id), await loadVendorDirectory(db), new Date(), guardrails);
    await session.setTotal(exports.length);
    progress.started(session.id, exports.length);
    for (const { accountId } of exports) {
      const startedAt = new Date();
      const row = await db.rawExport.findUniqueOrThrow({ where: { accountId } });
      const raw = await unpackExport(row);
      if (!isAuthorizationDetails(raw.authorizationDetails)) {
        await session.failAccount(accountId, "the stored export is not an authorization-details export", { startedAt, durationMs: 0, apiCalls: 0 });
        progress.account(accountId, "failed", "stored export unreadable");
        continue;
      }
      const warnings: string[] = [];
      const result = analyzer.analyzeAccount(readAuthorizationDetails(raw.authorizationDetails, accountId), ctx);
      const report = parseCredentialReportLeniently(raw.credentialReport, warnings);
      const resources = storedResourceGrants(raw.resources, analyzer, ctx, warnings);
      const saved = await storeAccount(session, result, report, { startedAt, durationMs: Date.now() - startedAt.getTime(), apiCalls: 0, warnings, fromStoredExport: true }, resources);
      progress.account(accountId, "ok", `${result.roles} roles, ${saved.trusts} trusts, ${saved.changes} changes`);
    }
    return await finishScan(session, progress, { error: exports.length === 0 ? "no stored export to re-analyse: run a scan first" : undefined, namedBy: options.attribution?.namedBy });
  } catch (error) {
    return await endAfterError(session, error, progress, { rethrowStopped: true });
  }
}

/** The stored resource export analysed again; null (grants kept as they are) when none was stored. */
function storedResourceGrants(raw: unknown, analyzer: AccountAnalyzer, ctx: TrustContext, warnings: string[]): ResourceGrants | null {
  if (raw === null || !isResourceExport(raw)) return null;
  try {
    const analysis = analyzeResourceExport(raw, analyzer.risk);
    warnings.push(...analysis.errors.map((e) => `resources: ${e}`));
    return resourceGrants(analysis, ctx);
  } catch (error) {
    if (!(error instanceof ResourceExportError)) throw error;
    warnings.push(`resources: ${error.message}`);
    return null;
  }
}
