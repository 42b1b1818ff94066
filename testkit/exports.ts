/** Builders for the AWS outputs Vendorscope reads, in the shapes AWS produces them. */

export type Encoding = "object" | "json" | "url";

export interface RoleSpec {
  name: string;
  trust: unknown;
  inline?: Record<string, unknown>;
  managed?: string[];
  boundary?: string;
  /** undefined: the export has no RoleLastUsed; null: never used. */
  lastUsed?: string | null;
  createDate?: string;
  path?: string;
  tags?: Record<string, string>;
}

export interface ManagedPolicySpec {
  arn: string;
  document: unknown;
  /** Extra non-default versions, to check that the default one is used. */
  otherVersions?: unknown[];
}

export function encodeDocument(doc: unknown, encoding: Encoding): unknown {
  if (encoding === "object") return doc;
  const json = JSON.stringify(doc);
  return encoding === "json" ? json : encodeURIComponent(json);
}

export function authorizationDetails(
  accountId: string,
  spec: { roles?: RoleSpec[]; users?: { name: string }[]; policies?: ManagedPolicySpec[]; encoding?: Encoding; partition?: string },
) {
  const enc = (doc: unknown) => encodeDocument(doc, spec.encoding ?? "object");
  const partition = spec.partition ?? "aws";
  return {
    UserDetailList: (spec.users ?? []).map((u, i) => ({
      Path: "/",
      UserName: u.name,
      UserId: `AIDAEXAMPLE${String(i).padStart(9, "0")}`,
      Arn: `arn:${partition}:iam::${accountId}:user/${u.name}`,
      CreateDate: "2024-01-01T00:00:00Z",
      UserPolicyList: [],
      GroupList: [],
      AttachedManagedPolicies: [],
      Tags: [],
    })),
    GroupDetailList: [],
    RoleDetailList: (spec.roles ?? []).map((r, i) => ({
      Path: r.path ?? "/",
      RoleName: r.name,
      RoleId: `AROAEXAMPLE${String(i).padStart(9, "0")}`,
      Arn: `arn:${partition}:iam::${accountId}:role${r.path ?? "/"}${r.name}`,
      CreateDate: r.createDate ?? "2024-01-01T00:00:00Z",
      AssumeRolePolicyDocument: enc(r.trust),
      InstanceProfileList: [],
      RolePolicyList: Object.entries(r.inline ?? {}).map(([name, doc]) => ({ PolicyName: name, PolicyDocument: enc(doc) })),
      AttachedManagedPolicies: (r.managed ?? []).map((arn) => ({ PolicyArn: arn, PolicyName: arn.split("/").pop() })),
      ...(r.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: r.boundary } } : {}),
      Tags: Object.entries(r.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
      ...(r.lastUsed === undefined ? {} : { RoleLastUsed: r.lastUsed === null ? {} : { LastUsedDate: r.lastUsed, Region: "us-east-1" } }),
    })),
    Policies: (spec.policies ?? []).map((p) => ({
      PolicyName: p.arn.split("/").pop(),
      PolicyId: "ANPAEXAMPLE",
      Arn: p.arn,
      Path: "/",
      DefaultVersionId: "v1",
      AttachmentCount: 1,
      IsAttachable: true,
      PolicyVersionList: [
        { Document: enc(p.document), VersionId: "v1", IsDefaultVersion: true, CreateDate: "2024-01-01T00:00:00Z" },
        ...(p.otherVersions ?? []).map((doc, i) => ({ Document: enc(doc), VersionId: `v${i + 2}`, IsDefaultVersion: false })),
      ],
    })),
  };
}

export function listAccounts(orgId: string, managementAccountId: string, ids: string[]) {
  return {
    Accounts: ids.map((id) => ({
      Id: id,
      Arn: `arn:aws:organizations::${managementAccountId}:account/${orgId}/${id}`,
      Email: `aws+${id}@example.com`,
      Name: `account-${id}`,
      Status: "ACTIVE",
      JoinedMethod: id === managementAccountId ? "CREATED" : "INVITED",
      JoinedTimestamp: "2024-01-01T00:00:00Z",
    })),
  };
}
