/**
 * Generates the DEMO organization (`demo/`): "Meridian Freight", a fictional AWS Organization
 * of 20 accounts and 16 fictional vendors, exported at three points in time in exactly the
 * files a user produces:
 *
 *   demo/vendors.yaml                            the organization's own vendor mappings
 *   demo/snapshots/<N>-<date>/list-accounts.json     aws organizations list-accounts
 *   demo/snapshots/<N>-<date>/<account>-authz.json   aws iam get-account-authorization-details
 *   demo/snapshots/<N>-<date>/<account>-credential-report.csv   (a few accounts)
 *
 * Deterministic: no randomness and no clock. Ids come from hashes of names and every date is
 * fixed or relative to the snapshot's date, so re-running reproduces demo/ byte for byte
 * (tests/demo/demoOrganization.test.ts checks it). demo/README.md is written by hand.
 *
 *   npx tsx scripts/demo/generateDemo.ts [OUT_DIR]     (default: demo/ at the repository root)
 */
import { createHash } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// ---------------------------------------------------------------------------------------------
// The organization, its vendors and the snapshots
// ---------------------------------------------------------------------------------------------

export interface DemoSnapshot {
  index: 1 | 2 | 3;
  /** The day the files were exported (YYYY-MM-DD): pass it as `--as-of`. */
  date: string;
  /** The directory under demo/snapshots/. */
  dir: string;
}

export const DEMO_SNAPSHOTS: readonly DemoSnapshot[] = [
  { index: 1, date: "2026-08-01", dir: "1-2026-08-01" },
  { index: 2, date: "2026-09-15", dir: "2-2026-09-15" },
  { index: 3, date: "2026-11-01", dir: "3-2026-11-01" },
];

export const DEMO_ORG_ID = "o-m3r1d1anfx";
const DOMAIN = "meridian-freight.example";
const GITHUB_ORG = "meridian-freight";
const REGION = "eu-west-1";

type Kind = "management" | "security" | "log-archive" | "shared-services" | "network" | "workload" | "backup" | "sandbox";

interface AccountDef {
  name: string;
  id: string;
  kind: Kind;
  env?: "prod" | "staging" | "dev";
  /** The first snapshot the account is in (ml-research joins the organization in snapshot 2). */
  since: 1 | 2 | 3;
  joined: string;
  /** A credential report (CSV) is exported for the account. */
  credentialReport?: boolean;
}

export const DEMO_ACCOUNTS: readonly AccountDef[] = [
  { name: "meridian-management", id: "194820573316", kind: "management", since: 1, joined: "2021-03-15T09:12:44.218000+00:00", credentialReport: true },
  { name: "meridian-security", id: "283749105562", kind: "security", since: 1, joined: "2021-03-22T10:03:17.540000+00:00" },
  { name: "meridian-log-archive", id: "372615980447", kind: "log-archive", since: 1, joined: "2021-03-22T10:04:02.911000+00:00", credentialReport: true },
  { name: "meridian-shared-services", id: "461038275519", kind: "shared-services", since: 1, joined: "2021-04-06T13:41:55.067000+00:00" },
  { name: "meridian-network", id: "550927164438", kind: "network", since: 1, joined: "2021-04-06T13:44:21.702000+00:00" },
  { name: "payments-prod", id: "639481027735", kind: "workload", env: "prod", since: 1, joined: "2021-06-01T08:30:12.334000+00:00" },
  { name: "payments-staging", id: "728360194456", kind: "workload", env: "staging", since: 1, joined: "2021-06-01T08:31:40.125000+00:00" },
  { name: "payments-dev", id: "817253608829", kind: "workload", env: "dev", since: 1, joined: "2021-06-01T08:33:05.876000+00:00", credentialReport: true },
  { name: "logistics-prod", id: "906142730051", kind: "workload", env: "prod", since: 1, joined: "2022-01-17T11:20:48.449000+00:00" },
  { name: "logistics-staging", id: "115037462298", kind: "workload", env: "staging", since: 1, joined: "2022-01-17T11:22:09.183000+00:00" },
  { name: "logistics-dev", id: "204918375564", kind: "workload", env: "dev", since: 1, joined: "2022-01-17T11:23:37.620000+00:00" },
  { name: "data-platform-prod", id: "393807251176", kind: "workload", env: "prod", since: 1, joined: "2022-09-05T14:02:51.998000+00:00", credentialReport: true },
  { name: "data-platform-dev", id: "482796140683", kind: "workload", env: "dev", since: 1, joined: "2022-09-05T14:04:30.412000+00:00" },
  { name: "analytics-prod", id: "571685039947", kind: "workload", env: "prod", since: 1, joined: "2023-02-13T09:55:03.761000+00:00" },
  { name: "customer-portal-prod", id: "660574928318", kind: "workload", env: "prod", since: 1, joined: "2023-05-08T16:18:26.093000+00:00", credentialReport: true },
  { name: "customer-portal-staging", id: "749463817702", kind: "workload", env: "staging", since: 1, joined: "2023-05-08T16:19:58.557000+00:00" },
  { name: "backup-vault", id: "838352706194", kind: "backup", since: 1, joined: "2023-11-20T10:07:14.305000+00:00" },
  { name: "ml-research", id: "927241695580", kind: "workload", env: "dev", since: 2, joined: "2026-08-19T15:26:40.850000+00:00" },
  { name: "sandbox-platform", id: "136130584469", kind: "sandbox", since: 1, joined: "2024-04-02T12:45:31.228000+00:00" },
  { name: "sandbox-data", id: "225019473853", kind: "sandbox", since: 1, joined: "2024-04-02T12:47:09.964000+00:00" },
];

const account = (name: string): AccountDef => DEMO_ACCOUNTS.find((a) => a.name === name)!;
const MANAGEMENT = account("meridian-management");
const SECURITY = account("meridian-security");
const SHARED_SERVICES = account("meridian-shared-services");

interface VendorDef {
  name: string;
  accounts: string[];
  source: string;
}

/** Fictional vendors (demo/vendors.yaml). Pied Piper's access is removed in snapshot 3. */
export const DEMO_VENDORS: readonly VendorDef[] = [
  { name: "Northwind Monitoring", accounts: ["318467205913", "318467299120"], source: "https://northwind-monitoring.example/docs/aws-integration" },
  { name: "Contoso Backup", accounts: ["604218837745"], source: "https://contoso-backup.example/docs/aws" },
  { name: "Globex CI", accounts: ["745902316684"], source: "https://globex-ci.example/docs/deploy-to-aws" },
  { name: "Initrode Security Scanner", accounts: ["129584730261"], source: "https://initrode.example/scanner/aws-setup" },
  { name: "Umbrella Cost Optimizer", accounts: ["873310542698"], source: "https://umbrella-cost.example/onboarding" },
  { name: "Hooli Log Analytics", accounts: ["562087134459"], source: "https://hooli-logs.example/docs/aws-s3" },
  { name: "Vandelay Data Warehouse", accounts: ["390275618842"], source: "https://vandelay-dw.example/docs/aws" },
  { name: "Stark Incident Response", accounts: ["951746203387"], source: "https://stark-ir.example/retainer/aws" },
  { name: "Wayne Compliance", accounts: ["207813965524"], source: "https://wayne-compliance.example/aws-audit" },
  { name: "Cyberdyne MDR", accounts: ["684129075531"], source: "https://cyberdyne-mdr.example/docs/aws" },
  { name: "Soylent Billing", accounts: ["472650318896"], source: "https://soylent-billing.example/aws" },
  { name: "Tyrell Analytics", accounts: ["815930264417"], source: "https://tyrell-analytics.example/docs/bedrock" },
  { name: "Massive Dynamic SIEM", accounts: ["536871249902"], source: "https://massive-dynamic.example/siem/aws" },
  { name: "Oscorp Deploy", accounts: ["709364582210"], source: "https://oscorp-deploy.example/docs" },
  { name: "Wonka Support", accounts: ["248193756620"], source: "https://wonka-support.example/aws-access" },
  { name: "Pied Piper Compression", accounts: ["157342986604"], source: "https://piedpiper.example/docs/s3" },
];

const vendorAccount = (name: string): string => DEMO_VENDORS.find((v) => v.name === name)!.accounts[0]!;

/** External accounts nobody has named (not in vendors.yaml): they show as "unknown account". */
export const DEMO_UNKNOWN_ACCOUNTS = ["930417258863", "266054719388"] as const;

/** The role name with characters that must render inert in every view. */
export const HOSTILE_ROLE_NAME = `partner-"quoted"&<odd>-role`;

// ---------------------------------------------------------------------------------------------
// Deterministic helpers: hashes for ids, fixed dates
// ---------------------------------------------------------------------------------------------

