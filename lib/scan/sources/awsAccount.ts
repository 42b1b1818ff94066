/**
 * The unit of work of a live scan: read one account through the SDK, analyze it and save it —
 * or record why it could not be read. The same for the scanning process and queue workers.
 */
import type { AccountAnalyzer } from "../../analysis/accountAnalyzer";
import { readAuthorizationDetails } from "../../analysis/authorizationDetails";
import type { TrustContext } from "../../analysis/trustRecord";
import { readAccount } from "../../aws/accountReader";
import { describeAwsError } from "../../aws/awsErrors";
import { iamClient, ServiceCallCounter, stsClient, type AwsSettings } from "../../aws/clients";
import { readResources, type ResourceReadThreads } from "../../aws/resources/readerThreads";
import type { AnalyzerFinding, AnalyzerGap } from "../../aws/resources/accessAnalyzer";
import { analyzeResourceExport, resourceGrants, type ResourceGrants } from "../../analysis/resources/resourceExport";
import type { MemberCredentials } from "../../aws/memberCredentials";
import { ScanStoppedError } from "../../db/scanLiveness";
import type { ScanWriter } from "../../db/scanWriter";
import type { WriteLimiter } from "../progress";
import { packExport } from "../../db/rawExport";
import { parseCredentialReportLeniently, storeAccount } from "../storeAccount";

export interface AccountScanContext {
  aws: AwsSettings;
  credentials: MemberCredentials;
  analyzer: AccountAnalyzer;
  trust: TrustContext;
  writer: ScanWriter;
  writes: WriteLimiter;
  resources: ResourceScanSettings;
  /** Null when no organization analyzer was read (IAM only, or not an organization). */
  accessAnalyzer: AnalyzerFindingsForScan | null;
  /** Threads that read resources beside the scanning thread; absent or null: read on it. */
  resourceThreads?: ResourceReadThreads | null;
}

/** What the organization's Access Analyzers reported, by resource owner account, and the regions where they could not be read or cover nothing. */
export interface AnalyzerFindingsForScan {
  findings: Record<string, AnalyzerFinding[]>;
  unread: AnalyzerGap[];
  /** Absent in scans stored before it was kept. */
  uncovered?: AnalyzerGap[];
}

/** Whether a scan reads resource policies and shares, and in which regions (null: each account's enabled ones). */
export interface ResourceScanSettings {
  enabled: boolean;
  regions: string[] | null;
}

export interface AccountOutcome {
  outcome: "ok" | "failed";
  detail: string;
}

/** A failure to be retried by the queue rather than recorded now. */
export class RetryableAccountError extends Error {
  override name = "RetryableAccountError";
}

/**
 * Reads, analyzes and saves one account. A failure is recorded against the account — unless
 * `recordFailure` is false, when it is thrown as RetryableAccountError for the queue to retry.
 * A scan that must stop (ScanStoppedError) is not the account's failure: it is thrown as is.
 */
export async function scanAccount(ctx: AccountScanContext, accountId: string, options: { recordFailure: boolean } = { recordFailure: true }): Promise<AccountOutcome> {
  const startedAt = new Date();
  const calls = new ServiceCallCounter();
  try {
    const provider = ctx.credentials.forAccount(accountId, stsClient(ctx.aws, undefined, calls.counter("sts")));
    const read = await readAccount(iamClient(ctx.aws, provider ?? undefined, calls.counter("iam")));
    const warnings = read.credentialReportError ? [`credential report: ${read.credentialReportError}`] : [];
    const result = ctx.analyzer.analyzeAccount(readAuthorizationDetails(read.authorizationDetails, accountId), ctx.trust);
    const report = parseCredentialReportLeniently(read.credentialReport, warnings);
    let resourceExport: unknown = null;
    let grants: ResourceGrants | null = null;
    if (ctx.resources.enabled) {
      const resources = await readResources(ctx.resourceThreads, { accountId, partition: ctx.credentials.partition, aws: ctx.aws, credentials: provider ?? undefined, calls, regions: ctx.resources.regions, accessAnalyzer: ctx.accessAnalyzer && { findings: ctx.accessAnalyzer.findings[accountId] ?? [], unread: ctx.accessAnalyzer.unread, uncovered: ctx.accessAnalyzer.uncovered ?? [] } });
      warnings.push(...resources.warnings);
      resourceExport = resources.document;
      const analysis = analyzeResourceExport(resources.document as unknown as Record<string, unknown>, ctx.analyzer.risk);
      warnings.push(...analysis.errors.map((e) => `resources: ${e}`));
      grants = resourceGrants(analysis, ctx.trust);
    }
    const rawExport = await packExport(read.authorizationDetails, read.credentialReport, resourceExport);
    const meta = { startedAt, durationMs: Date.now() - startedAt.getTime(), apiCalls: calls.total, apiCallsByService: calls.toRecord(), rawExport, warnings };
    const saved = await ctx.writes.run(() => storeAccount(ctx.writer, result, report, meta, grants));
    const resourceNote = grants ? `, ${grants.records.length} resource grants` : "";
    return { outcome: "ok", detail: `${result.roles} roles, ${saved.trusts} trusts${resourceNote}, ${saved.changes} changes; API calls ${callList(meta.apiCallsByService)}` };
  } catch (error) {
    if (error instanceof ScanStoppedError) throw error;
    const message = describeAwsError(error);
    if (!options.recordFailure) throw new RetryableAccountError(message);
    await ctx.writes.run(() => ctx.writer.failAccount(accountId, message, { startedAt, durationMs: Date.now() - startedAt.getTime(), apiCalls: calls.total, apiCallsByService: calls.toRecord() }));
    return { outcome: "failed", detail: message };
  }
}

/** "iam 4, s3 12, sts 1": calls by service, as the scan summary prints them. */
export function callList(byService: Record<string, number>): string {
  return Object.entries(byService).map(([service, n]) => `${service} ${n}`).join(", ") || "none";
}
