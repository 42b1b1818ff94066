/**
 * Reads one account's IAM inventory the fast way: GetAccountAuthorizationDetails (every
 * entity type, paginated with Marker) and the credential report (Generate + Get) —
 * a handful of calls per account however many roles it has.
 */
import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  paginateGetAccountAuthorizationDetails,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { describeAwsError, hasErrorCode } from "./awsErrors";

export interface AccountRead {
  /** The merged pages, as the API returns them (policy documents URL-encoded). */
  authorizationDetails: Record<string, unknown> & { RoleDetailList: unknown[] };
  credentialReport: string | null;
  /** Why the credential report is missing (the rest of the account was read). */
  credentialReportError: string | null;
}

const ENTITY_FILTERS = ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"] as const;
const LISTS = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"] as const;

export async function readAccount(iam: IAMClient, options: { reportWaitMs?: number } = {}): Promise<AccountRead> {
  const merged: Record<(typeof LISTS)[number], unknown[]> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
  for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 1000 }, { Filter: [...ENTITY_FILTERS] })) {
    for (const list of LISTS) merged[list].push(...((page[list] as unknown[] | undefined) ?? []));
  }
  let credentialReport: string | null = null;
  let credentialReportError: string | null = null;
  try {
    credentialReport = await fetchCredentialReport(iam, options.reportWaitMs ?? 2000);
  } catch (error) {
    credentialReportError = describeAwsError(error);
  }
  return { authorizationDetails: merged, credentialReport, credentialReportError };
}

/** Generate, then Get; while IAM is still preparing the report, wait and ask again (bounded). */
async function fetchCredentialReport(iam: IAMClient, waitMs: number): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const state = (await iam.send(new GenerateCredentialReportCommand({}))).State;
    if (state === "COMPLETE") {
      try {
        const report = await iam.send(new GetCredentialReportCommand({}));
        return new TextDecoder().decode(report.Content);
      } catch (error) {
        if (!hasErrorCode(error, /ReportInProgress|ReportNotPresent|ReportExpired|CredentialReportNotReady|CredentialReportNotPresent|CredentialReportExpired/)) throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  throw new Error("the credential report was still being generated after 10 attempts");
}