function digest(seed: string): Buffer {
  return createHash("sha256").update(seed).digest();
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** An IAM unique id such as AROA… (roles), AIDA… (users), ANPA… (policies), from a seed. */
function iamId(prefix: string, seed: string): string {
  const bytes = digest(`${prefix}|${seed}`);
  let out = prefix;
  for (let i = 0; i < 17; i++) out += BASE32[bytes[i]! % 32];
  return out;
}

function hex(seed: string, length: number): string {
  return digest(seed).toString("hex").slice(0, length);
}

/** A number in [0, n) from a seed. */
function pick(seed: string, n: number): number {
  return digest(seed).readUInt32BE(0) % n;
}

/** `YYYY-MM-DD` minus `days`, at hh:mm UTC, as the AWS CLI prints IAM dates. */
function daysBefore(date: string, days: number, hour: number, minute: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) - days * 86_400_000 + (hour * 60 + minute) * 60_000;
  return cliDate(new Date(t).toISOString());
}

/** `2026-10-31T08:12:00.000Z` → `2026-10-31T08:12:00+00:00`. */
function cliDate(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, "+00:00").replace(/Z$/, "+00:00");
}

// ---------------------------------------------------------------------------------------------
// Policy documents
// ---------------------------------------------------------------------------------------------

type Condition = Record<string, Record<string, string | string[]>>;
interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Condition;
}
interface PolicyDoc {
  Version: "2012-10-17";
  Statement: Statement[];
}

const doc = (...statements: Statement[]): PolicyDoc => ({ Version: "2012-10-17", Statement: statements });
const allow = (action: string | string[], resource: string | string[] = "*", sid?: string): Statement => ({
  ...(sid ? { Sid: sid } : {}),
  Effect: "Allow",
  Action: action,
  Resource: resource,
});

/** Trust: an AWS principal (account root, role ARN, unique id or "*") may call sts:AssumeRole. */
function trustAws(principal: string | string[], condition?: Condition): PolicyDoc {
  return doc({ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });
}

