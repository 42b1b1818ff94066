/**
 * The fake AWS against the real SDK v3 clients: every operation Vendorscope calls, paging,
 * fault injection, and byte-level agreement with the captured AWS wire samples.
 */
import { withEnv } from "@/testkit/fakeAws/sdkTestEnv"; // first: sets the SDK's env guards before any client loads
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
  GetCredentialReportCommand,
  IAMClient,
  ListRolesCommand,
} from "@aws-sdk/client-iam";
import {
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
} from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { parse } from "csv-parse/sync";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { authorizationDetails } from "@/testkit/exports";
import { SHARED_DATA } from "@/testkit/sharedData";
import { type FakeAccount, type FakeAws, type FakeOrganization, startFakeAws } from "@/testkit/fakeAws";

const MGMT = "111111111111";
const PROD = "222222222222";
const STAGING = "333333333333";
const SECURITY = "444444444444";
const SANDBOX = "555555555555";
const HOSTILE = `<script>alert("x")</script>&amp;'`;

const trust = (principal: string, externalId?: string) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { AWS: principal },
      Action: "sts:AssumeRole",
      ...(externalId ? { Condition: { StringEquals: { "sts:ExternalId": externalId } } } : {}),
    },
  ],
});
const ADMIN = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

function prodDetails() {
  const details = authorizationDetails(PROD, {
    roles: [
      { name: "OrganizationAccountAccessRole", trust: trust(`arn:aws:iam::${MGMT}:root`), managed: ["arn:aws:iam::aws:policy/AdministratorAccess"] },
      { name: "DatadogIntegration", trust: trust("arn:aws:iam::464622532012:root", "dd-123"), inline: { logs: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "logs:*", Resource: "*" }] } } },
      { name: HOSTILE, trust: trust("arn:aws:iam::999988887777:root", `ext<&>"'`), lastUsed: "2026-11-01T10:00:00Z" },
      { name: "lambda-exec", trust: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }, lastUsed: null },
      { name: "ci-deploy", trust: trust(`arn:aws:iam::${MGMT}:role/ci`) },
    ],
    users: [{ name: "alice" }, { name: "bob" }],
    policies: [
      { arn: "arn:aws:iam::aws:policy/AdministratorAccess", document: ADMIN },
      { arn: `arn:aws:iam::${PROD}:policy/VendorRead`, document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:Get*", Resource: "*" }] } },
    ],
  });
  const hostileRole = details.RoleDetailList[2] as Record<string, unknown>;
  hostileRole.Tags = [{ Key: "note", Value: `a\r\nb\t]]> & <x/> 🔥 &#x41;` }];
  return details;
}

const account = (id: string, name: string, ouPath: string[], details: () => object = () => ({})): FakeAccount => ({
  id,
  name,
  email: `${name}@example.com`,
  ouPath,
  authorizationDetails: details,
});

const ORGANIZATION: FakeOrganization = {
  id: "o-test123456",
  managementAccountId: MGMT,
  accounts: [
    account(MGMT, "management", [], () => authorizationDetails(MGMT, { roles: [{ name: "billing", trust: trust("arn:aws:iam::777766665555:root") }] })),
    account(PROD, "prod", ["Workloads", "Prod"], prodDetails),
    account(STAGING, "staging", ["Workloads", "NonProd"]),
    account(SECURITY, "security", ["Security"]),
    account(SANDBOX, "sandbox", []),
  ],
};

let fake: FakeAws;

beforeAll(async () => {
  fake = await startFakeAws({ organization: ORGANIZATION });
});
afterAll(async () => {
  await fake.stop();
});
afterEach(() => {
  fake.setFaults({});
});

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const config = (credentials: Creds = fake.managementCredentials, extra: Record<string, unknown> = {}) => ({
  region: "us-east-1",
  endpoint: fake.url,
  credentials,
  ...extra,
});
const sts = (credentials?: Creds, extra?: Record<string, unknown>) => new STSClient(config(credentials, extra));
const iam = (credentials?: Creds, extra?: Record<string, unknown>) => new IAMClient(config(credentials, extra));
const orgs = (credentials?: Creds, extra?: Record<string, unknown>) => new OrganizationsClient(config(credentials, extra));

