/**
 * The start of a live scan, whatever runs its accounts: take the scan lock, discover the
 * organization, record its members, and settle everything the account work needs. What
 * workers of a queued scan need to rebuild the same context is kept on the Scan row (never
 * a credential: the ExternalId comes from each process's own environment).
 */
import { AccountAnalyzer } from "../../analysis/accountAnalyzer";
import { trustContext, type TrustContext } from "../../analysis/trustRecord";
import { describeAwsError } from "../../aws/awsErrors";
import { DEFAULT_AWS_SETTINGS, ServiceCallCounter, organizationsClient, stsClient, type AwsSettings } from "../../aws/clients";
import { MemberCredentials, type MemberRoleSettings } from "../../aws/memberCredentials";
import { discoverOrganization } from "../../aws/organizationReader";
import { readGuardrails } from "../../aws/guardrailReader";
import type { GuardrailInput } from "../../analysis/guardrails/organizationPolicies";
import { Guardrails } from "../../analysis/guardrails/guardrails";
import type { RiskLists } from "../../analysis/riskLists";
import { loadGuardrails, saveGuardrails } from "../../db/guardrailStore";
import { organizationRowId } from "../../db/organizationMembers";
import type { InventoryStore } from "../../db/inventoryStore";
import type { ScanSession } from "../../db/scanSession";
import type { ScanResult } from "../../db/scanTypes";
import { loadVendorDirectory } from "../../db/vendorStore";
import type { AccountScanContext, AnalyzerFindingsForScan, ResourceScanSettings } from "./awsAccount";
import { configuredRegions, resourcesEnabled } from "../../aws/resources/regions";
import { readAnalyzerFindings } from "../../aws/resources/accessAnalyzer";
import { configuredReadThreads } from "../../aws/resources/readerThreads";
import { endAfterError, finishScan } from "../finishScan";
import type { ScanProgress } from "../progress";

export interface AwsScanOptions {
  aws: AwsSettings;
  memberRole: MemberRoleSettings;
  concurrency: number;
  trigger: string;
  startedBy?: string | null;
  /** Once aborted, no new account is started; finished ones are kept; the scan ends cancelled. */
  signal?: AbortSignal;
  /** Default: VENDORSCOPE_RESOURCES and VENDORSCOPE_REGIONS. */
  resources?: ResourceScanSettings;
}

/** What a queued scan's workers read back from the Scan row. */
export interface StoredScanOptions {
  roleName: string;
  externalId: "set" | "none";
  region: string;
  concurrency: number;
  callerAccountId: string;
  partition: string;
  orgId: string | null;
  members: string[];
  /** Absent on scans stored before resources were read: IAM only. */
  resources?: ResourceScanSettings;
  /** The organization analyzers' findings read at the start, for every account's export. */
  accessAnalyzer?: AnalyzerFindingsForScan | null;
}

export interface StartedAwsScan {
  session: ScanSession;
  accounts: string[];
  context: Omit<AccountScanContext, "writer" | "writes">;
}

