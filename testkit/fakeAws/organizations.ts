/**
 * Organizations operations: DescribeOrganization, ListAccounts, ListRoots,
 * ListOrganizationalUnitsForParent, ListAccountsForParent, ListParents,
 * DescribeOrganizationalUnit, DescribeAccount, and the SCPs and RCPs: ListPolicies,
 * DescribePolicy and ListTargetsForPolicy; paginated with NextToken/MaxResults.
 * Only the management account may list; a standalone account gets
 * AWSOrganizationsNotInUseException.
 */
import { type ServiceContext, intParam, stringParam } from "./context";
import { AwsApiError } from "./errors";
import type { OrganizationModel } from "./orgTree";
import type { FakeOrganizationPolicy } from "./types";
import { decodeCursor, encodeCursor, pageSize } from "./paging";

const MAX_RESULTS = 20;

export async function handleOrganizations(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const org = ctx.directory.organization;
  const access = ctx.faults.organizationsAccess ?? "ok";
  if (access === "denied") throw accessDenied();
  if (!org || access === "not-in-use") {
    throw new AwsApiError("AWSOrganizationsNotInUseException", 400, "Your account is not a member of an organization.");
  }
  if (operation !== "DescribeOrganization" && KNOWN_OPERATIONS.has(operation) && ctx.caller.accountId !== org.managementAccountId) {
    throw accessDenied();
  }
  switch (operation) {
    case "DescribeOrganization":
      return { Organization: describeOrganization(org) };
    case "ListAccounts":
      return page(ctx, operation, "", org.organization.accounts, params, (a) => org.accountJson(a), "Accounts");
    case "ListRoots":
      return page(ctx, operation, "", [org.rootJson()], params, (r) => r, "Roots");
    case "ListOrganizationalUnitsForParent": {
      const parentId = requireParent(org, params);
      return page(ctx, operation, parentId, org.unitsUnder(parentId), params, (u) => org.unitJson(u), "OrganizationalUnits");
    }
    case "ListAccountsForParent": {
      const parentId = requireParent(org, params);
      return page(ctx, operation, parentId, org.accountsUnder(parentId), params, (a) => org.accountJson(a), "Accounts");
    }
    case "ListParents": {
      const childId = stringParam(params.ChildId) ?? "";
      const parent = org.parentOf(childId);
      if (!parent) throw new AwsApiError("ChildNotFoundException", 400, "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
      return page(ctx, operation, childId, [parent], params, (p) => p, "Parents");
    }
    case "DescribeOrganizationalUnit": {
      const unit = org.units.get(stringParam(params.OrganizationalUnitId) ?? "");
      if (!unit) throw new AwsApiError("OrganizationalUnitNotFoundException", 400, "We can't find an organizational unit (OU) with the OrganizationalUnitId that you specified.");
      return { OrganizationalUnit: org.unitJson(unit) };
    }
    case "ListPolicies": {
      const type = policyType(params.Filter);
      const policies = org.policies().filter((p) => p.type === type);
      return page(ctx, operation, type, policies, params, (p) => policySummary(org, p), "Policies");
    }
    case "DescribePolicy": {
      const policy = findPolicy(org, params.PolicyId);
      return { Policy: { PolicySummary: policySummary(org, policy), Content: JSON.stringify(policy.document) } };
    }
    case "ListTargetsForPolicy": {
      const policy = findPolicy(org, params.PolicyId);
      const targets = policy.targets.map((t) => org.targetJson(t)).filter((t) => t !== undefined);
      return page(ctx, operation, policy.id, targets, params, (t) => t, "Targets");
    }
    case "DescribeAccount": {
      const account = org.organization.accounts.find((a) => a.id === stringParam(params.AccountId));
      if (!account) throw new AwsApiError("AccountNotFoundException", 400, "You specified an account that doesn't exist.");
      return { Account: org.accountJson(account) };
    }
    default:
      throw new AwsApiError("UnknownOperationException", 400, `Unknown operation ${operation}`);
  }
}

const KNOWN_OPERATIONS = new Set([
  "DescribeOrganization",
  "ListAccounts",
  "ListRoots",
  "ListOrganizationalUnitsForParent",
  "ListAccountsForParent",
  "ListParents",
  "DescribeOrganizationalUnit",
  "DescribeAccount",
  "ListPolicies",
  "DescribePolicy",
  "ListTargetsForPolicy",
]);

function policyType(filter: unknown): FakeOrganizationPolicy["type"] {
  if (filter === "SERVICE_CONTROL_POLICY" || filter === "RESOURCE_CONTROL_POLICY") return filter;
  throw invalidInput("You must specify a valid policy type filter.", "INVALID_ENUM_POLICY_TYPE");
}

function findPolicy(org: OrganizationModel, id: unknown): FakeOrganizationPolicy {
  const policy = org.policies().find((p) => p.id === stringParam(id));
  if (!policy) throw new AwsApiError("PolicyNotFoundException", 400, "We can't find a policy with the PolicyId that you specified.");
  return policy;
}

function policySummary(org: OrganizationModel, p: FakeOrganizationPolicy): Record<string, unknown> {
  const managed = p.id === "p-FullAWSAccess" || p.id === "p-RCPFullAWSAccess";
  return {
    Id: p.id,
    Arn: managed ? `arn:aws:organizations::aws:policy/${p.type.toLowerCase()}/${p.id}` : `arn:aws:organizations::${org.managementAccountId}:policy/${org.id}/${p.type.toLowerCase()}/${p.id}`,
    Name: p.name,
    Description: "",
    Type: p.type,
    AwsManaged: managed,
  };
}

function describeOrganization(org: OrganizationModel): Record<string, unknown> {
  const management = org.organization.accounts.find((a) => a.id === org.managementAccountId);
  return {
    Id: org.id,
    Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
    FeatureSet: "ALL",
    MasterAccountArn: org.accountArn(org.managementAccountId),
    MasterAccountId: org.managementAccountId,
    MasterAccountEmail: management?.email ?? `aws+${org.managementAccountId}@example.com`,
    AvailablePolicyTypes: [
      { Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" },
      ...(org.policies().some((p) => p.type === "RESOURCE_CONTROL_POLICY") ? [{ Type: "RESOURCE_CONTROL_POLICY", Status: "ENABLED" }] : []),
    ],
  };
}

function requireParent(org: OrganizationModel, params: Record<string, unknown>): string {
  const parentId = stringParam(params.ParentId);
  if (parentId === undefined) throw invalidInput("ParentId is required.", "INVALID_INPUT");
  if (!org.isParent(parentId)) throw new AwsApiError("ParentNotFoundException", 400, "We can't find a root or OU with the ParentId that you specified.");
  return parentId;
}

function page<T>(
  ctx: ServiceContext,
  operation: string,
  key: string,
  items: readonly T[],
  params: Record<string, unknown>,
  render: (item: T) => Record<string, unknown>,
  listName: string,
): Record<string, unknown> {
  const maxResults = intParam(params.MaxResults);
  if (maxResults !== undefined) {
    if (Number.isNaN(maxResults)) throw invalidInput("MaxResults must be a number.", "INVALID_INPUT");
    if (maxResults < 1) throw invalidInput("You provided a value that is too small: MaxResults.", "MIN_VALUE_EXCEEDED");
    if (maxResults > MAX_RESULTS) throw invalidInput("You provided a value that is too large: MaxResults.", "MAX_VALUE_EXCEEDED");
  }
  const scope = `${operation}/${key}`;
  const token = stringParam(params.NextToken);
  let offset = 0;
  if (token !== undefined) {
    const cursor = decodeCursor(token, scope);
    if (!cursor) throw invalidInput("The NextToken value is not valid.", "INVALID_PAGINATION_TOKEN");
    offset = cursor.offset;
  }
  const end = Math.min(items.length, offset + pageSize(maxResults, MAX_RESULTS, ctx.faults.maxItemsCap));
  return {
    [listName]: items.slice(offset, end).map(render),
    ...(end < items.length ? { NextToken: encodeCursor(scope, { offset: end }) } : {}),
  };
}

function accessDenied(): AwsApiError {
  return new AwsApiError("AccessDeniedException", 400, "You don't have permissions to access this resource.");
}

function invalidInput(message: string, reason: string): AwsApiError {
  return new AwsApiError("InvalidInputException", 400, message, { Reason: reason });
}