function trustService(service: string): PolicyDoc {
  return doc({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" });
}

function trustOidc(accountId: string, host: string, condition: Condition): PolicyDoc {
  return doc({
    Effect: "Allow",
    Principal: { Federated: `arn:aws:iam::${accountId}:oidc-provider/${host}` },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: condition,
  });
}

const externalId = (value: string): Condition => ({ StringEquals: { "sts:ExternalId": value } });
const rootOf = (accountId: string) => `arn:aws:iam::${accountId}:root`;
const roleArnIn = (accountId: string, name: string) => `arn:aws:iam::${accountId}:role/${name}`;

/**
 * Services whose Describe*, Get* and List* actions the read-only AWS policies grant (a compact
 * approximation of the real, much longer documents). Backup, Glue and Step Functions are left
 * out: the action catalogue files a few of their Describe/List/Get actions under Write, which
 * would make every read-only role look writable.
 */
const READ_SERVICES = [
  "autoscaling", "cloudformation", "cloudfront", "cloudtrail", "cloudwatch", "config", "dynamodb", "ec2", "ecr", "ecs", "eks",
  "elasticloadbalancing", "guardduty", "iam", "kms", "lambda", "logs", "organizations", "rds", "route53", "s3", "sns", "sqs", "ssm",
];
/** Named metadata reads for the services left out above. */
const READ_EXTRAS = ["backup:DescribeBackupVault", "backup:ListBackupPlans", "backup:ListBackupVaults", "glue:GetDatabases", "glue:GetTables", "states:DescribeStateMachine", "states:ListStateMachines"];

/** AWS managed policies (compact approximations of the real documents). */
interface AwsPolicyDef {
  name: string;
  path: string;
  versionId: string;
  created: string;
  updated: string;
  document: PolicyDoc;
}

const AWS_POLICIES: readonly AwsPolicyDef[] = [
  { name: "AdministratorAccess", path: "/", versionId: "v1", created: "2015-02-06T18:39:46+00:00", updated: "2015-02-06T18:39:46+00:00", document: doc(allow("*")) },
  {
    name: "ReadOnlyAccess",
    path: "/",
    versionId: "v118",
    created: "2015-02-06T18:39:48+00:00",
    updated: "2026-06-24T17:02:13+00:00",
    document: doc(allow([...READ_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:Get*`, `${s}:List*`]), ...READ_EXTRAS, "tag:GetResources"], "*", "ReadOnlyActions")),
  },
  {
    name: "ViewOnlyAccess",
    path: "/job-function/",
    versionId: "v37",
    created: "2016-11-10T17:20:15+00:00",
    updated: "2026-03-11T19:44:08+00:00",
    document: doc(allow([...READ_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:List*`]), ...READ_EXTRAS], "*", "ViewOnlyActions")),
  },
  {
    name: "SecurityAudit",
    path: "/",
    versionId: "v52",
    created: "2015-02-06T18:41:01+00:00",
    updated: "2026-05-19T15:37:51+00:00",
    document: doc(
      allow([...READ_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:List*`]), ...READ_EXTRAS], "*", "BaseSecurityAudit"),
      allow(
        [
          "iam:GenerateCredentialReport", "iam:GetAccountAuthorizationDetails", "iam:GetAccountPasswordPolicy", "iam:GetAccountSummary",
          "iam:GetCredentialReport", "iam:GetPolicyVersion", "iam:GetRolePolicy", "s3:GetBucketAcl", "s3:GetBucketPolicy",
          "s3:GetBucketPublicAccessBlock", "s3:GetEncryptionConfiguration", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
          "lambda:GetPolicy", "guardduty:GetDetector", "config:GetComplianceSummaryByConfigRule",
        ],
        "*",
        "SecurityAuditExtras",
      ),
    ),
  },
  {
    name: "PowerUserAccess",
    path: "/",
    versionId: "v5",
    created: "2015-02-06T18:39:47+00:00",
    updated: "2023-07-06T22:04:00+00:00",
    document: doc(
      { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
      allow(["account:GetAccountInformation", "account:ListRegions", "iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization"]),
    ),
  },
  {
    name: "AWSLambdaBasicExecutionRole",
    path: "/service-role/",
    versionId: "v1",
    created: "2015-04-09T15:03:43+00:00",
    updated: "2015-04-09T15:03:43+00:00",
    document: doc(allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"])),
  },
  {
    name: "AmazonECSTaskExecutionRolePolicy",
    path: "/service-role/",
    versionId: "v1",
    created: "2017-11-16T18:48:22+00:00",
    updated: "2017-11-16T18:48:22+00:00",
    document: doc(allow(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"])),
  },
  {
    name: "AWSBackupServiceRolePolicyForBackup",
    path: "/service-role/",
    versionId: "v19",
    created: "2019-01-10T21:01:28+00:00",
    updated: "2025-11-18T16:15:42+00:00",
    document: doc(allow(["backup:*", "ec2:CreateSnapshot", "ec2:CreateTags", "ec2:DescribeSnapshots", "ec2:DescribeVolumes", "rds:CreateDBSnapshot", "rds:DescribeDBSnapshots", "dynamodb:CreateBackup", "dynamodb:DescribeTable"])),
  },
  {
    name: "AWSSupportServiceRolePolicy",
    path: "/aws-service-role/",
    versionId: "v41",
    created: "2018-04-19T18:04:44+00:00",
    updated: "2026-02-03T19:21:05+00:00",
    document: doc(allow(["support:*", "ec2:DescribeInstances", "ec2:DescribeVolumes", "iam:GetAccountSummary", "cloudwatch:DescribeAlarms", "trustedadvisor:Describe*"], "*", "AWSSupportAPIs")),
  },
  {
    name: "AWSTrustedAdvisorServiceRolePolicy",
    path: "/aws-service-role/",
    versionId: "v14",
    created: "2018-02-22T21:24:25+00:00",
    updated: "2025-08-27T17:53:37+00:00",
    document: doc(allow(["autoscaling:Describe*", "cloudformation:Describe*", "cloudfront:List*", "ec2:Describe*", "elasticloadbalancing:Describe*", "iam:GenerateCredentialReport", "iam:GetAccountSummary", "rds:Describe*", "s3:GetBucketPolicyStatus"])),
  },
  {
    name: "AWSOrganizationsServiceTrustPolicy",
    path: "/aws-service-role/",
    versionId: "v2",
    created: "2017-10-10T23:04:07+00:00",
    updated: "2022-11-01T17:33:26+00:00",
    document: doc(allow(["iam:DeleteRole"], "arn:aws:iam::*:role/aws-service-role/organizations.amazonaws.com/*", "AllowDeletionOfServiceLinkedRoleForOrganizations"), allow(["iam:CreateServiceLinkedRole"], "*")),
  },
  {
    name: "AWSSSOServiceRolePolicy",
    path: "/aws-service-role/",
    versionId: "v33",
    created: "2017-12-05T18:36:15+00:00",
    updated: "2026-01-21T19:18:52+00:00",
    document: doc(allow(["iam:AttachRolePolicy", "iam:CreateRole", "iam:DeleteRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:GetRole", "iam:ListRolePolicies", "iam:PutRolePolicy", "iam:ListAttachedRolePolicies"], "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*", "IAMRoleProvisioningActions")),
  },
];

const awsPolicyArn = (name: string): string => {
  const def = AWS_POLICIES.find((p) => p.name === name);
  if (!def) throw new Error(`no AWS managed policy ${name}`);
  return `arn:aws:iam::aws:policy${def.path}${name}`;
};

// ---------------------------------------------------------------------------------------------
// One account at one snapshot
// ---------------------------------------------------------------------------------------------

/** When a role was last used: days before the snapshot, a fixed time, or never. */
type LastUsed = { daysAgo: number; region?: string } | { at: string; region?: string } | "never";

interface RoleDef {
  name: string;
  path?: string;
  created: string;
  trust: PolicyDoc;
  inline?: [name: string, document: PolicyDoc][];
  managed?: string[];
  boundary?: string;
  lastUsed: LastUsed;
  tags?: [key: string, value: string][];
  instanceProfile?: boolean;
}

interface AccessKeyDef {
  active: boolean;
  rotated: string;
  lastUsed?: { daysAgo: number } | { at: string };
  service?: string;
  region?: string;
}

interface UserDef {
  name: string;
  path?: string;
  created: string;
  tags?: [key: string, value: string][];
  inline?: [name: string, document: PolicyDoc][];
  managed?: string[];
  groups?: string[];
  password?: { lastUsed: { daysAgo: number } | "never"; lastChanged: string; mfa: boolean };
  keys?: AccessKeyDef[];
}

interface GroupDef {
  name: string;
  created: string;
  managed?: string[];
  inline?: [name: string, document: PolicyDoc][];
}

interface CustomerPolicyDef {
  name: string;
  created: string;
  /** Oldest first; the last one is the default version. */
  versions: { id: string; created: string; document: PolicyDoc }[];
}

class AccountBuilder {
  readonly roles: RoleDef[] = [];
  readonly users: UserDef[] = [];
  readonly groups: GroupDef[] = [];
  readonly customerPolicies: CustomerPolicyDef[] = [];

  constructor(
    readonly account: AccountDef,
    readonly snapshot: DemoSnapshot,
  ) {}

  get id(): string {
    return this.account.id;
  }

  /** From snapshot `n` on. */
  from(n: number): boolean {
    return this.snapshot.index >= n;
  }

  /** Nothing in an account predates the account (ml-research joins in snapshot 2). */
  private notBeforeJoining(created: string): string {
    const joined = Date.parse(this.account.joined);
    return Date.parse(created) >= joined ? created : cliDate(new Date(joined - (joined % 60_000) + 3_600_000).toISOString());
  }

  role(def: RoleDef): void {
    this.roles.push({ ...def, created: this.notBeforeJoining(def.created) });
  }

  user(def: UserDef): void {
    this.users.push({ ...def, created: this.notBeforeJoining(def.created) });
  }

  group(def: GroupDef): void {
    this.groups.push({ ...def, created: this.notBeforeJoining(def.created) });
  }

  /** A customer managed policy of this account; returns its ARN. */
  policy(def: CustomerPolicyDef): string {
    if (!this.customerPolicies.some((p) => p.name === def.name)) {
      const versions = def.versions.map((v) => ({ ...v, created: this.notBeforeJoining(v.created) }));
      this.customerPolicies.push({ ...def, created: this.notBeforeJoining(def.created), versions });
    }
    return `arn:aws:iam::${this.id}:policy/${def.name}`;
  }

  /** A hash-derived "used recently" value, so accounts don't all look alike. */
  recent(seed: string, maxDays = 6): LastUsed {
    return { daysAgo: 1 + pick(`${this.id}|${seed}`, maxDays) };
  }
}

// ---- policies shared by several accounts ------------------------------------------------------

function deployBoundary(b: AccountBuilder): string {
  return b.policy({
    name: "DeployBoundary",
    created: "2024-02-12T10:15:00+00:00",
    versions: [
      { id: "v1", created: "2024-02-12T10:15:00+00:00", document: doc(allow(["ecs:*", "ecr:*", "logs:*", "s3:*", "cloudfront:*"], "*", "DeployServices")) },
      {
        id: "v2",
        created: "2025-01-28T16:40:00+00:00",
        document: doc(
          allow(["ecs:*", "ecr:*", "logs:*", "s3:*", "cloudfront:*", "iam:PassRole"], "*", "DeployServices"),
          { Sid: "NoIdentityChanges", Effect: "Deny", Action: ["iam:Create*", "iam:Put*", "iam:Attach*", "organizations:*"], Resource: "*" },
        ),
      },
    ],
  });
}

function northwindPolicy(b: AccountBuilder): string {
  return b.policy({
    name: "NorthwindMonitoringPolicy",
    created: "2024-05-06T09:00:00+00:00",
    versions: [
      {
        id: "v1",
        created: "2024-05-06T09:00:00+00:00",
        document: doc(
          allow(
            [
              "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*", "ec2:Describe*", "ecs:Describe*", "ecs:List*", "elasticloadbalancing:Describe*",
              "lambda:List*", "logs:DescribeLogGroups", "logs:FilterLogEvents", "rds:Describe*", "sqs:ListQueues", "tag:GetResources",
            ],
            "*",
            "NorthwindMetricsAndLogs",
          ),
        ),
      },
    ],
  });
}

function withTags(vendor: string | null, ...extra: [string, string][]): [string, string][] {
  return [...(vendor ? ([["vendor", vendor]] as [string, string][]) : []), ...extra];
}

// ---- roles every account has ------------------------------------------------------------------

function baselineRoles(b: AccountBuilder): void {
  const { account } = b;
  const joined = cliDate(new Date(Date.parse(account.joined) + 3_600_000).toISOString()).replace(/:\d\d\+/, ":00+");
  if (account.kind !== "management") {
    b.role({
      name: "OrganizationAccountAccessRole",
      created: joined,
      trust: trustAws(rootOf(MANAGEMENT.id)),
      managed: [awsPolicyArn("AdministratorAccess")],
      lastUsed: { daysAgo: 3 + pick(`${b.id}|orgaccess|${b.snapshot.index}`, 40), region: "us-east-1" },
    });
  }
  const samlProvider = `arn:aws:iam::${b.id}:saml-provider/AWSSSO_${hex("sso-instance", 16)}_DO_NOT_DELETE`;
  for (const [permissionSet, policy] of [["AdministratorAccess", "AdministratorAccess"], ["ReadOnlyAccess", "ReadOnlyAccess"]] as const) {
    b.role({
      name: `AWSReservedSSO_${permissionSet}_${hex(`${b.id}|${permissionSet}`, 16)}`,
      path: `/aws-reserved/sso.amazonaws.com/${REGION}/`,
      created: "2024-01-09T14:22:31+00:00",
      trust: doc({
        Effect: "Allow",
        Principal: { Federated: samlProvider },
        Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
        Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
      }),
      managed: [awsPolicyArn(policy)],
      lastUsed: permissionSet === "AdministratorAccess" && account.kind === "sandbox" ? "never" : b.recent(`sso|${permissionSet}|${b.snapshot.index}`, 9),
    });
  }
  if (account.kind !== "security") {
    b.role({
      name: "meridian-security-audit",
      created: "2024-01-15T09:30:00+00:00",
      trust: trustAws(roleArnIn(SECURITY.id, "security-tooling")),
      managed: [awsPolicyArn("SecurityAudit")],
      lastUsed: b.recent(`audit|${b.snapshot.index}`, 2),
      tags: [["managed-by", "stackset/security-baseline"]],
    });
  }
  // Initrode's scanner is deployed to every account by a StackSet.
  b.role({
    name: "InitrodeSecurityScanner",
    created: "2024-06-03T08:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Initrode Security Scanner")), externalId("initrode-mf-4c1d9a7e")),
    managed: [awsPolicyArn("SecurityAudit")],
    lastUsed: { daysAgo: 1, region: "us-east-1" },
    tags: withTags("Initrode Security Scanner", ["managed-by", "stackset/security-baseline"]),
  });
  b.role({
    name: "AWSServiceRoleForSupport",
    path: "/aws-service-role/support.amazonaws.com/",
    created: joined,
    trust: trustService("support.amazonaws.com"),
    managed: [awsPolicyArn("AWSSupportServiceRolePolicy")],
    lastUsed: "never",
  });
  b.role({
    name: "AWSServiceRoleForTrustedAdvisor",
    path: "/aws-service-role/trustedadvisor.amazonaws.com/",
    created: joined,
    trust: trustService("trustedadvisor.amazonaws.com"),
    managed: [awsPolicyArn("AWSTrustedAdvisorServiceRolePolicy")],
    lastUsed: { daysAgo: 1, region: "us-east-1" },
  });
}

// ---- workload applications ------------------------------------------------------------------

const APPS: Record<string, string> = {
  payments: "payments-api",
  logistics: "shipment-tracker",
  "data-platform": "ingest",
  analytics: "dashboards",
  "customer-portal": "portal-web",
  ml: "feature-store",
};

function appOf(account: AccountDef): string {
  const prefix = Object.keys(APPS).find((p) => account.name.startsWith(p)) ?? "ml";
  return APPS[prefix]!;
}

function workloadRoles(b: AccountBuilder): void {
  const app = appOf(b.account);
  const created = "2024-03-18T13:05:00+00:00";
  b.role({
    name: `${app}-lambda`,
    path: "/service-role/",
    created,
    trust: trustService("lambda.amazonaws.com"),
    managed: [awsPolicyArn("AWSLambdaBasicExecutionRole")],
    inline: [
      [
        "app-data",
        doc(
          allow(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"], `arn:aws:dynamodb:${REGION}:${b.id}:table/${app}-*`),
          allow(["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"], `arn:aws:sqs:${REGION}:${b.id}:${app}-*`),
        ),
      ],
    ],
    lastUsed: { daysAgo: 1, region: REGION },
  });
  b.role({
    name: `${app}-ecs-task`,
    created,
    trust: trustService("ecs-tasks.amazonaws.com"),
    inline: [["app", doc(allow(["s3:GetObject", "s3:PutObject"], `arn:aws:s3:::meridian-${b.account.name}-${app}/*`), allow("secretsmanager:GetSecretValue", `arn:aws:secretsmanager:${REGION}:${b.id}:secret:${app}/*`))]],
    lastUsed: { daysAgo: 1, region: REGION },
  });
  b.role({
    name: "ecsTaskExecutionRole",
    created,
    trust: trustService("ecs-tasks.amazonaws.com"),
    managed: [awsPolicyArn("AmazonECSTaskExecutionRolePolicy")],
    lastUsed: { daysAgo: 1, region: REGION },
  });
  if (b.account.env !== "dev") {
    b.role({
      name: "platform-pipeline-deployer",
      created: "2024-04-02T11:00:00+00:00",
      trust: trustAws(roleArnIn(SHARED_SERVICES.id, "platform-pipeline")),
      managed: [awsPolicyArn("PowerUserAccess")],
      lastUsed: b.recent(`pipeline|${b.snapshot.index}`, 3),
      tags: [["owner", "platform-team"]],
    });
  }
  // Northwind monitors production, and the new ml-research account from the day it joined.
  if (b.account.env === "prod" || b.account.name === "ml-research") {
    b.role({
      name: "NorthwindMonitoringIntegration",
      created: b.account.since > 1 ? "2026-08-25T10:00:00+00:00" : "2024-05-06T09:30:00+00:00",
      trust: trustAws(rootOf(vendorAccount("Northwind Monitoring")), externalId("nw-5f0c2b9d41")),
      managed: [northwindPolicy(b)],
      lastUsed: { daysAgo: 1, region: "us-east-1" },
      tags: withTags("Northwind Monitoring", ["owner", "sre"]),
    });
  }
}

function githubDeploy(b: AccountBuilder, repo: string): void {
  b.role({
    name: "github-actions-deploy",
    created: "2025-02-03T15:20:00+00:00",
    trust: trustOidc(b.id, "token.actions.githubusercontent.com", {
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
      StringLike: { "token.actions.githubusercontent.com:sub": `repo:${GITHUB_ORG}/${repo}:ref:refs/heads/main` },
    }),
    inline: [
      [
        "deploy",
        doc(
          allow(["ecs:UpdateService", "ecs:RegisterTaskDefinition", "ecs:DescribeServices", "ecs:DescribeTaskDefinition"], "*", "Ecs"),
          allow(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"], "*", "Ecr"),
          allow("iam:PassRole", `arn:aws:iam::${b.id}:role/${appOf(b.account)}-*`, "PassTaskRole"),
          allow(["s3:PutObject", "s3:ListBucket"], [`arn:aws:s3:::meridian-${b.account.name}-static`, `arn:aws:s3:::meridian-${b.account.name}-static/*`], "Static"),
          allow("cloudfront:CreateInvalidation", "*", "Cdn"),
        ),
      ],
    ],
    boundary: deployBoundary(b),
    lastUsed: b.recent(`gha|${b.snapshot.index}`, 4),
    tags: [["owner", `${appOf(b.account)}-team`]],
  });
}

// ---- the notable roles, account by account ------------------------------------------------------

function accountSpecifics(b: AccountBuilder): void {
  const { snapshot } = b;
  const date = snapshot.date;
  switch (b.account.name) {
    case "meridian-management": {
      b.role({
        name: "AWSServiceRoleForOrganizations",
        path: "/aws-service-role/organizations.amazonaws.com/",
        created: "2021-03-15T09:12:50+00:00",
        trust: trustService("organizations.amazonaws.com"),
        managed: [awsPolicyArn("AWSOrganizationsServiceTrustPolicy")],
        lastUsed: "never",
      });
      b.role({
        name: "AWSServiceRoleForSSO",
        path: "/aws-service-role/sso.amazonaws.com/",
        created: "2024-01-09T14:20:02+00:00",
        trust: trustService("sso.amazonaws.com"),
        managed: [awsPolicyArn("AWSSSOServiceRolePolicy")],
        lastUsed: { daysAgo: 1, region: REGION },
      });
      // Weak ExternalId (any value); the customer managed policy gains stop/modify actions in
      // snapshot 2 (a new default version).
      const umbrellaVersions = [
        {
          id: "v1",
          created: "2025-09-01T12:00:00+00:00",
          document: doc(allow(["ce:Get*", "ce:Describe*", "ce:List*", "cur:DescribeReportDefinitions", "ec2:Describe*", "rds:Describe*", "cloudwatch:GetMetricStatistics", "savingsplans:Describe*"], "*", "CostVisibility")),
        },
        {
          id: "v2",
          created: "2026-08-28T09:45:00+00:00",
          document: doc(
            allow(["ce:Get*", "ce:Describe*", "ce:List*", "cur:DescribeReportDefinitions", "ec2:Describe*", "rds:Describe*", "cloudwatch:GetMetricStatistics", "savingsplans:Describe*"], "*", "CostVisibility"),
            allow(["ec2:StopInstances", "ec2:ModifyInstanceAttribute", "ec2:DeleteSnapshot", "ec2:DeleteVolume", "rds:StopDBInstance", "rds:ModifyDBInstance"], "*", "RightsizingActions"),
          ),
        },
      ];
      b.role({
        name: "UmbrellaCostOptimizerRole",
        created: "2025-09-01T12:10:00+00:00",
        trust: trustAws(rootOf(vendorAccount("Umbrella Cost Optimizer")), { StringLike: { "sts:ExternalId": "*" } }),
        managed: [b.policy({ name: "UmbrellaCostOptimizerPolicy", created: "2025-09-01T12:00:00+00:00", versions: b.from(2) ? umbrellaVersions : umbrellaVersions.slice(0, 1) })],
        lastUsed: { daysAgo: 1, region: "us-east-1" },
        tags: withTags("Umbrella Cost Optimizer", ["owner", "finops"]),
      });
      b.role({
        name: "SoylentBillingReader",
        created: "2024-11-12T10:00:00+00:00",
        trust: trustAws(rootOf(vendorAccount("Soylent Billing"))),
        inline: [["billing-read", doc(allow(["ce:Get*", "ce:Describe*", "budgets:ViewBudget", "cur:DescribeReportDefinitions", "organizations:DescribeOrganization", "organizations:ListAccounts"], "*"))]],
        lastUsed: { daysAgo: 2, region: "us-east-1" },
        tags: withTags("Soylent Billing", ["owner", "finance"]),
      });
      b.role({
        name: "WayneComplianceAudit",
        created: "2025-03-03T09:00:00+00:00",
        trust: trustAws(rootOf(vendorAccount("Wayne Compliance")), externalId("wayne-audit-7731")),
        managed: [awsPolicyArn("ViewOnlyAccess")],
        lastUsed: "never",
        tags: withTags("Wayne Compliance", ["owner", "grc"]),
      });
      const admins = b.policy({
        name: "BillingAdmins",
        created: "2022-02-01T10:00:00+00:00",
        versions: [{ id: "v1", created: "2022-02-01T10:00:00+00:00", document: doc(allow(["ce:*", "budgets:*", "cur:*", "aws-portal:*"], "*")) }],
      });
      b.group({ name: "billing-admins", created: "2022-02-01T10:05:00+00:00", managed: [admins] });
      b.user({
        name: "soylent-billing-export",
        path: "/vendors/soylent-billing/",
        created: "2024-05-14T08:40:00+00:00",
        tags: [["vendor", "Soylent Billing"]],
        inline: [["cur-bucket-read", doc(allow(["s3:GetObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-cur-exports", "arn:aws:s3:::meridian-cur-exports/*"]))]],
        keys: [{ active: true, rotated: "2024-05-14T08:41:12+00:00", lastUsed: { daysAgo: 1 }, service: "s3", region: "us-east-1" }],
      });
      b.user({
        name: "legacy-jenkins",
        created: "2022-09-20T13:00:00+00:00",
        managed: [awsPolicyArn("PowerUserAccess")],
        keys: [{ active: true, rotated: "2022-09-20T13:02:45+00:00", lastUsed: { at: "2025-12-03T22:14:00+00:00" }, service: "cloudformation", region: REGION }],
      });
      b.user({
        name: "breakglass-admin",
        created: "2021-03-15T10:00:00+00:00",
        groups: ["billing-admins"],
        managed: [awsPolicyArn("AdministratorAccess")],
        password: { lastUsed: { daysAgo: 47 }, lastChanged: "2026-01-10T09:00:00+00:00", mfa: true },
      });
      return;
    }
    case "meridian-security": {
      b.role({
        name: "security-tooling",
        created: "2024-01-15T09:00:00+00:00",
        trust: trustService("lambda.amazonaws.com"),
        managed: [awsPolicyArn("AWSLambdaBasicExecutionRole")],
        inline: [["assume-audit", doc(allow("sts:AssumeRole", "arn:aws:iam::*:role/meridian-security-audit"))]],
        lastUsed: { daysAgo: 1, region: REGION },
      });
      // A break-glass retainer: administrator, exercised once in July; unused by snapshot 3.
      b.role({
        name: "StarkIncidentResponse",
        created: "2025-06-01T10:00:00+00:00",
        trust: trustAws(rootOf(vendorAccount("Stark Incident Response")), externalId("stark-ir-retainer-2025")),
        managed: [awsPolicyArn("AdministratorAccess")],
        lastUsed: { at: "2026-07-20T14:05:00+00:00", region: REGION },
        tags: withTags("Stark Incident Response", ["purpose", "break-glass"]),
      });
      b.role({
        name: "WayneComplianceAudit",
        created: "2025-03-03T09:00:00+00:00",
        trust: trustAws(rootOf(vendorAccount("Wayne Compliance")), externalId("wayne-audit-7731")),
        managed: [awsPolicyArn("ViewOnlyAccess")],
        lastUsed: { daysAgo: 12, region: "us-east-1" },
        tags: withTags("Wayne Compliance", ["owner", "grc"]),
      });
      if (b.from(2)) massiveDynamicSiem(b);
      if (b.from(3)) cyberdyneMdr(b);
      return;
    }
    case "meridian-log-archive": {
      const bucket = "arn:aws:s3:::meridian-org-cloudtrail";
      // No ExternalId until snapshot 3.
      b.role({
        name: "HooliLogAnalytics",
        created: "2024-09-09T11:00:00+00:00",
        trust: trustAws(rootOf(vendorAccount("Hooli Log Analytics")), b.from(3) ? externalId("hooli-7e21c0b4") : undefined),
        inline: [["read-trails", doc(allow(["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"], [bucket, `${bucket}/*`]), allow("kms:Decrypt", `arn:aws:kms:${REGION}:${b.id}:key/*`))]],
        lastUsed: { daysAgo: 1, region: REGION },
        tags: withTags("Hooli Log Analytics"),
      });
      if (b.from(2)) massiveDynamicSiem(b);
      b.user({
        name: "hooli-shipper",
        path: "/vendors/hooli/",
        created: "2023-06-19T10:00:00+00:00",
        tags: [["vendor", "Hooli Log Analytics"], ["note", "replaced by HooliLogAnalytics role"]],
        inline: [["read-trails", doc(allow(["s3:GetObject", "s3:ListBucket"], [bucket, `${bucket}/*`]))]],
        keys: [{ active: true, rotated: "2023-06-19T10:01:33+00:00", lastUsed: { at: "2024-09-30T03:12:00+00:00" }, service: "s3", region: REGION }],
      });
      return;
    }
    case "meridian-shared-services": {
      b.role({
        name: "platform-pipeline",
        created: "2024-04-02T10:30:00+00:00",
        trust: trustService("codebuild.amazonaws.com"),
        inline: [["assume-deployers", doc(allow("sts:AssumeRole", "arn:aws:iam::*:role/platform-pipeline-deployer"))]],
        lastUsed: { daysAgo: 1, region: REGION },
      });
      const tfc = (phase: string): PolicyDoc =>
        trustOidc(b.id, "app.terraform.io", {
          StringEquals: { "app.terraform.io:aud": "aws.workload.identity" },
          StringLike: { "app.terraform.io:sub": `organization:${GITHUB_ORG}:project:platform:workspace:*:run_phase:${phase}` },
        });
      b.role({ name: "terraform-cloud-apply", created: "2025-04-14T09:00:00+00:00", trust: tfc("apply"), managed: [awsPolicyArn("AdministratorAccess")], lastUsed: { daysAgo: 2, region: REGION }, tags: [["owner", "platform-team"]] });
      b.role({ name: "terraform-cloud-plan", created: "2025-04-14T09:00:00+00:00", trust: tfc("plan"), managed: [awsPolicyArn("ReadOnlyAccess")], lastUsed: { daysAgo: 1, region: REGION }, tags: [["owner", "platform-team"]] });
      return;
    }
    case "meridian-network": {
      // An unknown partner, no ExternalId, and a role name with characters that must render inert.
      b.role({
        name: HOSTILE_ROLE_NAME,
        created: "2025-10-07T16:30:00+00:00",
        trust: trustAws(rootOf(DEMO_UNKNOWN_ACCOUNTS[0])),
        managed: [awsPolicyArn("ViewOnlyAccess")],
        inline: [["network-read", doc(allow(["networkmanager:Get*", "networkmanager:Describe*", "directconnect:Describe*"]))]],
        lastUsed: { daysAgo: 9, region: REGION },
        tags: [["requested-by", `"Network team" <netops@${DOMAIN}>`]],
      });
      b.role({
        name: "vpc-flow-logs",
        created: "2021-04-07T09:00:00+00:00",
        trust: trustService("vpc-flow-logs.amazonaws.com"),
        inline: [["deliver", doc(allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]))]],
        lastUsed: { daysAgo: 1, region: REGION },
      });
      return;
    }
    case "payments-prod": {
      githubDeploy(b, "payments-api");
      globexDeploy(b);
      starkStackSet(b);
      if (b.from(3)) cyberdyneMdr(b);
      return;
    }
    case "payments-staging": {
      githubDeploy(b, "payments-api");
      globexDeploy(b);
      // The trusted principal was deleted: IAM shows its unique id.
      b.role({
        name: "old-contractor-access",
        created: "2023-04-10T12:00:00+00:00",
        trust: trustAws(iamId("AROA", "deleted contractor role")),
        inline: [["read", doc(allow(["ec2:Describe*", "ecs:Describe*", "ecs:List*", "cloudwatch:GetMetricData"]))]],
        lastUsed: { at: "2024-01-15T17:42:00+00:00", region: REGION },
      });
      return;
    }
    case "payments-dev": {
      const developers = "developers";
      b.group({ name: developers, created: "2021-06-02T09:00:00+00:00", managed: [awsPolicyArn("PowerUserAccess")] });
      b.user({
        name: "dev-sync",
        created: "2025-07-08T10:00:00+00:00",
        groups: [developers],
        keys: [{ active: true, rotated: "2025-07-08T10:02:10+00:00" }],
      });
      b.user({
        name: "ci-legacy",
        created: "2021-06-15T10:00:00+00:00",
        groups: [developers],
        keys: [
          { active: true, rotated: "2021-06-15T10:03:52+00:00", lastUsed: { daysAgo: 2 }, service: "ecr", region: REGION },
          { active: false, rotated: "2020-11-30T08:00:00+00:00", lastUsed: { at: "2021-05-02T10:00:00+00:00" }, service: "s3", region: REGION },
        ],
      });
      b.user({
        name: "priya.raman",
        created: "2022-03-01T09:00:00+00:00",
        groups: [developers],
        password: { lastUsed: { daysAgo: 3 }, lastChanged: "2026-05-02T08:00:00+00:00", mfa: true },
      });
      return;
    }
    case "logistics-prod": {
      githubDeploy(b, "shipment-tracker");
      // Anyone can assume it: added by mistake in August, still there.
      if (b.from(2)) {
        b.role({
          name: "public-artifacts-reader",
          created: "2026-08-27T18:03:00+00:00",
          trust: trustAws("*"),
          inline: [["artifacts", doc(allow(["s3:GetObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-logistics-artifacts", "arn:aws:s3:::meridian-logistics-artifacts/*"]))]],
          lastUsed: { daysAgo: 3, region: "ap-southeast-1" },
        });
      }
      const eksIssuer = `oidc.eks.${REGION}.amazonaws.com/id/${hex("eks logistics-prod", 32).toUpperCase()}`;
      b.role({
        name: "eks-external-dns",
        created: "2024-10-01T09:00:00+00:00",
        trust: trustOidc(b.id, eksIssuer, { StringEquals: { [`${eksIssuer}:sub`]: "system:serviceaccount:kube-system:external-dns", [`${eksIssuer}:aud`]: "sts.amazonaws.com" } }),
        inline: [["route53", doc(allow("route53:ChangeResourceRecordSets", "arn:aws:route53:::hostedzone/*"), allow(["route53:ListHostedZones", "route53:ListResourceRecordSets"]))]],
        lastUsed: { daysAgo: 1, region: REGION },
      });
      b.role({
        name: "shipment-tracker-ec2",
        created: "2022-02-01T10:00:00+00:00",
        trust: trustService("ec2.amazonaws.com"),
        inline: [["ssm", doc(allow(["ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:OpenControlChannel"]))]],
        lastUsed: { daysAgo: 1, region: REGION },
        instanceProfile: true,
      });
      return;
    }
    case "logistics-staging": {
      githubDeploy(b, "shipment-tracker");
      return;
    }
    case "logistics-dev": {
      // GitHub Actions without a `sub` condition: any repository on GitHub can assume it.
      b.role({
        name: "gha-legacy-deploy",
        created: "2023-01-23T10:00:00+00:00",
        trust: trustOidc(b.id, "token.actions.githubusercontent.com", { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }),
        managed: [awsPolicyArn("PowerUserAccess")],
        lastUsed: { daysAgo: 15, region: REGION },
      });
      return;
    }
    case "data-platform-prod": {
      // Administrator on paper, but a boundary keeps it to the warehouse buckets and Glue/Athena.
      b.role({
        name: "VandelayWarehouseLoader",
        created: "2024-12-02T09:00:00+00:00",
        trust: trustAws(roleArnIn(vendorAccount("Vandelay Data Warehouse"), "vandelay-loader"), externalId("vdw-2b7f11c8")),
        managed: [awsPolicyArn("AdministratorAccess")],
        boundary: b.policy({
          name: "VendorDataBoundary",
          created: "2024-12-02T08:50:00+00:00",
          versions: [
            {
              id: "v1",
              created: "2024-12-02T08:50:00+00:00",
              document: doc(
                allow(["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-warehouse-*", "arn:aws:s3:::meridian-warehouse-*/*"], "WarehouseBuckets"),
                allow(["glue:GetDatabase*", "glue:GetTable*", "glue:GetPartition*", "glue:CreateTable", "glue:UpdateTable", "athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults"], "*", "Catalog"),
              ),
            },
          ],
        }),
        lastUsed: { daysAgo: 1, region: REGION },
        tags: withTags("Vandelay Data Warehouse"),
      });
      contosoBackup(b);
      // An unnamed account's ETL job, with an ExternalId; reads catalogue metadata only.
      b.role({
        name: "legacy-etl-partner",
        created: "2023-03-14T10:00:00+00:00",
        trust: trustAws(roleArnIn(DEMO_UNKNOWN_ACCOUNTS[1], "etl-runner"), externalId("etl-partner-0042")),
        inline: [["catalog-read", doc(allow(["glue:GetDatabases", "glue:GetTables", "glue:GetTable", "athena:ListWorkGroups"]))]],
        lastUsed: { at: "2026-06-20T02:30:00+00:00", region: REGION },
      });
      // "*" pinned to our organization: internal.
      b.role({
        name: "org-data-readers",
        created: "2024-02-20T10:00:00+00:00",
        trust: trustAws("*", { StringEquals: { "aws:PrincipalOrgID": DEMO_ORG_ID } }),
        inline: [["catalog", doc(allow(["glue:GetDatabases", "glue:GetTables", "athena:ListWorkGroups"]))]],
        lastUsed: { daysAgo: 4, region: REGION },
      });
      b.user({
        name: "vandelay-sftp",
        path: "/third-party/vandelay/",
        created: "2024-12-02T09:30:00+00:00",
        inline: [["drop-zone", doc(allow(["s3:PutObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-warehouse-dropzone", "arn:aws:s3:::meridian-warehouse-dropzone/*"]))]],
        keys: [
          { active: true, rotated: "2026-06-30T10:00:00+00:00", lastUsed: { daysAgo: 1 }, service: "s3", region: REGION },
          { active: false, rotated: "2024-12-02T09:31:00+00:00", lastUsed: { at: "2026-06-29T23:50:00+00:00" }, service: "s3", region: REGION },
        ],
      });
      b.user({
        name: "airflow-worker",
        created: "2023-01-10T10:00:00+00:00",
        inline: [["warehouse", doc(allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-warehouse-*", "arn:aws:s3:::meridian-warehouse-*/*"]))]],
        keys: [{ active: true, rotated: "2023-01-10T10:05:00+00:00", lastUsed: { daysAgo: 1 }, service: "s3", region: REGION }],
      });
      return;
    }
    case "data-platform-dev": {
      if (!b.from(3)) {
        b.role({
          name: "PiedPiperCompression",
          created: "2025-05-19T13:00:00+00:00",
          trust: trustAws(rootOf(vendorAccount("Pied Piper Compression")), externalId("pp-middle-out-3141")),
          inline: [["compress", doc(allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-dev-raw", "arn:aws:s3:::meridian-dev-raw/*"]))]],
          lastUsed: { daysAgo: 5, region: REGION },
          tags: withTags("Pied Piper Compression"),
        });
      }
      return;
    }
    case "analytics-prod": {
      // "*" narrowed to Tyrell's account by aws:PrincipalAccount; can invoke Bedrock models.
      b.role({
        name: "TyrellAnalyticsRole",
        created: "2026-01-26T10:00:00+00:00",
        trust: trustAws("*", { StringEquals: { "aws:PrincipalAccount": vendorAccount("Tyrell Analytics"), "sts:ExternalId": "tyrell-nx6-0912" } }),
        managed: [awsPolicyArn("ReadOnlyAccess")],
        inline: [["bedrock", doc(allow(["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], `arn:aws:bedrock:${REGION}::foundation-model/*`))]],
        lastUsed: { daysAgo: 1, region: REGION },
        tags: withTags("Tyrell Analytics"),
      });
      return;
    }
    case "customer-portal-prod": {
      oscorpDeploy(b, b.from(3));
      b.role({
        name: "WonkaSupportAccess",
        created: "2025-10-20T09:00:00+00:00",
        trust: trustAws(rootOf(vendorAccount("Wonka Support")), externalId("wonka-golden-ticket-88")),
        managed: [awsPolicyArn("ReadOnlyAccess")],
        lastUsed: { at: "2026-02-11T15:20:00+00:00", region: REGION },
        tags: withTags("Wonka Support"),
      });
      starkStackSet(b);
      if (b.from(3)) cyberdyneMdr(b);
      b.user({
        name: "wonka-support-agent",
        created: "2025-10-20T09:10:00+00:00",
        tags: [["vendor", "Wonka Support"], ["ticket", "SUP-4411"]],
        managed: [awsPolicyArn("ReadOnlyAccess")],
        keys: [{ active: true, rotated: "2025-10-20T09:11:27+00:00" }],
      });
      b.user({
        name: "portal-smtp",
        created: "2023-05-10T10:00:00+00:00",
        inline: [["ses", doc(allow(["ses:SendRawEmail", "ses:SendEmail"]))]],
        keys: [{ active: true, rotated: "2023-05-10T10:00:41+00:00", lastUsed: { daysAgo: 1 }, service: "ses", region: REGION }],
      });
      return;
    }
    case "customer-portal-staging": {
      oscorpDeploy(b, false);
      return;
    }
    case "backup-vault": {
      contosoBackup(b);
      b.role({
        name: "AWSBackupDefaultServiceRole",
        path: "/service-role/",
        created: "2023-11-21T10:00:00+00:00",
        trust: trustService("backup.amazonaws.com"),
        managed: [awsPolicyArn("AWSBackupServiceRolePolicyForBackup")],
        lastUsed: { daysAgo: 1, region: REGION },
      });
      return;
    }
    case "ml-research": {
      b.role({
        name: "gitlab-ml-pipeline",
        created: "2026-08-20T10:00:00+00:00",
        trust: trustOidc(b.id, "gitlab.com", { StringEquals: { "gitlab.com:sub": `project_path:${GITHUB_ORG}/ml-research:ref_type:branch:ref:main` } }),
        inline: [
          [
            "training",
            doc(
              allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-ml-datasets", "arn:aws:s3:::meridian-ml-datasets/*"]),
              allow(["sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob"], "*"),
            ),
          ],
        ],
        lastUsed: b.recent(`gitlab|${date}`, 5),
      });
      return;
    }
    default:
      return;
  }
}

function massiveDynamicSiem(b: AccountBuilder): void {
  const security = b.account.kind === "security";
  b.role({
    name: "MassiveDynamicSIEM",
    created: "2026-09-03T11:00:00+00:00",
    trust: trustAws(roleArnIn(vendorAccount("Massive Dynamic SIEM"), "md-siem-collector"), externalId("mdsiem-9f31aa02")),
    inline: [
      [
        "collect",
        security
          ? doc(allow(["guardduty:Get*", "guardduty:List*", "securityhub:Get*", "securityhub:List*"]), allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], `arn:aws:sqs:${REGION}:${b.id}:siem-findings`))
          : doc(allow(["s3:GetObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-org-cloudtrail", "arn:aws:s3:::meridian-org-cloudtrail/*"]), allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], `arn:aws:sqs:${REGION}:${b.id}:cloudtrail-notifications`), allow("kms:Decrypt", `arn:aws:kms:${REGION}:${b.id}:key/*`)),
      ],
    ],
    lastUsed: { daysAgo: 1, region: REGION },
    tags: withTags("Massive Dynamic SIEM"),
  });
}

function cyberdyneMdr(b: AccountBuilder): void {
  b.role({
    name: "CyberdyneMDRResponder",
    created: "2026-10-20T09:00:00+00:00",
    trust: trustAws(roleArnIn(vendorAccount("Cyberdyne MDR"), "cyberdyne-responder"), externalId("cdmdr-t800-5521")),
    managed: [awsPolicyArn("SecurityAudit")],
    inline: [["containment", doc(allow(["ssm:SendCommand", "ssm:GetCommandInvocation", "ec2:StopInstances", "ec2:CreateSnapshot", "ec2:ModifyInstanceAttribute", "iam:UpdateAccessKey"], "*", "Containment"))]],
    lastUsed: { daysAgo: 2, region: REGION },
    tags: withTags("Cyberdyne MDR"),
  });
}

function starkStackSet(b: AccountBuilder): void {
  b.role({
    name: "StarkIncidentResponse",
    created: "2025-06-01T10:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Stark Incident Response")), externalId("stark-ir-retainer-2025")),
    managed: [awsPolicyArn("AdministratorAccess")],
    lastUsed: "never",
    tags: withTags("Stark Incident Response", ["purpose", "break-glass"]),
  });
}

function globexDeploy(b: AccountBuilder): void {
  b.role({
    name: "GlobexCIDeploy",
    created: "2024-08-12T10:00:00+00:00",
    trust: trustAws(roleArnIn(vendorAccount("Globex CI"), "globex-ci-runner"), externalId("globex-ci-payments-51c3")),
    inline: [
      [
        "deploy",
        doc(
          allow(["ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition", "ecs:RunTask", "ecs:UpdateService", "ecs:Describe*", "ecs:List*"], "*", "Ecs"),
          allow(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"], "*", "Ecr"),
          allow("iam:PassRole", `arn:aws:iam::${b.id}:role/payments-api-*`, "PassTaskRole"),
        ),
      ],
    ],
    boundary: deployBoundary(b),
    lastUsed: b.recent(`globex|${b.snapshot.index}`, 3),
    tags: withTags("Globex CI"),
  });
}

function contosoBackup(b: AccountBuilder): void {
  b.role({
    name: "ContosoBackupRole",
    created: "2024-01-29T10:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Contoso Backup")), externalId(`contoso-${hex(b.id, 8)}`)),
    inline: [
      [
        "backup",
        doc(
          allow(["backup:StartBackupJob", "backup:Describe*", "backup:List*", "backup:DeleteRecoveryPoint", "ec2:CreateSnapshot", "ec2:DeleteSnapshot", "ec2:DescribeSnapshots", "ec2:DescribeVolumes", "ebs:ListSnapshotBlocks", "ebs:GetSnapshotBlock"], "*", "Snapshots"),
          allow(["s3:GetObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-*", "arn:aws:s3:::meridian-*/*"], "ReadBuckets"),
        ),
      ],
    ],
    lastUsed: { daysAgo: 1, region: REGION },
    tags: withTags("Contoso Backup"),
  });
}

