/**
 * Workload accounts: each application's Lambda and ECS roles, the platform pipeline's deployer,
 * GitHub Actions deploys (OIDC, pinned to a repository) and the deploy permissions boundary.
 */
import type { AccountBuilder } from "../accountBuilder";
import { awsPolicyArn } from "../awsManagedPolicies";
import { GITHUB_ORG, REGION, SHARED_SERVICES, type AccountDef } from "../organization";
import { allow, doc, roleArnIn, trustAws, trustOidc, trustService } from "../policyDocuments";
import { northwindMonitoring } from "./northwind";

export function deployBoundary(b: AccountBuilder): string {
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

export function workloadRoles(b: AccountBuilder): void {
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
  northwindMonitoring(b);
}

export function githubDeploy(b: AccountBuilder, repo: string): void {
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
