/**
 * The unit of work of a live scan: read one account through the SDK, analyze it and save it —
 * or record why it could not be read. The same for the scanning process and queue workers.
 */
import type { AccountAnalyzer } from "../../analysis/accountAnalyzer";
import { readAuthorizationDetails } from "../../analysis/authorizationDetails";
import type { TrustContext } from "../../analysis/trustRecord";
import { readAccount } from "../../aws/accountReader";
import { describeAwsError } from "../../aws/awsErrors";
import { CallCounter, iamClient, stsClient, type AwsSettings } from "../../aws/clients";
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
  const calls = new CallCounter();
  try {
    const provider = ctx.credentials.forAccount(accountId, stsClient(ctx.aws, undefined, calls));
    const read = await readAccount(iamClient(ctx.aws, provider ?? undefined, calls));
    const warnings = read.credentialReportError ? [`credential report: ${read.credentialReportError}`] : [];
    const result = ctx.analyzer.analyzeAccount(readAuthorizationDetails(read.authorizationDetails, accountId), ctx.trust);
    const report = parseCredentialReportLeniently(read.credentialReport, warnings);
    const rawExport = await packExport(read.authorizationDetails, read.credentialReport);
    const meta = { startedAt, durationMs: Date.now() - startedAt.getTime(), apiCalls: calls.count, rawExport, warnings };
    const saved = await ctx.writes.run(() => storeAccount(ctx.writer, result, report, meta));
    return { outcome: "ok", detail: `${result.roles} roles, ${saved.trusts} trusts, ${saved.changes} changes` };
  } catch (error) {
    if (error instanceof ScanStoppedError) throw error;
    const message = describeAwsError(error);
    if (!options.recordFailure) throw new RetryableAccountError(message);
    await ctx.writes.run(() => ctx.writer.failAccount(accountId, message, { startedAt, durationMs: Date.now() - startedAt.getTime(), apiCalls: calls.count }));
    return { outcome: "failed", detail: message };
  }
}