async function assume(accountId: string, roleName = "OrganizationAccountAccessRole", externalId?: string): Promise<Creds> {
  const out = await sts().send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`, RoleSessionName: "vendorscope", ...(externalId ? { ExternalId: externalId } : {}) }),
  );
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

async function caught(promise: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number; attempts?: number } };
  }
  throw new Error("expected the call to fail");
}

async function allDetails(client: IAMClient, input: { MaxItems?: number; Filter?: ("Role" | "User" | "Group" | "LocalManagedPolicy" | "AWSManagedPolicy")[] }) {
  const pages: GetAccountAuthorizationDetailsCommandOutput[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new GetAccountAuthorizationDetailsCommand({ ...input, ...(marker ? { Marker: marker } : {}) }));
    pages.push(page);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return pages;
}

describe("STS", () => {
  it("answers GetCallerIdentity through AWS_ENDPOINT_URL and env credentials", async () => {
    // The client resolves AWS_ENDPOINT_URL and the env credentials from process.env itself.
    const out = await withEnv(fake.env(), () => new STSClient({}).send(new GetCallerIdentityCommand({})));
    expect(out.Account).toBe(MGMT);
    expect(out.Arn).toBe(`arn:aws:iam::${MGMT}:user/vendorscope-scanner`);
    expect(out.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(fake.calls.at(-1)).toMatchObject({ service: "sts", operation: "GetCallerIdentity", accountId: MGMT, status: 200 });
  });

  it("issues credentials bound to the target account", async () => {
    const out = await sts().send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PROD}:role/OrganizationAccountAccessRole`, RoleSessionName: "vendorscope" }));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/OrganizationAccountAccessRole/vendorscope`);
    const c = out.Credentials!;
    const who = await sts({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: PROD, Arn: out.AssumedRoleUser?.Arn, UserId: out.AssumedRoleUser?.AssumedRoleId });
    expect(fake.calls.at(-1)).toMatchObject({ accountId: PROD });
    expect(fake.calls.at(-2)).toMatchObject({ operation: "AssumeRole", accountId: MGMT, params: { RoleSessionName: "vendorscope" } });
  });

  it("refuses an issued key used without its session token", async () => {
    const creds = await assume(PROD);
    const error = await caught(sts({ accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey }).send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe("InvalidClientTokenId");
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it("denies AssumeRole into denied accounts, unknown roles and unknown accounts", async () => {
    fake.setFaults({ denyAssumeRole: [STAGING] });
    const denied = await caught(assume(STAGING));
    expect(denied.name).toBe("AccessDenied");
    expect(denied.$metadata.httpStatusCode).toBe(403);
    expect(denied.message).toBe(
      `User: arn:aws:iam::${MGMT}:user/vendorscope-scanner is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${STAGING}:role/OrganizationAccountAccessRole`,
    );
    expect((await caught(assume(PROD, "SomeOtherRole"))).name).toBe("AccessDenied");
    expect((await caught(assume("999999999999"))).name).toBe("AccessDenied");
    fake.setFaults({ assumableRoleNames: ["VendorscopeAudit"] });
    await expect(assume(PROD, "VendorscopeAudit")).resolves.toBeTruthy();
    expect((await caught(assume(PROD))).name).toBe("AccessDenied");
    fake.setFaults({ assumableRoleNames: ["*"] });
    await expect(assume(PROD, "Anything")).resolves.toBeTruthy();
  });

  it("enforces a configured ExternalId", async () => {
    fake.setFaults({ requireExternalId: { [SECURITY]: "s3cret" } });
    expect((await caught(assume(SECURITY))).name).toBe("AccessDenied");
    expect((await caught(assume(SECURITY, undefined, "wrong"))).name).toBe("AccessDenied");
    await expect(assume(SECURITY, undefined, "s3cret")).resolves.toBeTruthy();
    await expect(assume(PROD)).resolves.toBeTruthy();
  });

  it("rejects malformed input with ValidationError", async () => {
    const error = await caught(sts().send(new AssumeRoleCommand({ RoleArn: "not-an-arn", RoleSessionName: "x1" })));
    expect(error.name).toBe("ValidationError");
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe("IAM", () => {
  it("serves the assumed account's authorization details with URL-encoded documents", async () => {
    const client = iam(await assume(PROD));
    const [page] = await allDetails(client, {});
    const expected = prodDetails();
    expect(page!.RoleDetailList?.map((r) => r.RoleName)).toEqual(expected.RoleDetailList.map((r) => r.RoleName));
    expect(page!.UserDetailList?.map((u) => u.UserName)).toEqual(["alice", "bob"]);
    expect(page!.Policies?.map((p) => p.Arn)).toEqual(expected.Policies.map((p) => p.Arn));
    expect(page!.IsTruncated).toBe(false);
    const raw = page!.RoleDetailList![1]!.AssumeRolePolicyDocument!;
    expect(raw.startsWith("%7B%22Version%22")).toBe(true);
    expect(JSON.parse(decodeURIComponent(raw))).toEqual(expected.RoleDetailList[1]!.AssumeRolePolicyDocument);
    expect(JSON.parse(decodeURIComponent(page!.RoleDetailList![1]!.RolePolicyList![0]!.PolicyDocument!))).toEqual(
      (expected.RoleDetailList[1]!.RolePolicyList[0] as { PolicyDocument: unknown }).PolicyDocument,
    );
    expect(JSON.parse(decodeURIComponent(page!.Policies![0]!.PolicyVersionList![0]!.Document!))).toEqual(ADMIN);
    expect(page!.RoleDetailList![0]!.CreateDate).toEqual(new Date("2024-01-01T00:00:00Z"));
    expect(page!.RoleDetailList![2]!.RoleLastUsed?.LastUsedDate).toEqual(new Date("2026-11-01T10:00:00Z"));
  });

  it("keeps hostile names and values intact through the XML", async () => {
    const client = iam(await assume(PROD));
    const [page] = await allDetails(client, { Filter: ["Role"] });
    const role = page!.RoleDetailList!.find((r) => r.RoleName === HOSTILE);
    expect(role?.Arn).toBe(`arn:aws:iam::${PROD}:role/${HOSTILE}`);
    expect(role?.Tags).toEqual([{ Key: "note", Value: `a\r\nb\t]]> & <x/> 🔥 &#x41;` }]);
    const doc = JSON.parse(decodeURIComponent(role!.AssumeRolePolicyDocument!));
    expect(doc.Statement[0].Condition.StringEquals["sts:ExternalId"]).toBe(`ext<&>"'`);
  });

  it("honours Filter", async () => {
    const client = iam(await assume(PROD));
    const [roles] = await allDetails(client, { Filter: ["Role"] });
    expect(roles!.RoleDetailList).toHaveLength(5);
    expect([roles!.UserDetailList, roles!.GroupDetailList, roles!.Policies]).toEqual([[], [], []]);
    const [policies] = await allDetails(client, { Filter: ["LocalManagedPolicy", "User"] });
    expect(policies!.Policies?.map((p) => p.PolicyName)).toEqual(["VendorRead"]);
    expect(policies!.UserDetailList).toHaveLength(2);
    expect(policies!.RoleDetailList).toEqual([]);
    expect(fake.calls.at(-1)?.params).toEqual({ Filter: ["LocalManagedPolicy", "User"] });
  });

  it("paginates with MaxItems and Marker across roles, users and policies", async () => {
    const client = iam(await assume(PROD));
    const pages = await allDetails(client, { MaxItems: 2 });
    expect(pages.map((p) => [p.RoleDetailList!.length, p.UserDetailList!.length, p.Policies!.length])).toEqual([
      [2, 0, 0],
      [2, 0, 0],
      [1, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    expect(pages.slice(0, -1).every((p) => p.IsTruncated && p.Marker)).toBe(true);
    expect(pages.flatMap((p) => p.RoleDetailList!.map((r) => r.RoleName))).toEqual(prodDetails().RoleDetailList.map((r) => r.RoleName));
  });

  it("returns fewer items than asked under maxItemsCap", async () => {
    fake.setFaults({ maxItemsCap: 3 });
    const client = iam(await assume(PROD));
    const pages = await allDetails(client, { MaxItems: 100, Filter: ["Role"] });
    expect(pages.map((p) => p.RoleDetailList!.length)).toEqual([3, 2]);
    expect(pages[0]!.IsTruncated).toBe(true);
  });

  it("refuses a Marker from another listing", async () => {
    const client = iam(await assume(PROD));
    const first = await client.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1, Filter: ["Role"] }));
    const error = await caught(client.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1, Filter: ["User"], Marker: first.Marker! })));
    expect(error.name).toBe("InvalidInputException");
  });

  it("generates and serves a credential report", async () => {
    const client = iam(await assume(PROD));
    const missing = await caught(client.send(new GetCredentialReportCommand({})));
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(["CredentialReportNotPresentException", 410]);
    expect((await client.send(new GenerateCredentialReportCommand({}))).State).toBe("COMPLETE");
    const report = await client.send(new GetCredentialReportCommand({}));
    expect(report.ReportFormat).toBe("text/csv");
    expect(report.GeneratedTime).toBeInstanceOf(Date);
    const rows = parse(Buffer.from(report.Content!).toString("utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.user)).toEqual(["<root_account>", "alice", "bob"]);
    expect(rows[1]).toMatchObject({ arn: `arn:aws:iam::${PROD}:user/alice`, password_enabled: "false", access_key_1_active: "false", cert_2_last_rotated: "N/A" });
  });

  it("answers STARTED, then ReportInProgress, until the report is ready", async () => {
    fake.setFaults({ credentialReportStartedTimes: 2 });
    const client = iam(await assume(SECURITY));
    expect((await client.send(new GenerateCredentialReportCommand({}))).State).toBe("STARTED");
    const pending = await caught(client.send(new GetCredentialReportCommand({})));
    expect([pending.name, pending.$metadata.httpStatusCode]).toEqual(["CredentialReportNotReadyException", 404]);
    // The SDK names modelled errors after their exception; the wire code stays on `Code`.
    expect((pending as unknown as { Code: string }).Code).toBe("ReportInProgress");
    expect((await client.send(new GenerateCredentialReportCommand({}))).State).toBe("INPROGRESS");
    expect((await client.send(new GenerateCredentialReportCommand({}))).State).toBe("COMPLETE");
    await expect(client.send(new GetCredentialReportCommand({}))).resolves.toMatchObject({ ReportFormat: "text/csv" });
  });

  it("answers unknown operations with InvalidAction and records them", async () => {
    const error = await caught(iam().send(new ListRolesCommand({})));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(["InvalidAction", 400]);
    expect(fake.calls.at(-1)).toMatchObject({ service: "iam", operation: "ListRoles", status: 400 });
  });
});

