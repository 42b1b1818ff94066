/**
 * The public shapes of the fake AWS: the fixture it serves (organization, accounts), the
 * faults it can inject, the calls it records and the handle `startFakeAws` returns.
 */

export interface AuthorizationDetails {
  UserDetailList?: unknown[];
  GroupDetailList?: unknown[];
  RoleDetailList?: unknown[];
  Policies?: unknown[];
}

export interface FakeAccount {
  /** 12 digits. */
  id: string;
  name: string;
  email?: string;
  status?: "ACTIVE" | "SUSPENDED";
  /** OU names below the root, e.g. ["Workloads", "Prod"]; [] or undefined = directly under the root. */
  ouPath?: string[];
  /** GetAccountAuthorizationDetails content with documents as plain JSON objects (the fake URL-encodes them on the wire). */
  authorizationDetails(): AuthorizationDetails | Promise<AuthorizationDetails>;
  /**
   * The credential report CSV text, with AWS's header. Default: generated from the account's
   * UserDetailList (plus the `<root_account>` line), with no access keys.
   */
  credentialReport?(): string | Promise<string>;
  /** Regions enabled for the account (EC2 DescribeRegions); calls to any other region fail as AWS fails them. Default ["us-east-1"]. */
  enabledRegions?: string[];
  /** The account's resources with policies and shares (asked once per account). Default: none. */
  resources?(): FakeResources | Promise<FakeResources>;
}

/** A resource that may carry a resource policy. */
export interface FakePolicyResource {
  name: string;
  region: string;
  /** The policy (an object or JSON text); undefined = the resource has no policy. */
  policy?: unknown;
}

export interface FakeKey {
  /** The key id (a UUID). */
  id: string;
  region: string;
  policy: unknown;
  /** AWS-managed keys carry an `alias/aws/…` alias and are skipped by the scanner. Default "CUSTOMER". */
  manager?: "CUSTOMER" | "AWS";
  alias?: string;
}

/** A snapshot, image or database snapshot and who it is shared with. */
export interface FakeSharedResource {
  id: string;
  region: string;
  /** Account ids, "all" (public); for images also organization / OU ARNs. */
  sharedWith: string[];
}

export interface FakeResourceShare {
  name: string;
  region: string;
  /** Account ids, organization / OU ARNs, IAM role or user ARNs. */
  principals: string[];
  resources: { arn: string; type: string }[];
  /** Permission names, e.g. "AWSRAMDefaultPermissionSubnet". */
  permissions: string[];
  status?: "ACTIVE" | "DELETED";
}

export interface FakeResources {
  buckets?: FakePolicyResource[];
  keys?: FakeKey[];
  queues?: FakePolicyResource[];
  topics?: FakePolicyResource[];
  functions?: FakePolicyResource[];
  secrets?: FakePolicyResource[];
  repositories?: FakePolicyResource[];
  snapshots?: FakeSharedResource[];
  images?: FakeSharedResource[];
  dbSnapshots?: FakeSharedResource[];
  dbClusterSnapshots?: FakeSharedResource[];
  resourceShares?: FakeResourceShare[];
}

/** An IAM Access Analyzer finding as ListFindings returns it. */
export interface FakeAnalyzerFinding {
  id: string;
  resource: string;
  /** e.g. "AWS::EFS::FileSystem", "AWS::DynamoDB::Table". */
  resourceType: string;
  resourceOwnerAccount: string;
  principal?: Record<string, string>;
  action?: string[];
  condition?: Record<string, string>;
  isPublic?: boolean;
  status: "ACTIVE" | "ARCHIVED" | "RESOLVED";
  /** Why the resource could not be analysed, e.g. "ACCESS_DENIED" (principal and action then absent). */
  error?: string;
}

/** An organization analyzer in the management account. */
export interface FakeAnalyzer {
  name: string;
  region: string;
  findings: FakeAnalyzerFinding[];
}

export interface FakeOrganization {
  /** `o-` followed by 10 to 32 lowercase letters or digits. */
  id: string;
  managementAccountId: string;
  accounts: FakeAccount[];
  /** Access Analyzers with the organization as zone of trust, in the management account. */
  accessAnalyzers?: FakeAnalyzer[];
  /** SCPs and RCPs. Default: SCPs enabled with FullAWSAccess on the root, every OU and account; RCPs not enabled. */
  policies?: FakeOrganizationPolicy[];
}

