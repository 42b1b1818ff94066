/**
 * The AWS managed policies and service principals the synthetic organization draws from:
 * AdministratorAccess, ReadOnlyAccess, SecurityAudit, ViewOnlyAccess, PowerUserAccess (the
 * NotAction shape) and ~40 per-service policies. Documents approximate the real ones.
 */
import { hash32, idFor, UPPER_ALNUM } from "./prng";

export interface ManagedPolicyTemplate {
  name: string;
  arn: string;
  path: string;
  policyId: string;
  defaultVersionId: string;
  document: Record<string, unknown>;
}

const READ_SERVICES = [
  "acm", "apigateway", "autoscaling", "cloudformation", "cloudfront", "cloudtrail", "cloudwatch", "config", "dynamodb", "ec2",
  "ecr", "ecs", "eks", "elasticache", "elasticloadbalancing", "es", "events", "glue", "guardduty", "iam", "kinesis", "kms",
  "lambda", "logs", "organizations", "rds", "redshift", "route53", "s3", "secretsmanager", "sns", "sqs", "ssm", "states", "sts",
];

function template(name: string, statements: Record<string, unknown>[], path = "/"): ManagedPolicyTemplate {
  return {
    name,
    path,
    arn: `arn:aws:iam::aws:policy${path}${name}`,
    policyId: `ANPA${idFor(UPPER_ALNUM, 17, "aws-policy", name)}`,
    defaultVersionId: `v${1 + (hash32("version", name) % 12)}`,
    document: { Version: "2012-10-17", Statement: statements },
  };
}

const allow = (action: string | string[], resource: string | string[] = "*") => ({ Effect: "Allow", Action: action, Resource: resource });

export const ADMINISTRATOR_ACCESS = template("AdministratorAccess", [allow("*")]);
export const READ_ONLY_ACCESS = template("ReadOnlyAccess", [allow(READ_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:Get*`, `${s}:List*`]))]);
export const VIEW_ONLY_ACCESS = template("ViewOnlyAccess", [allow(READ_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:List*`]))]);
export const SECURITY_AUDIT = template("SecurityAudit", [
  allow(READ_SERVICES.flatMap((s) => [`${s}:Describe*`, `${s}:List*`])),
  allow(["iam:GenerateCredentialReport", "iam:GetAccountAuthorizationDetails", "iam:GetCredentialReport", "iam:GetPolicyVersion", "s3:GetBucketPolicy"]),
]);
export const POWER_USER_ACCESS = template("PowerUserAccess", [
  { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
  allow([
    "account:GetAccountInformation",
    "account:GetPrimaryEmail",
    "account:ListRegions",
    "iam:CreateServiceLinkedRole",
    "iam:DeleteServiceLinkedRole",
    "iam:ListRoles",
    "organizations:DescribeOrganization",
  ]),
]);

/** [service prefix, full-access policy name, read-only policy name] */
const SERVICE_TABLE: [string, string, string][] = [
  ["s3", "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess"],
  ["ec2", "AmazonEC2FullAccess", "AmazonEC2ReadOnlyAccess"],
  ["dynamodb", "AmazonDynamoDBFullAccess", "AmazonDynamoDBReadOnlyAccess"],
  ["lambda", "AWSLambda_FullAccess", "AWSLambda_ReadOnlyAccess"],
  ["rds", "AmazonRDSFullAccess", "AmazonRDSReadOnlyAccess"],
  ["sqs", "AmazonSQSFullAccess", "AmazonSQSReadOnlyAccess"],
  ["sns", "AmazonSNSFullAccess", "AmazonSNSReadOnlyAccess"],
  ["cloudwatch", "CloudWatchFullAccess", "CloudWatchReadOnlyAccess"],
  ["logs", "CloudWatchLogsFullAccess", "CloudWatchLogsReadOnlyAccess"],
  ["ecs", "AmazonECS_FullAccess", "AmazonECSReadOnlyAccess"],
  ["ecr", "AmazonEC2ContainerRegistryFullAccess", "AmazonEC2ContainerRegistryReadOnly"],
  ["eks", "AmazonEKSFullAccess", "AmazonEKSReadOnlyAccess"],
  ["kinesis", "AmazonKinesisFullAccess", "AmazonKinesisReadOnlyAccess"],
  ["kms", "AWSKeyManagementServicePowerUser", "AWSKeyManagementServiceReadOnly"],
  ["secretsmanager", "SecretsManagerReadWrite", "SecretsManagerReadOnly"],
  ["ssm", "AmazonSSMFullAccess", "AmazonSSMReadOnlyAccess"],
  ["elasticloadbalancing", "ElasticLoadBalancingFullAccess", "ElasticLoadBalancingReadOnly"],
  ["route53", "AmazonRoute53FullAccess", "AmazonRoute53ReadOnlyAccess"],
  ["cloudformation", "AWSCloudFormationFullAccess", "AWSCloudFormationReadOnlyAccess"],
  ["glue", "AWSGlueConsoleFullAccess", "AWSGlueReadOnlyAccess"],
];

export const SERVICE_POLICIES: readonly ManagedPolicyTemplate[] = [
  ...SERVICE_TABLE.flatMap(([prefix, full, read]) => [
    template(full, [allow(`${prefix}:*`)]),
    template(read, [allow([`${prefix}:Describe*`, `${prefix}:Get*`, `${prefix}:List*`])]),
  ]),
  template("AWSLambdaBasicExecutionRole", [allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"])], "/service-role/"),
  template(
    "AmazonECSTaskExecutionRolePolicy",
    [allow(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"])],
    "/service-role/",
  ),
  template("AWSGlueServiceRole", [allow(["glue:*", "s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject", "cloudwatch:PutMetricData"])], "/service-role/"),
];

/** Service principals roles trust, with the kind of role name each gets. */
export const SERVICE_PRINCIPALS: readonly [string, string][] = [
  ["lambda.amazonaws.com", "lambda-exec"],
  ["ec2.amazonaws.com", "ec2-instance"],
  ["ecs-tasks.amazonaws.com", "ecs-task"],
  ["glue.amazonaws.com", "glue-job"],
  ["states.amazonaws.com", "step-functions"],
  ["events.amazonaws.com", "eventbridge-target"],
  ["codebuild.amazonaws.com", "codebuild"],
  ["cloudformation.amazonaws.com", "cfn-exec"],
  ["firehose.amazonaws.com", "firehose-delivery"],
  ["sagemaker.amazonaws.com", "sagemaker-exec"],
];

/** The ManagedPolicyDetail entry GetAccountAuthorizationDetails lists for a policy. */
export function managedPolicyDetail(policy: ManagedPolicyTemplate, attachmentCount: number): Record<string, unknown> {
  return {
    PolicyName: policy.name,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: "2015-02-06T18:39:46Z",
    UpdateDate: "2024-06-01T12:00:00Z",
    PolicyVersionList: [{ Document: policy.document, VersionId: policy.defaultVersionId, IsDefaultVersion: true, CreateDate: "2024-06-01T12:00:00Z" }],
  };
}

export const SUPPORT_SERVICE_ROLE_POLICY = template(
  "AWSSupportServiceRolePolicy",
  [allow(["support:*", "trustedadvisor:Describe*", "iam:GetRole", "iam:ListRoles", "ec2:Describe*", "s3:GetBucketPolicy"])],
  "/aws-service-role/",
);
