/**
 * What the base credentials can see of the organization: who we are (GetCallerIdentity),
 * the organization and its accounts (DescribeOrganization, ListAccounts), and each account's
 * OU path, found by walking the tree from the root (calls grow with OUs, not accounts).
 * Without Organizations access, the scan covers the caller's own account and says why.
 */
import {
  DescribeOrganizationCommand,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  ListRootsCommand,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { describeAwsError, hasErrorCode } from "./awsErrors";

export interface OrgAccount {
  id: string;
  name: string | null;
  email: string | null;
  status: string | null;
  ouPath: string | null;
}

/** The tree as the walk found it: each account's and OU's parent, and the names of roots and OUs. */
export interface OrganizationTree {
  parents: Map<string, string>;
  names: Map<string, string>;
}

export interface DiscoveredOrganization {
  mode: "organization" | "standalone";
  orgId: string | null;
  managementAccountId: string | null;
  callerAccountId: string;
  callerArn: string;
  partition: string;
  /** Every member (ACTIVE, SUSPENDED, …): membership decides what is internal. */
  accounts: OrgAccount[];
  /** Said to the user when the organization could not be read in full. */
  notices: string[];
  /** Null when the tree could not be walked (or there is no organization). */
  tree: OrganizationTree | null;
}

export async function discoverOrganization(organizations: OrganizationsClient, sts: STSClient): Promise<DiscoveredOrganization> {
  const caller = await sts.send(new GetCallerIdentityCommand({}));
  const callerAccountId = caller.Account!;
  const callerArn = caller.Arn ?? "";
  const partition = /^arn:([^:]+):/.exec(callerArn)?.[1] ?? "aws";
  let org;
  try {
    org = (await organizations.send(new DescribeOrganizationCommand({}))).Organization;
  } catch (error) {
    const why =
      hasErrorCode(error, /^AWSOrganizationsNotInUseException$/)
        ? `account ${callerAccountId} is not in an AWS Organization`
        : `Organizations is not readable with these credentials (${describeAwsError(error)}); run from the management account or a delegated administrator to scan every account`;
    return standalone(callerAccountId, callerArn, partition, `Scanning only account ${callerAccountId}: ${why}.`);
  }
  const accounts: OrgAccount[] = [];
  try {
    for await (const page of paginateListAccounts({ client: organizations }, {})) {
      for (const a of page.Accounts ?? []) {
        if (!a.Id) continue;
        accounts.push({ id: a.Id, name: a.Name ?? null, email: a.Email ?? null, status: a.Status ?? a.State ?? null, ouPath: null });
      }
    }
  } catch (error) {
    return standalone(callerAccountId, callerArn, partition, `Scanning only account ${callerAccountId}: cannot list the organization's accounts (${describeAwsError(error)}).`);
  }
  const notices: string[] = [];
  let tree: OrganizationTree | null = { parents: new Map(), names: new Map() };
  try {
    const paths = await ouPaths(organizations, tree);
    for (const account of accounts) account.ouPath = paths.get(account.id) ?? null;
  } catch (error) {
    tree = null;
    notices.push(`OU paths unavailable: ${describeAwsError(error)}`);
  }
  return {
    mode: "organization",
    orgId: org?.Id ?? null,
    managementAccountId: org?.MasterAccountId ?? null,
    callerAccountId,
    callerArn,
    partition,
    accounts,
    notices,
    tree,
  };
}

function standalone(accountId: string, callerArn: string, partition: string, notice: string): DiscoveredOrganization {
  return {
    mode: "standalone",
    orgId: null,
    managementAccountId: null,
    callerAccountId: accountId,
    callerArn,
    partition,
    accounts: [{ id: accountId, name: null, email: null, status: "ACTIVE", ouPath: null }],
    notices: [notice],
    tree: null,
  };
}

/** Account id → "Root/OU/Sub-OU", walking the tree breadth-first from each root (noting each parent in `tree`). */
async function ouPaths(organizations: OrganizationsClient, tree: OrganizationTree): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  const roots = (await organizations.send(new ListRootsCommand({}))).Roots ?? [];
  const queue: { id: string; path: string }[] = roots.filter((r) => r.Id).map((r) => ({ id: r.Id!, path: r.Name ?? "Root" }));
  for (const r of roots) if (r.Id) tree.names.set(r.Id, r.Name ?? "Root");
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for await (const page of paginateListOrganizationalUnitsForParent({ client: organizations }, { ParentId: parent.id })) {
      for (const ou of page.OrganizationalUnits ?? []) {
        if (!ou.Id) continue;
        queue.push({ id: ou.Id, path: `${parent.path}/${ou.Name ?? ou.Id}` });
        tree.parents.set(ou.Id, parent.id);
        tree.names.set(ou.Id, ou.Name ?? ou.Id);
      }
    }
    for await (const page of paginateListAccountsForParent({ client: organizations }, { ParentId: parent.id })) {
      for (const a of page.Accounts ?? []) {
        if (!a.Id) continue;
        paths.set(a.Id, parent.path);
        tree.parents.set(a.Id, parent.id);
      }
    }
  }
  return paths;
}
