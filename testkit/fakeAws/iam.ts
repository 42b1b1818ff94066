/**
 * IAM operations: GetAccountAuthorizationDetails (Filter, MaxItems/Marker paging across
 * roles, users, groups and policies, in that order), GenerateCredentialReport and
 * GetCredentialReport, all answered from the calling account.
 */
import { type ServiceContext, intParam, listParam, stringParam } from "./context";
import { defaultCredentialReport } from "./credentialReport";
import { AwsApiError } from "./errors";
import { toWireEntity } from "./iamDocuments";
import { decodeCursor, encodeCursor, pageSize } from "./paging";
import { isoSeconds } from "./queryProtocol";
import type { AuthorizationDetails, FakeAccount } from "./types";

const FILTERS = ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"] as const;
type Filter = (typeof FILTERS)[number];

type ListKey = "RoleDetailList" | "UserDetailList" | "GroupDetailList" | "Policies";

export async function handleIam(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const account = ctx.directory.get(ctx.caller.accountId);
  if (!account) throw new AwsApiError("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
  switch (operation) {
    case "GetAccountAuthorizationDetails":
      return getAccountAuthorizationDetails(ctx, account, params);
    case "GenerateCredentialReport":
      return { ...ctx.reports.generate(account.id, ctx.faults.credentialReportStartedTimes ?? 0) };
    case "GetCredentialReport":
      return getCredentialReport(ctx, account);
    default:
      throw new AwsApiError("InvalidAction", 400, `Could not find operation ${operation} for version 2010-05-08`);
  }
}

async function getAccountAuthorizationDetails(ctx: ServiceContext, account: FakeAccount, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const filters = listParam(params.Filter);
  for (const filter of filters) {
    if (!(FILTERS as readonly string[]).includes(filter)) {
      throw new AwsApiError(
        "ValidationError",
        400,
        `1 validation error detected: Value '[${filter}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${FILTERS.join(", ")}]]`,
      );
    }
  }
  const wanted = new Set<Filter>(filters.length === 0 ? FILTERS : (filters as Filter[]));
  const maxItems = intParam(params.MaxItems);
  if (maxItems !== undefined && !(maxItems >= 1 && maxItems <= 1000)) {
    throw new AwsApiError("ValidationError", 400, `1 validation error detected: Value '${String(params.MaxItems)}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`);
  }
  const scope = `GetAccountAuthorizationDetails/${account.id}/${[...wanted].sort().join(",")}`;
  const marker = stringParam(params.Marker);
  let offset = 0;
  let snapshotId: number;
  let details: AuthorizationDetails;
  if (marker !== undefined) {
    const cursor = decodeCursor(marker, scope);
    if (!cursor || cursor.snapshot === undefined) throw new AwsApiError("InvalidInput", 400, "Invalid Marker.");
    offset = cursor.offset;
    snapshotId = cursor.snapshot;
    details = await ctx.snapshots.resume(account, snapshotId);
  } else {
    const fresh = ctx.snapshots.fresh(account);
    snapshotId = fresh.id;
    details = await fresh.details;
  }

  const sections: [ListKey, unknown[]][] = [
    ["RoleDetailList", wanted.has("Role") ? (details.RoleDetailList ?? []) : []],
    ["UserDetailList", wanted.has("User") ? (details.UserDetailList ?? []) : []],
    ["GroupDetailList", wanted.has("Group") ? (details.GroupDetailList ?? []) : []],
    ["Policies", (details.Policies ?? []).filter((p) => (isAwsManaged(p) ? wanted.has("AWSManagedPolicy") : wanted.has("LocalManagedPolicy")))],
  ];
  const total = sections.reduce((n, [, items]) => n + items.length, 0);
  const size = pageSize(maxItems, 100, ctx.faults.maxItemsCap);
  const end = Math.min(total, offset + size);

  const page: Record<ListKey, unknown[]> = { RoleDetailList: [], UserDetailList: [], GroupDetailList: [], Policies: [] };
  let start = 0;
  for (const [key, items] of sections) {
    const from = Math.max(offset - start, 0);
    const to = Math.min(end - start, items.length);
    if (to > from) page[key] = items.slice(from, to).map(toWireEntity);
    start += items.length;
  }
  const truncated = end < total;
  return {
    UserDetailList: page.UserDetailList,
    GroupDetailList: page.GroupDetailList,
    RoleDetailList: page.RoleDetailList,
    Policies: page.Policies,
    IsTruncated: truncated,
    ...(truncated ? { Marker: encodeCursor(scope, { offset: end, snapshot: snapshotId }) } : {}),
  };
}

function isAwsManaged(policy: unknown): boolean {
  const arn = typeof policy === "object" && policy !== null ? (policy as Record<string, unknown>).Arn : undefined;
  return typeof arn === "string" && /^arn:[^:]+:iam::aws:policy\//.test(arn);
}

async function getCredentialReport(ctx: ServiceContext, account: FakeAccount): Promise<Record<string, unknown>> {
  const generatedAt = ctx.reports.generatedAt(account.id);
  const csv = account.credentialReport ? await account.credentialReport() : defaultCredentialReport(account.id, await account.authorizationDetails());
  return {
    Content: Buffer.from(csv, "utf8").toString("base64"),
    ReportFormat: "text/csv",
    GeneratedTime: isoSeconds(generatedAt),
  };
}