/** Oscorp deploys the portal; in production it is given AdministratorAccess in snapshot 3. */
function oscorpDeploy(b: AccountBuilder, admin: boolean): void {
  b.role({
    name: "OscorpDeploy",
    created: "2024-07-01T10:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Oscorp Deploy"))),
    inline: [
      [
        "deploy",
        doc(
          allow(["s3:PutObject", "s3:DeleteObject", "s3:ListBucket"], [`arn:aws:s3:::meridian-${b.account.name}-static`, `arn:aws:s3:::meridian-${b.account.name}-static/*`], "Static"),
          allow(["cloudfront:CreateInvalidation", "ecs:UpdateService", "ecs:DescribeServices"], "*", "Rollout"),
        ),
      ],
    ],
    ...(admin ? { managed: [awsPolicyArn("AdministratorAccess")] } : {}),
    lastUsed: b.recent(`oscorp|${b.snapshot.index}`, 4),
    tags: withTags("Oscorp Deploy"),
  });
}

function buildAccount(account: AccountDef, snapshot: DemoSnapshot): AccountBuilder {
  const b = new AccountBuilder(account, snapshot);
  baselineRoles(b);
  if (account.kind === "workload") workloadRoles(b);
  accountSpecifics(b);
  return b;
}

// ---------------------------------------------------------------------------------------------
// Serialisation: exactly what the AWS CLI writes
// ---------------------------------------------------------------------------------------------

