/**
 * A live scan: discover the organization with the base credentials, then read every active
 * member account (bounded concurrency), analyse it and save it. An account that can't be read
 * is recorded with its error and the scan goes on.
 */
import { AccountAnalyzer } from "../analysis/accountAnalyzer";
import { readAuthorizationDetails } from "../analysis/authorizationDetails";
import { trustContext } from "../analysis/report";
import { readAccount } from "../aws/accountReader";
import { describeAwsError } from "../aws/awsErrors";
import { CallCounter, iamClient, organizationsClient, stsClient, type AwsSettings } from "../aws/clients";
import { MemberCredentials, type MemberRoleSettings } from "../aws/memberCredentials";
import { discoverOrganization } from "../aws/organizationReader";
import type { InventoryStore, ScanResult } from "../db/scanStore";
import { loadVendorDirectory } from "../db/vendorStore";
import { forEachConcurrent, WriteLimiter, type ScanProgress } from "./progress";
import { packExport } from "./rawExport";
import { readCredentialReport, storeAccount } from "./storeAccount";

export interface AwsScanOptions {
  aws: AwsSettings;
  memberRole: MemberRoleSettings;
  concurrency: number;
  trigger: string;
  startedBy?: string | null;
  /** Once aborted, no new account is started; finished ones are kept; the scan ends cancelled. */
  signal?: AbortSignal;
}

export const DEFAULT_CONCURRENCY = 16;

export async function runAwsScan(store: InventoryStore, options: AwsScanOptions, progress: ScanProgress): Promise<ScanResult> {
  const session = await store.startScan({
    trigger: options.trigger,
    source: "aws",
    startedBy: options.startedBy,
    options: { roleName: options.memberRole.roleName, externalId: options.memberRole.externalId ? "set" : "none", concurrency: options.concurrency, region: options.aws.region },
  });
  const orgCalls = new CallCounter();
  try {
    const sts = stsClient(options.aws, undefined, orgCalls);
    let org;
    try {
      org = await discoverOrganization(organizationsClient(options.aws, undefined, orgCalls), sts);
    } catch (error) {
      session.addApiCalls(orgCalls.count);
      const result = await session.finish({ error: `cannot start: ${describeAwsError(error)}` });
      progress.finished(result);
      return result;
    }
    for (const notice of org.notices) progress.notice(notice);
    await session.recordOrganization(org, org.mode === "organization");
    const vendors = await loadVendorDirectory(store.prisma);
    const ctx = trustContext(org.mode === "organization" ? { orgId: org.orgId, managementAccountId: org.managementAccountId, accounts: org.accounts } : null, org.accounts.map((a) => a.id), vendors, new Date());
    const analyzer = new AccountAnalyzer(store.catalog);
    const credentials = new MemberCredentials(options.memberRole, org.callerAccountId, org.partition);
    const accounts = org.accounts.filter((a) => a.status === null || a.status === "ACTIVE");
    await session.setTotal(accounts.length);
    progress.started(session.id, accounts.length);
    // PGlite runs one transaction at a time anyway; PostgreSQL takes a few accounts at once.
    const writes = new WriteLimiter(store.db.kind === "postgres" ? 4 : 1);

    await forEachConcurrent(
      accounts,
      options.concurrency,
      async ({ id: accountId }) => {
        const startedAt = new Date();
        const calls = new CallCounter();
        try {
          const provider = credentials.forAccount(accountId, stsClient(options.aws, undefined, calls));
          const read = await readAccount(iamClient(options.aws, provider ?? undefined, calls));
          const warnings = read.credentialReportError ? [`credential report: ${read.credentialReportError}`] : [];
          const result = analyzer.analyzeAccount(readAuthorizationDetails(read.authorizationDetails, accountId));
          const report = readCredentialReport(read.credentialReport, warnings);
          const rawExport = await packExport(read.authorizationDetails, read.credentialReport);
          const meta = { startedAt, durationMs: Date.now() - startedAt.getTime(), apiCalls: calls.count, rawExport, warnings };
          const saved = await writes.run(() => storeAccount(session, result, ctx, report, meta));
          progress.account(accountId, "ok", `${result.roles} roles, ${saved.trusts} trusts, ${saved.changes} changes`);
        } catch (error) {
          const message = describeAwsError(error);
          await writes.run(() => session.failAccount(accountId, message, { startedAt, durationMs: Date.now() - startedAt.getTime(), apiCalls: calls.count }));
          progress.account(accountId, "failed", message);
        }
      },
      () => options.signal?.aborted === true,
    );
    session.addApiCalls(orgCalls.count);
    const result = await session.finish({ cancelled: options.signal?.aborted === true });
    progress.finished(result);
    return result;
  } catch (error) {
    session.addApiCalls(orgCalls.count);
    await session.finish({ error: (error as Error).message }).catch(() => {});
    throw error;
  }
}
