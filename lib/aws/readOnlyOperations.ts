/**
 * Every AWS operation Vendorscope may call, all read-only (GenerateCredentialReport only
 * asks IAM to prepare the report it then reads). docs/aws-permissions.md gives the IAM
 * policies that allow exactly these; a test fails when the code uses anything else.
 */
export const MANAGEMENT_ACCOUNT_OPERATIONS = [
  "organizations:DescribeOrganization",
  "organizations:ListAccounts",
  "organizations:ListRoots",
  "organizations:ListOrganizationalUnitsForParent",
  "organizations:ListAccountsForParent",
  // The SCPs and RCPs and where they are attached (lib/aws/guardrailReader.ts).
  "organizations:ListPolicies",
  "organizations:DescribePolicy",
  "organizations:ListTargetsForPolicy",
  "sts:GetCallerIdentity",
  "sts:AssumeRole",
  // The organization's Access Analyzer findings (lib/aws/resources/accessAnalyzer.ts), in every region read.
  "access-analyzer:ListAnalyzers",
  "access-analyzer:ListFindings",
] as const;

export const MEMBER_ACCOUNT_OPERATIONS = [
  "iam:GetAccountAuthorizationDetails",
  "iam:GenerateCredentialReport",
  "iam:GetCredentialReport",
  // Resource policies and shares (lib/aws/resources), in every region read.
  "ec2:DescribeRegions",
  "s3:ListBuckets",
  "s3:GetBucketLocation",
  "s3:GetBucketPolicy",
  "kms:ListKeys",
  "kms:ListAliases",
  "kms:GetKeyPolicy",
  "sqs:ListQueues",
  "sqs:GetQueueAttributes",
  "sns:ListTopics",
  "sns:GetTopicAttributes",
  "lambda:ListFunctions",
  "lambda:GetPolicy",
  "secretsmanager:ListSecrets",
  "secretsmanager:GetResourcePolicy",
  "ecr:DescribeRepositories",
  "ecr:GetRepositoryPolicy",
  "ec2:DescribeSnapshots",
  "ec2:DescribeSnapshotAttribute",
  "ec2:DescribeImages",
  "ec2:DescribeImageAttribute",
  "rds:DescribeDBSnapshots",
  "rds:DescribeDBSnapshotAttributes",
  "rds:DescribeDBClusterSnapshots",
  "rds:DescribeDBClusterSnapshotAttributes",
  "ram:GetResourceShareAssociations",
  "ram:ListResourceSharePermissions",
] as const;

export const READ_ONLY_OPERATIONS: readonly string[] = [...MANAGEMENT_ACCOUNT_OPERATIONS, ...MEMBER_ACCOUNT_OPERATIONS];

/** The IAM action that allows an operation, where its name is not the operation's. */
const ACTION_OF_OPERATION: Readonly<Record<string, string>> = {
  "s3:ListBuckets": "s3:ListAllMyBuckets",
};

/** The IAM actions that allow these operations. */
export function iamActions(operations: readonly string[]): string[] {
  return operations.map((op) => ACTION_OF_OPERATION[op] ?? op);
}
