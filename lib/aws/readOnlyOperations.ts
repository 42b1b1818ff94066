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
  "sts:GetCallerIdentity",
  "sts:AssumeRole",
] as const;

export const MEMBER_ACCOUNT_OPERATIONS = [
  "iam:GetAccountAuthorizationDetails",
  "iam:GenerateCredentialReport",
  "iam:GetCredentialReport",
] as const;

export const READ_ONLY_OPERATIONS: readonly string[] = [...MANAGEMENT_ACCOUNT_OPERATIONS, ...MEMBER_ACCOUNT_OPERATIONS];
