/**
 * The demo organization's resource policies and shares (the resource export of
 * docs/analysis.md), per account and snapshot: what lets vendors at Meridian's data without
 * assuming a role. A few change between snapshots, so the history shows grants gained,
 * widened and removed.
 */
import { DEMO_UNKNOWN_ACCOUNTS, REGION, type DemoSnapshot } from "./organization";

const VANDELAY = "390275618842";
const HOOLI = "562087134459";
const GLOBEX = "745902316684";
const SOYLENT = "472650318896";

interface Item {
  /** Snapshots the item is in. */
  in: readonly number[];
  value: (snapshot: DemoSnapshot) => Record<string, unknown>;
}

const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const ITEMS: Record<string, { policies: Item[]; shares: Item[]; findings?: Item[] }> = {
  "393807251176": {
    policies: [
      {
        in: [1, 2, 3],
        value: (s) => ({
          Service: "s3",
          Region: REGION,
          Arn: "arn:aws:s3:::meridian-dw-exports",
          Policy: policy({
            Sid: "VandelayReadsExports",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${VANDELAY}:root` },
            // The third snapshot adds delete rights "for cleanup": a widened grant.
            Action: s.index >= 3 ? ["s3:GetObject", "s3:ListBucket", "s3:DeleteObject"] : ["s3:GetObject", "s3:ListBucket"],
            Resource: ["arn:aws:s3:::meridian-dw-exports", "arn:aws:s3:::meridian-dw-exports/*"],
          }),
        }),
      },
      {
        in: [1, 2, 3],
        value: () => ({
          Service: "kms",
          Region: REGION,
          Arn: `arn:aws:kms:${REGION}:393807251176:key/5b1e2c9a-7d44-4f0e-9a61-2f0c8d3e4b17`,
          Policy: policy(
            { Sid: "Admins", Effect: "Allow", Principal: { AWS: "arn:aws:iam::393807251176:root" }, Action: "kms:*", Resource: "*" },
            {
              Sid: "VandelayDecryptsThroughS3",
              Effect: "Allow",
              Principal: { AWS: `arn:aws:iam::${VANDELAY}:root` },
              Action: ["kms:Decrypt", "kms:DescribeKey"],
              Resource: "*",
              Condition: { StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com` } },
            },
          ),
        }),
      },
    ],
    // A table Vendorscope does not read itself: the organization's Access Analyzer reports it.
    findings: [
      {
        in: [2, 3],
        value: () => ({
          id: "7c1f9e2a-4b3d-4e8f-9a0b-1c2d3e4f5a6b",
          resource: `arn:aws:dynamodb:${REGION}:393807251176:table/dw-orders`,
          resourceType: "AWS::DynamoDB::Table",
          resourceOwnerAccount: "393807251176",
          status: "ACTIVE",
          principal: { AWS: VANDELAY },
          action: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:DescribeTable"],
          condition: {},
          isPublic: false,
        }),
      },
    ],
    shares: [
      {
        in: [3],
        value: () => ({ Service: "ebs-snapshot", Region: REGION, Arn: `arn:aws:ec2:${REGION}:393807251176:snapshot/snap-0d4f7a1c9e2b38a56`, SharedWith: [DEMO_UNKNOWN_ACCOUNTS[0]] }),
      },
    ],
  },
  "906142730051": {
    policies: [
      {
        in: [2, 3],
        value: () => ({
          Service: "sqs",
          Region: REGION,
          Arn: `arn:aws:sqs:${REGION}:906142730051:shipment-events`,
          Policy: policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${HOOLI}:role/hooli-ingest` }, Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource: "*" }),
        }),
      },
      {
        in: [1, 2, 3],
        value: () => ({
          Service: "lambda",
          Region: REGION,
          Arn: `arn:aws:lambda:${REGION}:906142730051:function:deploy-hook`,
          Policy: policy({
            Sid: "GlobexEventsInvoke",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "lambda:InvokeFunction",
            Resource: `arn:aws:lambda:${REGION}:906142730051:function:deploy-hook`,
            Condition: { StringEquals: { "aws:SourceAccount": GLOBEX } },
          }),
        }),
      },
    ],
    shares: [],
  },
  "639481027735": {
    policies: [
      {
        in: [1, 2],
        value: () => ({
          Service: "secretsmanager",
          Region: REGION,
          Arn: `arn:aws:secretsmanager:${REGION}:639481027735:secret:billing/soylent-api-7Qz2Lm`,
          Policy: policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${SOYLENT}:root` }, Action: "secretsmanager:GetSecretValue", Resource: "*" }),
        }),
      },
      {
        in: [2, 3],
        value: () => ({
          Service: "s3",
          Region: REGION,
          Arn: "arn:aws:s3:::meridian-payments-statements",
          Policy: policy({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::meridian-payments-statements/*" }),
        }),
      },
    ],
    shares: [],
  },
  "461038275519": {
    policies: [
      {
        in: [1, 2, 3],
        value: () => ({
          Service: "ecr",
          Region: REGION,
          Arn: `arn:aws:ecr:${REGION}:461038275519:repository/platform/base-images`,
          Policy: policy({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${GLOBEX}:root` }, Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"] }),
        }),
      },
    ],
    shares: [],
  },
};

/** The resource export of one account in one snapshot, or null when it has none. */
export function resourceExport(accountId: string, snapshot: DemoSnapshot): object | null {
  const items = ITEMS[accountId];
  if (!items) return null;
  const pick = (list: Item[]) => list.filter((i) => i.in.includes(snapshot.index)).map((i) => i.value(snapshot));
  const findings = pick(items.findings ?? []);
  return { AccountId: accountId, ResourcePolicies: pick(items.policies), ResourceShares: pick(items.shares), ...(findings.length ? { AccessAnalyzerFindings: findings } : {}) };
}