function lastUsedDate(lastUsed: { daysAgo: number } | { at: string }, snapshot: DemoSnapshot, seed: string): string {
  if ("at" in lastUsed) return lastUsed.at;
  return daysBefore(snapshot.date, lastUsed.daysAgo, pick(`${seed}|h`, 24), pick(`${seed}|m`, 60));
}

function tagList(tags: [string, string][] | undefined): { Key: string; Value: string }[] {
  return (tags ?? []).map(([Key, Value]) => ({ Key, Value }));
}

function attachedList(arns: string[] | undefined): { PolicyName: string; PolicyArn: string }[] {
  return (arns ?? []).map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf("/") + 1), PolicyArn: arn }));
}

function authorizationDetails(b: AccountBuilder): Record<string, unknown> {
  const { id } = b;
  const attachments = new Map<string, number>();
  const boundaries = new Map<string, number>();
  const count = (map: Map<string, number>, arn: string) => map.set(arn, (map.get(arn) ?? 0) + 1);

  const users = b.users.map((u) => {
    for (const arn of u.managed ?? []) count(attachments, arn);
    return {
      Path: u.path ?? "/",
      UserName: u.name,
      UserId: iamId("AIDA", `${id}|${u.name}`),
      Arn: `arn:aws:iam::${id}:user${u.path ?? "/"}${u.name}`,
      CreateDate: u.created,
      UserPolicyList: (u.inline ?? []).map(([PolicyName, PolicyDocument]) => ({ PolicyName, PolicyDocument })),
      GroupList: u.groups ?? [],
      AttachedManagedPolicies: attachedList(u.managed),
      Tags: tagList(u.tags),
    };
  });
  const groups = b.groups.map((g) => {
    for (const arn of g.managed ?? []) count(attachments, arn);
    return {
      Path: "/",
      GroupName: g.name,
      GroupId: iamId("AGPA", `${id}|${g.name}`),
      Arn: `arn:aws:iam::${id}:group/${g.name}`,
      CreateDate: g.created,
      GroupPolicyList: (g.inline ?? []).map(([PolicyName, PolicyDocument]) => ({ PolicyName, PolicyDocument })),
      AttachedManagedPolicies: attachedList(g.managed),
    };
  });
  const roles = b.roles.map((r) => {
    const path = r.path ?? "/";
    const arn = `arn:aws:iam::${id}:role${path}${r.name}`;
    const roleId = iamId("AROA", `${id}|${r.name}`);
    for (const p of r.managed ?? []) count(attachments, p);
    if (r.boundary) count(boundaries, r.boundary);
    const lastUsed =
      r.lastUsed === "never" ? {} : { LastUsedDate: lastUsedDate(r.lastUsed, b.snapshot, `${id}|${r.name}`), Region: r.lastUsed.region ?? REGION };
    return {
      Path: path,
      RoleName: r.name,
      RoleId: roleId,
      Arn: arn,
      CreateDate: r.created,
      AssumeRolePolicyDocument: r.trust,
      InstanceProfileList: r.instanceProfile
        ? [
            {
              Path: "/",
              InstanceProfileName: r.name,
              InstanceProfileId: iamId("AIPA", `${id}|${r.name}`),
              Arn: `arn:aws:iam::${id}:instance-profile/${r.name}`,
              CreateDate: r.created,
              Roles: [{ Path: path, RoleName: r.name, RoleId: roleId, Arn: arn, CreateDate: r.created, AssumeRolePolicyDocument: r.trust }],
            },
          ]
        : [],
      RolePolicyList: (r.inline ?? []).map(([PolicyName, PolicyDocument]) => ({ PolicyName, PolicyDocument })),
      AttachedManagedPolicies: attachedList(r.managed),
      ...(r.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: r.boundary } } : {}),
      Tags: tagList(r.tags),
      RoleLastUsed: lastUsed,
    };
  });

  const policies: Record<string, unknown>[] = [];
  for (const p of [...b.customerPolicies].sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const arn = `arn:aws:iam::${id}:policy/${p.name}`;
    const last = p.versions[p.versions.length - 1]!;
    policies.push({
      PolicyName: p.name,
      PolicyId: iamId("ANPA", `${id}|${p.name}`),
      Arn: arn,
      Path: "/",
      DefaultVersionId: last.id,
      AttachmentCount: attachments.get(arn) ?? 0,
      PermissionsBoundaryUsageCount: boundaries.get(arn) ?? 0,
      IsAttachable: true,
      CreateDate: p.created,
      UpdateDate: last.created,
      PolicyVersionList: [...p.versions].reverse().map((v) => ({ Document: v.document, VersionId: v.id, IsDefaultVersion: v === last, CreateDate: v.created })),
    });
  }
  const referenced = new Set([...attachments.keys(), ...boundaries.keys()]);
  for (const p of [...AWS_POLICIES].sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const arn = awsPolicyArn(p.name);
    if (!referenced.has(arn)) continue;
    policies.push({
      PolicyName: p.name,
      PolicyId: iamId("ANPA", `aws|${p.name}`),
      Arn: arn,
      Path: p.path,
      DefaultVersionId: p.versionId,
      AttachmentCount: attachments.get(arn) ?? 0,
      PermissionsBoundaryUsageCount: boundaries.get(arn) ?? 0,
      IsAttachable: true,
      CreateDate: p.created,
      UpdateDate: p.updated,
      PolicyVersionList: [{ Document: p.document, VersionId: p.versionId, IsDefaultVersion: true, CreateDate: p.updated }],
    });
  }
  return { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies };
}