describe("Organizations", () => {
  it("describes the organization", async () => {
    const { Organization } = await orgs().send(new DescribeOrganizationCommand({}));
    expect(Organization).toEqual({
      Id: "o-test123456",
      Arn: `arn:aws:organizations::${MGMT}:organization/o-test123456`,
      FeatureSet: "ALL",
      MasterAccountArn: `arn:aws:organizations::${MGMT}:account/o-test123456/${MGMT}`,
      MasterAccountId: MGMT,
      MasterAccountEmail: "management@example.com",
      AvailablePolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }],
    });
  });

  it("paginates ListAccounts", async () => {
    const pages = [];
    for await (const page of paginateListAccounts({ client: orgs(), pageSize: 2 }, {})) pages.push(page);
    expect(pages.map((p) => p.Accounts!.map((a) => a.Id))).toEqual([[MGMT, PROD], [STAGING, SECURITY], [SANDBOX]]);
    expect(pages[0]!.Accounts![1]).toMatchObject({
      Arn: `arn:aws:organizations::${MGMT}:account/o-test123456/${PROD}`,
      Email: "prod@example.com",
      Name: "prod",
      Status: "ACTIVE",
      JoinedMethod: "CREATED",
    });
    expect(pages[0]!.Accounts![1]!.JoinedTimestamp).toBeInstanceOf(Date);
    expect(fake.calls.filter((c) => c.operation === "ListAccounts").at(-1)?.params).toMatchObject({ MaxResults: 2, NextToken: expect.any(String) });
    const all = await orgs().send(new ListAccountsCommand({}));
    expect(all.Accounts).toHaveLength(5);
    expect(all.NextToken).toBeUndefined();
  });

  it("walks the tree: roots, OUs, accounts per parent, parents", async () => {
    const client = orgs();
    const { Roots } = await client.send(new ListRootsCommand({}));
    expect(Roots).toHaveLength(1);
    const root = Roots![0]!;
    expect(root.Id).toMatch(/^r-[a-z0-9]{4}$/);
    const top = await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: root.Id! }));
    expect(top.OrganizationalUnits?.map((u) => u.Name)).toEqual(["Workloads", "Security"]);
    const workloads = top.OrganizationalUnits![0]!;
    expect(workloads.Id).toMatch(new RegExp(`^ou-${root.Id!.slice(2)}-[a-z0-9]{8}$`));
    expect(workloads.Arn).toBe(`arn:aws:organizations::${MGMT}:ou/o-test123456/${workloads.Id}`);
    const below = await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: workloads.Id!, MaxResults: 1 }));
    expect(below.OrganizationalUnits?.map((u) => u.Name)).toEqual(["Prod"]);
    expect(below.NextToken).toBeTruthy();
    const prodOu = below.OrganizationalUnits![0]!;
    expect((await client.send(new ListAccountsForParentCommand({ ParentId: prodOu.Id! }))).Accounts?.map((a) => a.Id)).toEqual([PROD]);
    expect((await client.send(new ListAccountsForParentCommand({ ParentId: root.Id! }))).Accounts?.map((a) => a.Id)).toEqual([MGMT, SANDBOX]);
    expect((await client.send(new ListParentsCommand({ ChildId: PROD }))).Parents).toEqual([{ Id: prodOu.Id, Type: "ORGANIZATIONAL_UNIT" }]);
    expect((await client.send(new ListParentsCommand({ ChildId: workloads.Id! }))).Parents).toEqual([{ Id: root.Id, Type: "ROOT" }]);
    expect((await client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: prodOu.Id! }))).OrganizationalUnit).toEqual(prodOu);
    const missing = await caught(client.send(new ListAccountsForParentCommand({ ParentId: "ou-zzzz-zzzzzzzz" })));
    expect(missing.name).toBe("ParentNotFoundException");
  });

  it("refuses member accounts and MaxResults above 20", async () => {
    const member = orgs(await assume(PROD));
    await expect(member.send(new DescribeOrganizationCommand({}))).resolves.toBeTruthy();
    expect((await caught(member.send(new ListAccountsCommand({})))).name).toBe("AccessDeniedException");
    expect((await caught(orgs().send(new ListAccountsCommand({ MaxResults: 21 })))).name).toBe("InvalidInputException");
  });

  it("answers AccessDeniedException or AWSOrganizationsNotInUseException when so configured", async () => {
    fake.setFaults({ organizationsAccess: "denied" });
    const denied = await caught(orgs().send(new ListAccountsCommand({})));
    expect([denied.name, denied.$metadata.httpStatusCode]).toEqual(["AccessDeniedException", 400]);
    fake.setFaults({ organizationsAccess: "not-in-use" });
    expect((await caught(orgs().send(new DescribeOrganizationCommand({})))).name).toBe("AWSOrganizationsNotInUseException");
  });

  it("serves a standalone account that is in no organization", async () => {
    const standalone = await startFakeAws({ organization: null, standaloneAccount: account("666666666666", "solo", []) });
    try {
      const client = new OrganizationsClient({ region: "us-east-1", endpoint: standalone.url, credentials: standalone.managementCredentials });
      const error = await caught(client.send(new DescribeOrganizationCommand({})));
      expect([error.name, error.$metadata.httpStatusCode]).toEqual(["AWSOrganizationsNotInUseException", 400]);
      const who = await new STSClient({ region: "us-east-1", endpoint: standalone.url, credentials: standalone.managementCredentials }).send(new GetCallerIdentityCommand({}));
      expect(who.Account).toBe("666666666666");
    } finally {
      await standalone.stop();
    }
  });
});