export async function startAwsScan(store: InventoryStore, options: AwsScanOptions, executor: "inline" | "queue", progress: ScanProgress): Promise<StartedAwsScan | ScanResult> {
  const session = await store.startScan({
    trigger: options.trigger,
    source: "aws",
    startedBy: options.startedBy,
    executor,
    options: { roleName: options.memberRole.roleName, externalId: options.memberRole.externalId ? "set" : "none", concurrency: options.concurrency, region: options.aws.region },
  });
  const orgCalls = new ServiceCallCounter();
  try {
    let resources: ResourceScanSettings;
    try {
      resources = options.resources ?? { enabled: resourcesEnabled(), regions: configuredRegions() };
      configuredReadThreads(); // a bad VENDORSCOPE_READ_THREADS stops the scan here, not halfway
    } catch (error) {
      return await finishScan(session, progress, { error: `cannot start: ${error instanceof Error ? error.message : String(error)}` });
    }
    let org;
    try {
      org = await discoverOrganization(organizationsClient(options.aws, undefined, orgCalls.counter("organizations")), stsClient(options.aws, undefined, orgCalls.counter("sts")));
    } catch (error) {
      session.addApiCalls(orgCalls.total, orgCalls.toRecord());
      return await finishScan(session, progress, { error: `cannot start: ${describeAwsError(error)}` });
    }
    const notices = [...org.notices];
    // The guardrails and the organization's analyzer findings, read side by side.
    const [guardrailRead, analyzerRead] = await Promise.all([
      org.mode === "organization" ? readGuardrails(organizationsClient(options.aws, undefined, orgCalls.counter("organizations")), org.tree) : null,
      resources.enabled && org.mode === "organization" ? readAnalyzerFindings({ aws: options.aws, calls: orgCalls, regions: resources.regions }) : null,
    ]);
    const guardrails: GuardrailInput | null = guardrailRead?.input ?? null;
    if (guardrailRead?.notice) notices.push(guardrailRead.notice);
    let accessAnalyzer: AnalyzerFindingsForScan | null = null;
    if (analyzerRead) {
      notices.push(...analyzerRead.warnings);
      accessAnalyzer = { findings: analyzerRead.byAccount, unread: analyzerRead.unread, uncovered: analyzerRead.uncovered };
    }
    session.addApiCalls(orgCalls.total, orgCalls.toRecord());
    for (const notice of notices) {
      session.notice(notice);
      progress.notice(notice);
    }
    await session.recordOrganization(org, org.mode === "organization");
    if (guardrails) await saveGuardrails(store.prisma, organizationRowId(org), session.id, guardrails);
    const members = org.accounts.map((a) => a.id);
    const orgId = org.mode === "organization" ? org.orgId : null;
    const stored: StoredScanOptions = {
      roleName: options.memberRole.roleName,
      externalId: options.memberRole.externalId ? "set" : "none",
      region: options.aws.region,
      concurrency: options.concurrency,
      callerAccountId: org.callerAccountId,
      partition: org.partition,
      orgId,
      members,
      resources,
      accessAnalyzer,
    };
    await session.setOptions({ ...stored });
    const accounts = org.accounts.filter((a) => a.status === null || a.status === "ACTIVE").map((a) => a.id);
    await session.setTotal(accounts.length);
    progress.started(session.id, accounts.length);
    const analyzer = new AccountAnalyzer(store.catalog);
    return {
      session,
      accounts,
      context: {
        aws: options.aws,
        credentials: new MemberCredentials(options.memberRole, org.callerAccountId, org.partition),
        analyzer,
        trust: await scanTrustContext(store, stored, analyzer.risk),
        resources,
        accessAnalyzer,
      },
    };
  } catch (error) {
    return await endAfterError(session, error, progress);
  }
}

/** The organization's context for judging trusts, with the guardrails stored at the scan's start (or earlier, when it could not read them). */
async function scanTrustContext(store: InventoryStore, options: Pick<StoredScanOptions, "orgId" | "members">, risk: RiskLists): Promise<TrustContext> {
  const vendors = await loadVendorDirectory(store.prisma);
  const stored = options.orgId ? await loadGuardrails(store.prisma) : null;
  const guardrails = stored ? new Guardrails(stored.input, { orgId: options.orgId, managementAccountId: stored.managementAccountId }, risk) : null;
  return trustContext(options.orgId ? { orgId: options.orgId, managementAccountId: null, accounts: options.members.map((id) => ({ id, name: null, email: null, status: null })) } : null, options.members, vendors, new Date(), guardrails);
}

/** The account-work context of a stored (queued) scan, as a worker rebuilds it. */
export async function storedScanContext(store: InventoryStore, options: StoredScanOptions, analyzer: AccountAnalyzer): Promise<Omit<AccountScanContext, "writer" | "writes">> {
  const externalId = process.env.VENDORSCOPE_EXTERNAL_ID || undefined;
  if (options.externalId === "set" && !externalId) throw new Error("this scan uses an ExternalId, and VENDORSCOPE_EXTERNAL_ID is not set for this worker");
  return {
    aws: { ...DEFAULT_AWS_SETTINGS, region: options.region },
    credentials: new MemberCredentials({ roleName: options.roleName, externalId, sessionName: "vendorscope", durationSeconds: 3600 }, options.callerAccountId, options.partition),
    analyzer,
    trust: await scanTrustContext(store, options, analyzer.risk),
    resources: options.resources ?? { enabled: false, regions: null },
    accessAnalyzer: options.accessAnalyzer ?? null,
  };
}
