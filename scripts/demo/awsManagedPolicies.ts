import { allow, doc, type PolicyDoc } from "./policyDocuments";

/**
 * Services whose Describe*, Get* and List* actions the read-only AWS policies grant (a compact
 * approximation of the real, much longer documents). Backup, Glue and Step Functions are left
 * out: the action catalog files a few of their Describe/List/Get actions under Write, which
 * would make every read-only role look writable.
 */
const READ_SERVICES = [
  "autoscaling", "cloudformation", "cloudfront", "cloudtrail", "cloudwatch", "config", "dynamodb", "ec2", "ecr", "ecs", "eks",
  "elasticloadbalancing", "guardduty", "iam", "kms", "lambda", "logs", "organizations", "rds", "route53", "s3", "sns", "sqs", "ssm",
];
/** Named metadata reads for the services left out above. */
const READ_EXTRAS = ["backup:DescribeBackupVault", "backup:ListBackupPlans", "backup:ListBackupVaults", "glue:GetDatabases", "glue:GetTables", "states:DescribeStateMachine", "states:ListStateMachines"];

/** AWS managed policies (compact approximations of the real documents). */
export interface AwsPolicyDef {
  name: string;
  path: string;
  versionId: string;
  created: string;
  updated: string;
  document: PolicyDoc;
}

export const AWS_POLICIES: readonly AwsPolicyDef[] = [
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

export const awsPolicyArn = (name: string): string => {
  const def = AWS_POLICIES.find((p) => p.name === name);
  if (!def) throw new Error(`no AWS managed policy ${name}`);
  return `arn:aws:iam::aws:policy${def.path}${name}`;
};