const CREDENTIAL_REPORT_HEADER = [
  "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed", "password_next_rotation", "mfa_active",
  "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
  "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date", "access_key_2_last_used_region", "access_key_2_last_used_service",
  "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
].join(",");

function credentialReport(b: AccountBuilder): string {
  const snapshot = b.snapshot;
  const keyColumns = (key: AccessKeyDef | undefined, seed: string): string[] => {
    if (!key) return ["false", "N/A", "N/A", "N/A", "N/A"];
    if (!key.lastUsed) return [String(key.active), key.rotated, "N/A", "N/A", "N/A"];
    return [String(key.active), key.rotated, lastUsedDate(key.lastUsed, snapshot, seed), key.region ?? REGION, key.service ?? "sts"];
  };
  const rows = [
    CREDENTIAL_REPORT_HEADER,
    [
      "<root_account>", `arn:aws:iam::${b.id}:root`, cliDate(new Date(Date.parse(b.account.joined)).toISOString()).replace(/:\d\d\+/, ":00+"),
      "not_supported", b.account.kind === "management" ? "2026-01-10T09:12:00+00:00" : "no_information", "not_supported", "not_supported", "true",
      "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A",
    ].join(","),
  ];
  for (const u of b.users) {
    const password = u.password;
    const passwordLastUsed = !password ? "N/A" : password.lastUsed === "never" ? "no_information" : lastUsedDate(password.lastUsed, snapshot, `${b.id}|${u.name}|pw`);
    rows.push(
      [
        u.name,
        `arn:aws:iam::${b.id}:user${u.path ?? "/"}${u.name}`,
        u.created,
        String(password !== undefined),
        passwordLastUsed,
        password ? password.lastChanged : "N/A",
        "N/A",
        String(password?.mfa ?? false),
        ...keyColumns(u.keys?.[0], `${b.id}|${u.name}|key1`),
        ...keyColumns(u.keys?.[1], `${b.id}|${u.name}|key2`),
        "false", "N/A", "false", "N/A",
      ].join(","),
    );
  }
  return rows.join("\n") + "\n";
}

