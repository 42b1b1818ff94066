/**
 * The kinds of resource whose policies and shares can let an outside party at our data
 * without assuming a role: the `service` values of the `resources[]` contract.
 */
export const POLICY_SERVICES = ["s3", "kms", "sqs", "sns", "lambda", "secretsmanager", "ecr"] as const;
export const SHARE_SERVICES = ["ebs-snapshot", "ami", "rds-snapshot", "ram"] as const;
/** Kinds Vendorscope does not read itself: known only from IAM Access Analyzer's findings. */
export const ANALYZER_SERVICES = ["efs", "dynamodb", "lambda-layer", "s3express"] as const;
export const RESOURCE_SERVICES = [...POLICY_SERVICES, ...SHARE_SERVICES, ...ANALYZER_SERVICES] as const;

export type PolicyService = (typeof POLICY_SERVICES)[number];
export type ShareService = (typeof SHARE_SERVICES)[number];
export type AnalyzerService = (typeof ANALYZER_SERVICES)[number];
export type ResourceService = (typeof RESOURCE_SERVICES)[number];

/** A resource policy grants actions of its own service only (a bucket policy cannot grant ec2:*). */
export const ACTION_PREFIX: Record<PolicyService, string> = {
  s3: "s3",
  kms: "kms",
  sqs: "sqs",
  sns: "sns",
  lambda: "lambda",
  secretsmanager: "secretsmanager",
  ecr: "ecr",
};

/**
 * What a share lets the account it is shared with do. A snapshot, image or database snapshot
 * shared is a full copy of its data: the other account can restore it in its own account,
 * where none of our policies apply any more.
 */
export const SHARE_ACTIONS: Record<ShareService, readonly string[]> = {
  "ebs-snapshot": ["ec2:CreateVolume", "ec2:CopySnapshot"],
  ami: ["ec2:RunInstances", "ec2:CopyImage"],
  "rds-snapshot": ["rds:RestoreDBInstanceFromDBSnapshot", "rds:RestoreDBClusterFromSnapshot", "rds:CopyDBSnapshot", "rds:CopyDBClusterSnapshot"],
  ram: [],
};

/** Shares that hand over a copy of the data itself. */
export const DATA_SHARES: ReadonlySet<ShareService> = new Set(["ebs-snapshot", "ami", "rds-snapshot"]);

/**
 * The Access Analyzer resource types ingested, by the service value they get. The other types
 * it reports (buckets, keys, queues, topics, functions, secrets, repositories, snapshots, IAM
 * roles) Vendorscope reads itself, with the vendor and permissions the findings do not give.
 */
export const ANALYZER_RESOURCE_TYPES: Readonly<Record<string, AnalyzerService>> = {
  "AWS::EFS::FileSystem": "efs",
  "AWS::DynamoDB::Table": "dynamodb",
  "AWS::DynamoDB::Stream": "dynamodb",
  "AWS::Lambda::LayerVersion": "lambda-layer",
  "AWS::S3Express::DirectoryBucket": "s3express",
};

/** The action prefix of each kind known from Access Analyzer (its findings' actions are of that service). */
export const ANALYZER_ACTION_PREFIX: Record<AnalyzerService, string> = {
  efs: "elasticfilesystem",
  dynamodb: "dynamodb",
  "lambda-layer": "lambda",
  s3express: "s3express",
};

export function isResourceService(value: unknown): value is ResourceService {
  return typeof value === "string" && (RESOURCE_SERVICES as readonly string[]).includes(value);
}

export function isPolicyService(service: ResourceService): service is PolicyService {
  return (POLICY_SERVICES as readonly string[]).includes(service);
}

export function isAnalyzerService(service: ResourceService): service is AnalyzerService {
  return (ANALYZER_SERVICES as readonly string[]).includes(service);
}

/** A kind of resource in a region (null: every region), or one resource, that was not read. */
export interface UnreadScope {
  service: ResourceService;
  region: string | null;
  resourceArn: string | null;
}
