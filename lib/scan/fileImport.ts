/**
 * `vendorscope scan --from PATH`: stores exported files as a scan, exactly what
 * `vendorscope analyze` accepts (exports, a list-accounts output, credential reports).
 * Only accounts whose export is in PATH are read; without a list-accounts output no account
 * is considered to have left the organization.
 */
import type { AccountResult } from "../analysis/accountAnalyzer";
import { AccountAnalyzer } from "../analysis/accountAnalyzer";
import { AnalysisRun } from "../analysis/analysisRun";
import { isAuthorizationDetails } from "../analysis/authorizationDetails";
import { trustContext } from "../analysis/report";
import { listInputFiles, readInputDocument } from "../collect/inputFiles";
import type { InventoryStore, ScanResult } from "../db/scanStore";
import { loadVendorDirectory } from "../db/vendorStore";
import type { ScanProgress } from "./progress";
import { packExport, type PackedExport } from "./rawExport";
import { storeAccount } from "./storeAccount";

export interface FileImportOptions {
  trigger: string;
  startedBy?: string | null;
  /**
   * When the files were exported, for importing an older export (or the demo's history): the
   * scan, its change events and "unused" are dated then. Must be after the last scan.
   */
  asOf?: Date;
}

export class ImportDateError extends Error {
  override name = "ImportDateError";
}

export async function importFiles(store: InventoryStore, path: string, options: FileImportOptions, progress: ScanProgress): Promise<ScanResult> {
  const files = await listInputFiles(path);
  if (options.asOf) {
    const last = await store.prisma.scan.findFirst({ where: { status: { not: "skipped" } }, orderBy: { startedAt: "desc" }, select: { startedAt: true } });
    if (options.asOf > new Date()) throw new ImportDateError("the export date is in the future");
    if (last && options.asOf <= last.startedAt) throw new ImportDateError(`the export date must be after the last scan (${last.startedAt.toISOString()}): history runs forwards`);
  }
  const session = await store.startScan({ trigger: options.trigger, source: "files", startedBy: options.startedBy, options: { path } });
  try {
    const run = new AnalysisRun(new AccountAnalyzer(store.catalog));
    const packed = new Map<string, { export: unknown; started: Date; ms: number }>();
    const results: AccountResult[] = [];
    for (const file of files) {
      const started = new Date();
      const doc = await readInputDocument(file);
      if ("error" in doc) run.addError(doc.source, doc.error);
      else if ("credentialReport" in doc) run.addCredentialReport(doc.source, doc.credentialReport);
      else if (isAuthorizationDetails(doc.value)) {
        const result = run.addExport(doc.source, doc.value);
        if (result) {
          results.push(result);
          packed.set(result.accountId, { export: doc.value, started, ms: Date.now() - started.getTime() });
        }
      } else run.add(doc.source, doc.value);
    }
    for (const error of run.errors) progress.notice(`${error.source}: ${error.message}`);
    const org = run.organization;
    const analysed = results.map((r) => r.accountId);
    const members = org ? org.accounts.map((a) => ({ ...a, ouPath: null })) : analysed.map((id) => ({ id, name: null, email: null, status: null, ouPath: null }));
    await session.recordOrganization({ orgId: org?.orgId ?? null, managementAccountId: org?.managementAccountId ?? null, accounts: members }, org !== null);
    const ctx = trustContext(org, analysed, await loadVendorDirectory(store.prisma), options.asOf ?? new Date());
    await session.setTotal(results.length);
    progress.started(session.id, results.length);
    for (const result of results) {
      const { export: raw, started, ms } = packed.get(result.accountId)!;
      packed.delete(result.accountId);
      const reportText = run.credentialReportTexts.get(result.accountId) ?? null;
      const rawExport: PackedExport = await packExport(raw, reportText);
      const saved = await storeAccount(session, result, ctx, run.credentialReports.get(result.accountId) ?? null, { startedAt: started, durationMs: ms, apiCalls: 0, rawExport });
      progress.account(result.accountId, "ok", `${result.roles} roles, ${saved.trusts} trusts, ${saved.changes} changes`);
    }
    const failure = results.length === 0 ? `no account export could be read from ${path}` : undefined;
    const result = await session.finish({ error: failure, warnings: run.errors.map((e) => `${e.source}: ${e.message}`) });
    if (options.asOf) await backdate(store, result.id, options.asOf, result.durationMs);
    progress.finished(result);
    return result;
  } catch (error) {
    await session.finish({ error: (error as Error).message }).catch(() => {});
    throw error;
  }
}

/** Dates an imported scan, and what it changed, when its files were exported. */
async function backdate(store: InventoryStore, scanId: number, asOf: Date, durationMs: number): Promise<void> {
  const finishedAt = new Date(asOf.getTime() + durationMs);
  await store.prisma.$transaction([
    store.prisma.scan.update({ where: { id: scanId }, data: { startedAt: asOf, finishedAt, heartbeatAt: finishedAt } }),
    store.prisma.changeEvent.updateMany({ where: { scanId }, data: { createdAt: asOf } }),
    store.prisma.scanAccount.updateMany({ where: { scanId }, data: { startedAt: asOf } }),
  ]);
}
