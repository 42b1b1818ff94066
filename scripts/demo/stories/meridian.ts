/**
 * Meridian Freight's own roles and users, account by account: service roles, pipelines,
 * administrators and developers (internal access: no findings expected of a vendor).
 */
import type { AccountBuilder } from "../accountBuilder";
import { awsPolicyArn } from "../awsManagedPolicies";
import { hex } from "../deterministic";
import { DEMO_ORG_ID, GITHUB_ORG, REGION } from "../organization";
import { allow, doc, trustAws, trustOidc, trustService, type PolicyDoc } from "../policyDocuments";

export function managementServiceRoles(b: AccountBuilder): void {
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
}

export function billingAdministrators(b: AccountBuilder): void {
  const admins = b.policy({
    name: "BillingAdmins",
    created: "2022-02-01T10:00:00+00:00",
    versions: [{ id: "v1", created: "2022-02-01T10:00:00+00:00", document: doc(allow(["ce:*", "budgets:*", "cur:*", "aws-portal:*"], "*")) }],
  });
  b.group({ name: "billing-admins", created: "2022-02-01T10:05:00+00:00", managed: [admins] });
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
}

export function securityTooling(b: AccountBuilder): void {
  b.role({
    name: "security-tooling",
    created: "2024-01-15T09:00:00+00:00",
    trust: trustService("lambda.amazonaws.com"),
    managed: [awsPolicyArn("AWSLambdaBasicExecutionRole")],
    inline: [["assume-audit", doc(allow("sts:AssumeRole", "arn:aws:iam::*:role/meridian-security-audit"))]],
    lastUsed: { daysAgo: 1, region: REGION },
  });
}

export function platformPipeline(b: AccountBuilder): void {
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
}

export function vpcFlowLogs(b: AccountBuilder): void {
  b.role({
    name: "vpc-flow-logs",
    created: "2021-04-07T09:00:00+00:00",
    trust: trustService("vpc-flow-logs.amazonaws.com"),
    inline: [["deliver", doc(allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]))]],
    lastUsed: { daysAgo: 1, region: REGION },
  });
}

export function paymentsDevelopers(b: AccountBuilder): void {
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
}

export function logisticsServices(b: AccountBuilder): void {
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
}

export function dataPlatformReaders(b: AccountBuilder): void {
  // "*" pinned to our organization: internal.
  b.role({
    name: "org-data-readers",
    created: "2024-02-20T10:00:00+00:00",
    trust: trustAws("*", { StringEquals: { "aws:PrincipalOrgID": DEMO_ORG_ID } }),
    inline: [["catalog", doc(allow(["glue:GetDatabases", "glue:GetTables", "athena:ListWorkGroups"]))]],
    lastUsed: { daysAgo: 4, region: REGION },
  });
  b.user({
    name: "airflow-worker",
    created: "2023-01-10T10:00:00+00:00",
    inline: [["warehouse", doc(allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-warehouse-*", "arn:aws:s3:::meridian-warehouse-*/*"]))]],
    keys: [{ active: true, rotated: "2023-01-10T10:05:00+00:00", lastUsed: { daysAgo: 1 }, service: "s3", region: REGION }],
  });
}

export function portalMail(b: AccountBuilder): void {
  b.user({
    name: "portal-smtp",
    created: "2023-05-10T10:00:00+00:00",
    inline: [["ses", doc(allow(["ses:SendRawEmail", "ses:SendEmail"]))]],
    keys: [{ active: true, rotated: "2023-05-10T10:00:41+00:00", lastUsed: { daysAgo: 1 }, service: "ses", region: REGION }],
  });
}

export function backupServiceRole(b: AccountBuilder): void {
  b.role({
    name: "AWSBackupDefaultServiceRole",
    path: "/service-role/",
    created: "2023-11-21T10:00:00+00:00",
    trust: trustService("backup.amazonaws.com"),
    managed: [awsPolicyArn("AWSBackupServiceRolePolicyForBackup")],
    lastUsed: { daysAgo: 1, region: REGION },
  });
}

export function mlResearchPipeline(b: AccountBuilder): void {
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
    lastUsed: b.recent(`gitlab|${b.snapshot.date}`, 5),
  });
}