/** A service or resource control policy and where it is attached. */
export interface FakeOrganizationPolicy {
  /** `p-` and 8 or more lowercase letters or digits (or an AWS managed id such as p-FullAWSAccess). */
  id: string;
  name: string;
  type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";
  document: unknown;
  /** "root", an account id, or an OU's path joined by "/" (`Workloads/Prod`). */
  targets: string[];
}

/** Which calls a fault applies to: every field given must match; none given = every call. */
export interface FaultMatch {
  /** Operation name as on the wire, e.g. "AssumeRole", "ListAccounts". */
  operation?: string;
  /** The calling account; for AssumeRole also the target account of the RoleArn. */
  accountId?: string;
  /** The signing name, e.g. "kms", "s3". */
  service?: string;
  /** The signing region. */
  region?: string;
}

export interface FaultRule extends FaultMatch {
  /** Fail only the first N matching calls (combined with `rate`: at most N failures). */
  times?: number;
  /** Fail this share (0..1) of matching calls, drawn from a seeded PRNG. */
  rate?: number;
}

export interface FaultOptions {
  /** Added to every response (non-blocking). */
  latencyMs?: number;
  /** Answer Throttling (IAM/STS, HTTP 400) / TooManyRequestsException (Organizations, HTTP 400) for matching calls. */
  throttle?: FaultRule;
  /** Answer a 5xx (default 500) for matching calls. */
  serverErrors?: FaultRule & { status?: 500 | 503 };
  /** Matching calls are refused with the service's AccessDenied (every call, no counting). */
  deny?: FaultMatch[];
  /** AssumeRole into these account ids is refused with AccessDenied. */
  denyAssumeRole?: string[];
  /** account id → the ExternalId AssumeRole must carry for that account. */
  requireExternalId?: Record<string, string>;
  /** Role names AssumeRole accepts in any account; "*" accepts every name. Default ["OrganizationAccountAccessRole"]. */
  assumableRoleNames?: string[];
  /** Delay before answering matching calls, to test client timeouts. */
  hangMs?: FaultMatch & { ms: number; times?: number };
  /** Page size ceiling for GetAccountAuthorizationDetails and Organizations lists (fewer items than asked, as AWS may). */
  maxItemsCap?: number;
  /** GenerateCredentialReport answers STARTED/INPROGRESS this many times per account before COMPLETE. */
  credentialReportStartedTimes?: number;
  /** "not-in-use": every Organizations call fails with AWSOrganizationsNotInUseException; "denied": AccessDeniedException. */
  organizationsAccess?: "ok" | "not-in-use" | "denied";
  /** Seed of the PRNG behind `rate` (default 1). */
  seed?: number;
}

export const SERVICE_NAMES = ["iam", "sts", "organizations", "s3", "kms", "sqs", "sns", "lambda", "secretsmanager", "ecr", "ec2", "rds", "ram", "access-analyzer"] as const;
/** Signing names of the services the fake speaks. */
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface RecordedCall {
  service: ServiceName;
  /** The signing region ("us-east-1" when the request was not signed). */
  region: string;
  operation: string;
  /** The calling account (from the access key id); null when the request was not signed. */
  accountId: string | null;
  /** Request parameters: query lists (`Filter.member.1`) as arrays, JSON bodies as sent. */
  params: Record<string, unknown>;
  /** HTTP status answered; 0 while the call is still in flight. */
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface FakeAws {
  url: string;
  port: number;
  /** Every request, in arrival order. */
  calls: RecordedCall[];
  callsFor(accountId: string): RecordedCall[];
  /** Replace the fault options (and reset their `times` counters). */
  setFaults(faults: FaultOptions): void;
  /** Credentials for the management account ("base credentials"). */
  managementCredentials: { accessKeyId: string; secretAccessKey: string };
  /**
   * Env vars that point the SDK at this fake. Empty values mean "unset" (AWS_SESSION_TOKEN,
   * AWS_PROFILE): merge them over process.env for a child process, or delete those keys.
   */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

export interface StartFakeAwsOptions {
  organization: FakeOrganization | null;
  /** The account served when `organization` is null (default: an empty account 123456789012). */
  standaloneAccount?: FakeAccount;
  faults?: FaultOptions;
  /** Default 0: any free port. */
  port?: number;
}
