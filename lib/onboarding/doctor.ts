/**
 * `vendorscope doctor` and the Setup page: can this server scan the organization? Step by step,
 * each with what it found and, when it fails, the fix. Read-only calls only, the same the scan
 * makes (lib/aws/readOnlyOperations.ts); GetAccountAuthorizationDetails is asked for one item.
 */
import { GetAccountAuthorizationDetailsCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describeAwsError } from "../aws/awsErrors";
import { CallCounter, iamClient, organizationsClient, stsClient, type AwsSettings } from "../aws/clients";
import { MemberCredentials, type MemberRoleSettings } from "../aws/memberCredentials";
import { discoverOrganization, type DiscoveredOrganization } from "../aws/organizationReader";
import type { VendorListMeta } from "../db/vendorStore";

export type StepStatus = "ok" | "warn" | "fail" | "skipped";

export interface AccountProblem {
  accountId: string;
  name: string | null;
  problem: string;
}

export interface DoctorStep {
  id: "credentials" | "organization" | "member-role" | "iam-read" | "vendor-list";
  title: string;
  status: StepStatus;
  detail: string;
  /** What to do about a warning or failure. */
  fix?: string;
  /** Accounts that failed this step. */
  accounts?: AccountProblem[];
}

/** One run of the doctor: every check (step) with what it found, and whether any failed. */
export interface DoctorDiagnosis {
  at: string;
  ok: boolean;
  steps: DoctorStep[];
}

export interface DoctorOptions {
  aws: AwsSettings;
  memberRole: MemberRoleSettings;
  vendorList: VendorListMeta | null;
  /** Accounts checked at once. */
  concurrency?: number;
}

const DOCS = "docs/deploy.md";

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

function vendorListStep(meta: VendorListMeta | null): DoctorStep {
  const title = "Known vendor list downloaded";
  return meta
    ? { id: "vendor-list", title, status: "ok", detail: `${meta.accounts} vendor accounts from ${meta.source}, updated ${meta.updatedAt}.` }
    : {
        id: "vendor-list",
        title,
        status: "warn",
        detail: "No known vendor list: external accounts show as unknown until you name them.",
        fix: "Run 'npx vendorscope vendors update' (downloads the fwd:cloudsec list), or offline 'npx vendorscope vendors update --file accounts.yaml'.",
      };
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorDiagnosis> {
  const { aws, memberRole } = options;
  const steps: DoctorStep[] = [];
  const calls = new CallCounter();
  const sts = stsClient(aws, undefined, calls);
  const skipped = (id: DoctorStep["id"], title: string): DoctorStep => ({ id, title, status: "skipped", detail: "Not checked: an earlier step failed." });

  let caller;
  try {
    caller = await sts.send(new GetCallerIdentityCommand({}));
    steps.push({ id: "credentials", title: "AWS credentials found", status: "ok", detail: `Signed in to AWS as ${caller.Arn} (account ${caller.Account}).` });
  } catch (error) {
    steps.push({
      id: "credentials",
      title: "AWS credentials found",
      status: "fail",
      detail: `No usable AWS credentials: ${describeAwsError(error)}.`,
      fix: "Give the server credentials through the SDK's default chain: an instance or task role, AWS_PROFILE (with 'aws sso login'), or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. Use the scanner role from deploy/cloudformation/management-scanner-role.yaml.",
    });
    steps.push(skipped("organization", "Organization readable"), skipped("member-role", "Member role assumable in every account"), skipped("iam-read", "IAM read permissions in every account"));
    steps.push(vendorListStep(options.vendorList));
    return diagnosis(steps);
  }

  const org: DiscoveredOrganization = await discoverOrganization(organizationsClient(aws, undefined, calls), sts);
  const active = org.accounts.filter((a) => a.status === null || a.status === "ACTIVE");
  steps.push(
    org.mode === "organization"
      ? { id: "organization", title: "Organization readable", status: "ok", detail: `Organization ${org.orgId}: ${active.length} active accounts of ${org.accounts.length}; management account ${org.managementAccountId}.${org.notices.length ? ` ${org.notices.join(" ")}` : ""}` }
      : {
          id: "organization",
          title: "Organization readable",
          status: "warn",
          detail: org.notices.join(" ") || `Only account ${org.callerAccountId} can be scanned.`,
          fix: `Run Vendorscope with credentials in the management account or a delegated administrator, allowed the Organizations read calls in deploy/iam/management-scanner-policy.json (${DOCS}). Until then only this account is scanned.`,
        },
  );

  const credentials = new MemberCredentials(memberRole, org.callerAccountId, org.partition);
  const names = new Map(active.map((a) => [a.id, a.name]));
  const assumeFailures: AccountProblem[] = [];
  const readFailures: AccountProblem[] = [];
  const readable: { id: string; provider: ReturnType<MemberCredentials["forAccount"]> }[] = [];
  await eachLimited(active, options.concurrency ?? 8, async (account) => {
    const provider = credentials.forAccount(account.id, sts);
    if (provider) {
      try {
        await provider();
      } catch (error) {
        assumeFailures.push({ accountId: account.id, name: account.name, problem: describeAwsError(error) });
        return;
      }
    }
    readable.push({ id: account.id, provider });
  });
  const members = active.filter((a) => a.id !== org.callerAccountId).length;
  steps.push(
    assumeFailures.length === 0
      ? { id: "member-role", title: "Member role assumable in every account", status: "ok", detail: members ? `Assumed ${memberRole.roleName}${memberRole.externalId ? " (with ExternalId)" : ""} in all ${members} member accounts.` : "No member accounts to assume a role in." }
      : {
          id: "member-role",
          title: "Member role assumable in every account",
          status: "fail",
          detail: `Could not assume ${memberRole.roleName} in ${assumeFailures.length} of ${members} accounts.`,
          fix: `Deploy deploy/cloudformation/member-audit-role.yaml to every account with a service-managed StackSet, trusting this server's principal (${caller.Arn}) with your ExternalId; set VENDORSCOPE_MEMBER_ROLE to its name and VENDORSCOPE_EXTERNAL_ID to the ExternalId (${DOCS}).`,
          accounts: sortProblems(assumeFailures),
        },
  );

  await eachLimited(readable, options.concurrency ?? 8, async ({ id, provider }) => {
    try {
      await iamClient(aws, provider ?? undefined, calls).send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1 }));
    } catch (error) {
      readFailures.push({ accountId: id, name: names.get(id) ?? null, problem: describeAwsError(error) });
    }
  });
  steps.push(
    readFailures.length === 0
      ? { id: "iam-read", title: "IAM read permissions in every account", status: readable.length ? "ok" : "skipped", detail: readable.length ? `iam:GetAccountAuthorizationDetails works in all ${readable.length} reachable accounts.` : "No account reachable." }
      : {
          id: "iam-read",
          title: "IAM read permissions in every account",
          status: "fail",
          detail: `IAM is not readable in ${readFailures.length} of ${readable.length} reachable accounts.`,
          fix: "Allow iam:GetAccountAuthorizationDetails, iam:GenerateCredentialReport and iam:GetCredentialReport to the role (deploy/iam/member-audit-policy.json; the management account's own read uses the scanner's credentials).",
          accounts: sortProblems(readFailures),
        },
  );
  steps.push(vendorListStep(options.vendorList));
  return diagnosis(steps);
}

const sortProblems = (problems: AccountProblem[]) => problems.sort((a, b) => a.accountId.localeCompare(b.accountId));

function diagnosis(steps: DoctorStep[]): DoctorDiagnosis {
  return { at: new Date().toISOString(), ok: steps.every((s) => s.status !== "fail"), steps };
}
