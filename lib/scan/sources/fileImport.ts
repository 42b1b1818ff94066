/**
 * `vendorscope scan --from PATH`: stores exported files as a scan, exactly what
 * `vendorscope analyze` accepts (exports, a list-accounts output, credential reports).
 * Only accounts whose export is in PATH are read; without a list-accounts output no account
 * is considered to have left the organization. A file meant as input that cannot be read
 * makes the scan partial; the account it names (by file name) is failed and kept stale.
 */
import { AccountAnalyzer, judgeTrusts, type AccountRoles } from "../../analysis/accountAnalyzer";
import { AnalysisRun } from "../../analysis/analysisRun";
import { isAuthorizationDetails } from "../../analysis/authorizationDetails";
import { resourceGrants } from "../../analysis/resources/resourceExport";
import { trustContext } from "../../analysis/trustRecord";
import { emptyGuardrailInput, isEmptyGuardrailInput } from "../../analysis/guardrails/organizationPolicies";
import { loadGuardrails, saveGuardrails } from "../../db/guardrailStore";
import { organizationRowId } from "../../db/organizationMembers";
import { accountOfFile, listInputFiles, readInputDocument, type InputError } from "../../collect/inputFiles";
import type { InventoryStore } from "../../db/inventoryStore";
import type { ScanResult } from "../../db/scanTypes";
import { loadVendorDirectory } from "../../db/vendorStore";
import { endAfterError } from "../finishScan";
import type { ScanProgress } from "../progress";
import { packExport, type PackedExport } from "../../db/rawExport";
import { storeAccount } from "../storeAccount";

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
    const results: AccountRoles[] = [];
    const broken: { error: InputError; started: Date; ms: number }[] = [];
    const resourceExports = new Map<string, unknown>();
    for (const file of files) {
      const started = new Date();
      const doc = await readInputDocument(file);
      if ("error" in doc) {
        run.addError(doc.source, doc.error);
        if (doc.broken) broken.push({ error: doc, started, ms: Date.now() - started.getTime() });
      } else if ("credentialReport" in doc) run.addCredentialReport(doc.source, doc.credentialReport);
      else if (isAuthorizationDetails(doc.value)) {
        const result = run.addExport(doc.source, doc.value);
        if (result) {
          results.push(result);
          packed.set(result.accountId, { export: doc.value, started, ms: Date.now() - started.getTime() });
        }
      } else {
        const kind = run.add(doc.source, doc.value);
        if (kind === "resources") resourceExports.set(String((doc.value as { AccountId: unknown }).AccountId), doc.value);
      }
    }
    for (const accountId of resourceExports.keys()) {
      if (!results.some((r) => r.accountId === accountId)) {
        run.addError(`resources of ${accountId}`, "a resource export without the account's authorization details export: the account is not read, so it is skipped");
      }
    }
    const org = run.organization;
    // Guardrails read with these files, else those stored from an earlier read.
    const readGuardrails = !isEmptyGuardrailInput(run.guardrailInput);
    const guardrails = run.guardrails(readGuardrails ? run.guardrailInput : ((await loadGuardrails(store.prisma))?.input ?? emptyGuardrailInput()));
    guardrails?.place(results.map((r) => r.accountId));
    for (const problem of guardrails?.problems ?? []) run.addError(problem.source, problem.message);
    for (const error of run.errors) progress.notice(`${error.source}: ${error.message}`);
    const analyzed = results.map((r) => r.accountId);
    const failed = unreadAccounts(broken, org?.accounts ?? [], new Set(analyzed));
    const members = org ? org.accounts.map((a) => ({ ...a, ouPath: null })) : analyzed.map((id) => ({ id, name: null, email: null, status: null, ouPath: null }));
    const listing = { orgId: org?.orgId ?? null, managementAccountId: org?.managementAccountId ?? null, accounts: members };
    await session.recordOrganization(listing, org !== null);
    if (readGuardrails) await saveGuardrails(store.prisma, organizationRowId(listing), session.id, run.guardrailInput);
    const ctx = trustContext(org, analyzed, await loadVendorDirectory(store.prisma), options.asOf ?? new Date(), guardrails);
    await session.setTotal(results.length + failed.size);
    progress.started(session.id, results.length + failed.size);
    for (const result of results) {
      const { export: raw, started, ms } = packed.get(result.accountId)!;
      packed.delete(result.accountId);
      const reportText = run.credentialReportTexts.get(result.accountId) ?? null;
      const resources = run.resourcesOf(result.accountId);
      const rawExport: PackedExport = await packExport(raw, reportText, resourceExports.get(result.accountId) ?? null);
      const grants = resources ? resourceGrants(resources, ctx) : null;
      const saved = await storeAccount(session, judgeTrusts(result, ctx), run.credentialReports.get(result.accountId) ?? null, { startedAt: started, durationMs: ms, apiCalls: 0, rawExport }, grants);
      progress.account(result.accountId, "ok", `${result.roles} roles, ${saved.trusts} trusts, ${saved.changes} changes`);
    }
    // As a failed live read: the account is stale and keeps its last inventory.
    for (const [accountId, { error, started, ms }] of failed) {
      const message = `${error.source}: ${error.error}`;
      await session.failAccount(accountId, message, { startedAt: started, durationMs: ms, apiCalls: 0 });
      progress.account(accountId, "failed", message);
    }
    const failure = results.length === 0 ? `no account export could be read from ${path}` : undefined;
    const result = await session.finish({ error: failure, warnings: run.errors.map((e) => `${e.source}: ${e.message}`), incomplete: broken.length > 0 });
    if (options.asOf) await backdate(store, result.id, options.asOf, result.durationMs);
    progress.finished(result);
    return result;
  } catch (error) {
    return await endAfterError(session, error, progress, { rethrowStopped: true });
  }
}

/**
 * The accounts whose export could not be read, by file name or the organization's list of
 * names; an account read from another file is not one of them.
 */
function unreadAccounts<T extends { error: InputError }>(broken: readonly T[], members: readonly { id: string; name: string | null }[], read: ReadonlySet<string>): Map<string, T> {
  const unread = new Map<string, T>();
  for (const file of broken) {
    const accountId = accountOfFile(file.error.source, members);
    if (accountId && !read.has(accountId) && !unread.has(accountId)) unread.set(accountId, file);
  }
  return unread;
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