function listAccounts(snapshot: DemoSnapshot): Record<string, unknown> {
  return {
    Accounts: DEMO_ACCOUNTS.filter((a) => a.since <= snapshot.index).map((a) => ({
      Id: a.id,
      Arn: `arn:aws:organizations::${MANAGEMENT.id}:account/${DEMO_ORG_ID}/${a.id}`,
      Email: `aws+${a.name}@${DOMAIN}`,
      Name: a.name,
      Status: "ACTIVE",
      JoinedMethod: a.kind === "management" ? "INVITED" : "CREATED",
      JoinedTimestamp: a.joined,
    })),
  };
}

function vendorsYaml(): string {
  const lines = [
    "# Meridian Freight's own vendor mappings (the fwd:cloudsec accounts.yaml format).",
    "# The demo organization's vendors are fictional, and so are their account ids.",
    "# Generated by scripts/demo/generateDemo.ts: edit the generator, not this file.",
  ];
  for (const v of DEMO_VENDORS) {
    lines.push(`- name: '${v.name}'`, `  source: ['${v.source}']`, `  accounts: [${v.accounts.map((id) => `'${id}'`).join(", ")}]`);
  }
  return lines.join("\n") + "\n";
}

/** JSON as exported (two-space indentation, like tests/fixtures/acme-org, to keep demo/ small). */
function cliJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/** Every generated file, by path relative to the demo directory. */
export function demoFiles(): Map<string, string> {
  const files = new Map<string, string>();
  files.set("vendors.yaml", vendorsYaml());
  for (const snapshot of DEMO_SNAPSHOTS) {
    const dir = `snapshots/${snapshot.dir}`;
    files.set(`${dir}/list-accounts.json`, cliJson(listAccounts(snapshot)));
    for (const account of DEMO_ACCOUNTS) {
      if (account.since > snapshot.index) continue;
      const b = buildAccount(account, snapshot);
      files.set(`${dir}/${account.name}-authz.json`, cliJson(authorizationDetails(b)));
      if (account.credentialReport) files.set(`${dir}/${account.name}-credential-report.csv`, credentialReport(b));
    }
  }
  return files;
}

/**
 * Writes the demo into `outDir`: `vendors.yaml` and `snapshots/` (replaced as a whole, so no
 * stale file survives). Anything else in `outDir` (the README) is left alone.
 */
export async function writeDemo(outDir: string): Promise<string[]> {
  await rm(join(outDir, "snapshots"), { recursive: true, force: true });
  const files = demoFiles();
  for (const [path, content] of files) {
    const target = join(outDir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return [...files.keys()];
}

export const DEFAULT_DEMO_DIR = fileURLToPath(new URL("../../demo/", import.meta.url));

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const outDir = resolve(process.argv[2] ?? DEFAULT_DEMO_DIR);
  const written = await writeDemo(outDir);
  console.log(`Wrote ${written.length} files to ${outDir}`);
}