describe("faults", () => {
  it("throttles, and the SDK's standard retry strategy retries", async () => {
    fake.setFaults({ throttle: { operation: "GetCallerIdentity", times: 1 } });
    const out = await sts().send(new GetCallerIdentityCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    const recorded = fake.calls.filter((c) => c.operation === "GetCallerIdentity").slice(-2);
    expect(recorded.map((c) => c.status)).toEqual([400, 200]);

    fake.setFaults({ throttle: { operation: "ListRoots" } });
    const error = await caught(orgs(undefined, { maxAttempts: 1 }).send(new ListRootsCommand({})));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(["TooManyRequestsException", 400]);
    fake.setFaults({ throttle: { accountId: MGMT } });
    const iamError = await caught(iam(undefined, { maxAttempts: 1 }).send(new GenerateCredentialReportCommand({})));
    expect([iamError.name, iamError.$metadata.httpStatusCode]).toEqual(["Throttling", 400]);
  });

  it("throttles only the matching account, for AssumeRole by target account", async () => {
    fake.setFaults({ throttle: { operation: "AssumeRole", accountId: SECURITY } });
    await expect(assume(PROD)).resolves.toBeTruthy();
    const error = await caught(sts(undefined, { maxAttempts: 1 }).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${SECURITY}:role/OrganizationAccountAccessRole`, RoleSessionName: "s1" })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(["Throttling", 400]);
  });

  it("throttles a seeded share of calls, the same way every run", async () => {
    const run = async () => {
      fake.setFaults({ throttle: { operation: "DescribeOrganization", rate: 0.5 }, seed: 7 });
      const client = orgs(undefined, { maxAttempts: 1 });
      const outcomes: boolean[] = [];
      for (let i = 0; i < 20; i++) outcomes.push(await client.send(new DescribeOrganizationCommand({})).then(() => true, () => false));
      return outcomes;
    };
    const first = await run();
    expect(first.filter((ok) => !ok).length).toBeGreaterThan(3);
    expect(first.filter((ok) => ok).length).toBeGreaterThan(3);
    expect(await run()).toEqual(first);
  });

  it("answers 503 and 500, retried as transient errors", async () => {
    fake.setFaults({ serverErrors: { operation: "DescribeOrganization", times: 1, status: 503 } });
    const out = await orgs().send(new DescribeOrganizationCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    fake.setFaults({ serverErrors: { status: 503 } });
    const unavailable = await caught(sts(undefined, { maxAttempts: 1 }).send(new GetCallerIdentityCommand({})));
    expect([unavailable.name, unavailable.$metadata.httpStatusCode]).toEqual(["ServiceUnavailable", 503]);
    fake.setFaults({ serverErrors: { accountId: MGMT } });
    const failure = await caught(iam(undefined, { maxAttempts: 1 }).send(new GenerateCredentialReportCommand({})));
    expect([failure.name, failure.$metadata.httpStatusCode]).toEqual(["ServiceFailureException", 500]);
  });

  it("adds latency without blocking other requests", async () => {
    fake.setFaults({ latencyMs: 200 });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 20 }, () => sts().send(new GetCallerIdentityCommand({}))));
    const elapsed = Date.now() - started;
    expect(results).toHaveLength(20);
    expect(elapsed).toBeGreaterThanOrEqual(195);
    expect(elapsed).toBeLessThan(1500);
  });

  // This handler version only logs an exceeded requestTimeout unless throwOnRequestTimeout is set.
  it("hangs a call until the client times out", async () => {
    fake.setFaults({ hangMs: { operation: "ListAccounts", ms: 2000, times: 1 } });
    const client = orgs(undefined, { maxAttempts: 1, requestHandler: new NodeHttpHandler({ requestTimeout: 150, throwOnRequestTimeout: true }) });
    const started = Date.now();
    const error = await caught(client.send(new ListAccountsCommand({})));
    expect(error.name).toBe("TimeoutError");
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(client.send(new ListAccountsCommand({}))).resolves.toBeTruthy();
  });

  it("serves hundreds of concurrent connections", async () => {
    fake.setFaults({ latencyMs: 100 });
    const client = sts(undefined, { requestHandler: new NodeHttpHandler({ httpAgent: { maxSockets: 400, keepAlive: true } }) });
    const results = await Promise.all(Array.from({ length: 400 }, () => client.send(new GetCallerIdentityCommand({}))));
    expect(results.every((r) => r.Account === MGMT && r.$metadata.attempts === 1)).toBe(true);
    client.destroy();
  });
});

describe("wire format", () => {
  const WIRE = join(SHARED_DATA, "aws-wire");
  const haveSamples = existsSync(WIRE);
  /** The element names of an XML document, in order, without text or attributes. */
  const skeleton = (xml: string) => [...xml.matchAll(/<\/?([A-Za-z]+)[^>]*?(\/?)>/g)].map((m) => `${m[0].startsWith("</") ? "/" : ""}${m[1]}${m[2]}`);
  const raw = async (service: string, body: string, headers: Record<string, string> = {}, accessKeyId = fake.managementCredentials.accessKeyId) => {
    const response = await fetch(`${fake.url}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`,
        ...headers,
      },
      body,
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  };

  it.skipIf(!haveSamples)("matches the captured STS and IAM responses element for element", async () => {
    const caller = await raw("sts", "Action=GetCallerIdentity&Version=2011-06-15");
    expect(caller.headers.get("content-type")).toBe("text/xml");
    expect(caller.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(skeleton(caller.text)).toEqual(skeleton(readFileSync(join(WIRE, "sts-GetCallerIdentity.xml"), "utf8")));
    expect(caller.text).toContain('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');

    const assumed = await raw("sts", `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(`arn:aws:iam::${PROD}:role/OrganizationAccountAccessRole`)}&RoleSessionName=vendorscope`);
    const sample = skeleton(readFileSync(join(WIRE, "sts-AssumeRole.xml"), "utf8")).filter((t) => !t.endsWith("PackedPolicySize"));
    expect(skeleton(assumed.text)).toEqual(sample);

    const generate = await raw("iam", "Action=GenerateCredentialReport&Version=2010-05-08", {}, "AKIAOTHERACCOUNTKEY1");
    expect(generate.text).toMatch(/^<GenerateCredentialReportResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><GenerateCredentialReportResult><State>COMPLETE<\/State>/);
    const report = await raw("iam", "Action=GetCredentialReport&Version=2010-05-08");
    expect(skeleton(report.text)).toEqual(skeleton(readFileSync(join(WIRE, "iam-GetCredentialReport.xml"), "utf8")));
  });

  it.skipIf(!haveSamples)("matches the captured error shapes", async () => {
    fake.setFaults({ throttle: { operation: "GetAccountAuthorizationDetails" } });
    const throttled = await raw("iam", "Action=GetAccountAuthorizationDetails&Version=2010-05-08&Filter.member.1=Role");
    const sample = readFileSync(join(WIRE, "iam-error-Throttling-written-from-docs.xml"), "utf8").trim();
    expect(throttled.status).toBe(400);
    expect(throttled.text.replace(/<RequestId>[^<]*</, "<RequestId><")).toBe(sample.replace(/<RequestId>[^<]*</, "<RequestId><"));

    fake.setFaults({ denyAssumeRole: [PROD] });
    const denied = await raw("sts", `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(`arn:aws:iam::${PROD}:role/OrganizationAccountAccessRole`)}&RoleSessionName=vendorscope`);
    expect(denied.status).toBe(403);
    expect(skeleton(denied.text)).toEqual(skeleton(readFileSync(join(WIRE, "sts-error-AccessDenied-written-from-docs.xml"), "utf8")));

    const orgSamples = JSON.parse(readFileSync(join(WIRE, "org-error-written-from-docs.json"), "utf8")) as Record<string, unknown>;
    fake.setFaults({ throttle: { operation: "ListAccounts" } });
    const org = await raw("organizations", "{}", { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSOrganizationsV20161128.ListAccounts" });
    expect(org.status).toBe(400);
    expect(org.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(JSON.parse(org.text)).toEqual(orgSamples["throttled (HTTP 400)"]);
  });

  it.skipIf(!haveSamples)("matches the captured Organizations response keys", async () => {
    const call = (op: string, body = "{}") => raw("organizations", body, { "content-type": "application/x-amz-json-1.1", "x-amz-target": `AWSOrganizationsV20161128.${op}` });
    const describe = JSON.parse((await call("DescribeOrganization")).text) as { Organization: object };
    const sample = JSON.parse(readFileSync(join(WIRE, "org-DescribeOrganization.json"), "utf8")) as { Organization: object };
    expect(Object.keys(describe.Organization).sort()).toEqual(Object.keys(sample.Organization).sort());
    const accounts = JSON.parse((await call("ListAccounts", '{"MaxResults":2}')).text) as { Accounts: Record<string, unknown>[]; NextToken: string };
    const samplePage = JSON.parse(readFileSync(join(WIRE, "org-ListAccounts-page1.json"), "utf8")) as { Accounts: Record<string, unknown>[] };
    expect(Object.keys(accounts.Accounts[0]!).sort()).toEqual(Object.keys(samplePage.Accounts[0]!).sort());
    expect(typeof accounts.Accounts[0]!.JoinedTimestamp).toBe("number");
    expect(typeof accounts.NextToken).toBe("string");
  });

  it("refuses unsigned requests", async () => {
    const response = await fetch(`${fake.url}/`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=GetCallerIdentity&Version=2011-06-15" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("<Code>MissingAuthenticationToken</Code>");
    expect(fake.calls.at(-1)).toMatchObject({ service: "sts", accountId: null, status: 403 });
  });
});
