/**
 * The fake AWS's resource services against the real SDK v3 clients: S3, KMS, SQS, SNS,
 * Lambda, Secrets Manager, ECR, EC2, RDS, RAM and Access Analyzer — every operation the
 * scanner calls, paging, "no policy" errors, regions the account has not enabled, and faults.
 */
import "@/testkit/fakeAws/sdkTestEnv"; // first: sets the SDK's env guards before any client loads
import { AccessAnalyzerClient, ListAnalyzersCommand, ListFindingsCommand, paginateListFindings } from "@aws-sdk/client-accessanalyzer";
import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeRegionsCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  paginateDescribeImages,
  paginateDescribeSnapshots,
} from "@aws-sdk/client-ec2";
import { DescribeRepositoriesCommand, ECRClient, GetRepositoryPolicyCommand, paginateDescribeRepositories } from "@aws-sdk/client-ecr";
import { DescribeKeyCommand, GetKeyPolicyCommand, KMSClient, ListAliasesCommand, ListKeysCommand, paginateListAliases, paginateListKeys } from "@aws-sdk/client-kms";
import { GetPolicyCommand, LambdaClient, ListFunctionsCommand, paginateListFunctions } from "@aws-sdk/client-lambda";
import { GetResourceShareAssociationsCommand, GetResourceSharesCommand, ListResourceSharePermissionsCommand, paginateGetResourceShareAssociations, RAMClient } from "@aws-sdk/client-ram";
import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  paginateDescribeDBSnapshots,
  RDSClient,
} from "@aws-sdk/client-rds";
import { GetBucketLocationCommand, GetBucketPolicyCommand, ListBucketsCommand, paginateListBuckets, S3Client } from "@aws-sdk/client-s3";
import { GetResourcePolicyCommand, ListSecretsCommand, paginateListSecrets, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetTopicAttributesCommand, ListTopicsCommand, paginateListTopics, SNSClient } from "@aws-sdk/client-sns";
import { GetQueueAttributesCommand, ListQueuesCommand, paginateListQueues, SQSClient } from "@aws-sdk/client-sqs";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeAccount, type FakeAws, type FakeOrganization, startFakeAws } from "@/testkit/fakeAws";
import type { FakeResources } from "@/testkit/fakeAws/types";

const MGMT = "111111111111";
const MEMBER = "222222222222";
const SIBLING = "333333333333";
const OUTSIDE = "999999999999";
const ORG_ID = "o-res1234567";
const ORG_ARN = `arn:aws:organizations::${MGMT}:organization/${ORG_ID}`;
const OU_ARN = `arn:aws:organizations::${MGMT}:ou/${ORG_ID}/ou-ab12-cdefgh34`;
const FOREIGN_ORG_ARN = `arn:aws:organizations::${OUTSIDE}:organization/o-foreign00001`;
const US = "us-east-1";
const EU = "eu-west-1";

const policy = (sid: string, principal: unknown = { AWS: `arn:aws:iam::${OUTSIDE}:root` }) => ({
  Version: "2012-10-17",
  Statement: [{ Sid: sid, Effect: "Allow", Principal: principal, Action: "*", Resource: "*" }],
});
const KEY_1 = "11111111-1111-4111-8111-111111111111";
const KEY_AWS = "22222222-2222-4222-8222-222222222222";
const KEY_APP = "33333333-3333-4333-8333-333333333333";
const KEY_EU = "44444444-4444-4444-8444-444444444444";
const snapId = (n: number) => `snap-${String(n).padStart(17, "0")}`;
const amiId = (n: number) => `ami-${String(n).padStart(17, "0")}`;

const MEMBER_RESOURCES: FakeResources = {
  buckets: [
    { name: "member-logs", region: US, policy: policy("logs") },
    { name: "member-private", region: US },
    { name: "member-assets", region: EU, policy: JSON.stringify(policy("assets")) },
    { name: "member-eu-empty", region: EU },
  ],
  keys: [
    { id: KEY_1, region: US, policy: policy("key1") },
    { id: KEY_AWS, region: US, policy: policy("aws-managed", { AWS: "*" }), manager: "AWS", alias: "alias/aws/s3" },
    { id: KEY_APP, region: US, policy: policy("app"), alias: "alias/app" },
    { id: KEY_EU, region: EU, policy: policy("eu"), alias: "alias/eu" },
  ],
  queues: [
    { name: "orders", region: US, policy: policy("orders") },
    { name: "plain", region: US },
    { name: "jobs", region: US },
    { name: "eu-queue", region: EU, policy: policy("eu-queue") },
  ],
  topics: [
    { name: "alerts", region: US, policy: policy("alerts") },
    { name: "news", region: US },
    { name: "eu-topic", region: EU },
  ],
  functions: [
    { name: "api", region: US, policy: policy("api", { Service: "apigateway.amazonaws.com" }) },
    { name: "worker", region: US },
    { name: "cron", region: US },
    { name: "eu-fn", region: EU, policy: policy("eu-fn") },
  ],
  secrets: [
    { name: "db-password", region: US, policy: policy("db") },
    { name: "api-key", region: US },
    { name: "eu-secret", region: EU },
  ],
  repositories: [
    { name: "web", region: US, policy: policy("web") },
    { name: "batch", region: US },
    { name: "eu-repo", region: EU },
  ],
  snapshots: [
    ...Array.from({ length: 6 }, (_, i) => ({ id: snapId(i + 1), region: US, sharedWith: i === 0 ? [OUTSIDE, SIBLING] : i === 1 ? ["all"] : [] })),
    { id: snapId(99), region: EU, sharedWith: [] },
  ],
  images: [
    ...Array.from({ length: 7 }, (_, i) => ({ id: amiId(i + 1), region: US, sharedWith: [[OUTSIDE], ["all"], [ORG_ARN, OU_ARN]][i] ?? [] })),
    { id: amiId(99), region: EU, sharedWith: [] },
  ],
  dbSnapshots: [
    ...Array.from({ length: 22 }, (_, i) => ({ id: `db-snap-${String(i + 1).padStart(2, "0")}`, region: US, sharedWith: i === 0 ? [OUTSIDE, "all"] : [] })),
    { id: "db-snap-eu", region: EU, sharedWith: [OUTSIDE] },
  ],
  dbClusterSnapshots: [
    { id: "cluster-snap-1", region: US, sharedWith: [OUTSIDE] },
    { id: "cluster-snap-2", region: US, sharedWith: [] },
  ],
  resourceShares: [
    {
      name: "subnets",
      region: US,
      principals: [SIBLING, OUTSIDE, ORG_ARN, FOREIGN_ORG_ARN, `arn:aws:iam::${OUTSIDE}:role/vendor`],
      resources: [
        { arn: `arn:aws:ec2:${US}:${MEMBER}:subnet/subnet-0abc`, type: "ec2:Subnet" },
        { arn: `arn:aws:ec2:${US}:${MEMBER}:subnet/subnet-0def`, type: "ec2:Subnet" },
      ],
      permissions: ["AWSRAMDefaultPermissionSubnet"],
    },
    { name: "internal", region: US, principals: [SIBLING], resources: [{ arn: `arn:aws:license-manager:${US}:${MEMBER}:license-configuration:lic-1`, type: "license-manager:LicenseConfiguration" }], permissions: ["AWSRAMDefaultPermissionLicenseConfiguration"] },
    { name: "retired", region: US, principals: [OUTSIDE], resources: [], permissions: [], status: "DELETED" },
    { name: "eu-share", region: EU, principals: [OUTSIDE], resources: [], permissions: [] },
  ],
};

const account = (id: string, name: string, extra: Partial<FakeAccount> = {}): FakeAccount => ({ id, name, authorizationDetails: () => ({}), ...extra });

const FINDINGS = [
  { id: "f-1", resource: "arn:aws:s3:::member-logs", resourceType: "AWS::S3::Bucket", resourceOwnerAccount: MEMBER, principal: { AWS: OUTSIDE }, action: ["s3:GetObject"], isPublic: false, status: "ACTIVE" as const },
  { id: "f-2", resource: `arn:aws:dynamodb:${US}:${MEMBER}:table/orders`, resourceType: "AWS::DynamoDB::Table", resourceOwnerAccount: MEMBER, principal: { AWS: "*" }, isPublic: true, status: "ACTIVE" as const },
  { id: "f-3", resource: `arn:aws:elasticfilesystem:${US}:${SIBLING}:file-system/fs-1`, resourceType: "AWS::EFS::FileSystem", resourceOwnerAccount: SIBLING, condition: { "aws:SourceVpc": "vpc-1" }, status: "ACTIVE" as const },
  { id: "f-4", resource: "arn:aws:s3:::old-bucket", resourceType: "AWS::S3::Bucket", resourceOwnerAccount: SIBLING, status: "ARCHIVED" as const },
  { id: "f-5", resource: "arn:aws:s3:::gone-bucket", resourceType: "AWS::S3::Bucket", resourceOwnerAccount: SIBLING, status: "RESOLVED" as const },
];

const ORGANIZATION: FakeOrganization = {
  id: ORG_ID,
  managementAccountId: MGMT,
  accounts: [
    account(MGMT, "management", { enabledRegions: [US, EU] }),
    account(MEMBER, "member", { ouPath: ["Workloads"], enabledRegions: [US, EU], resources: () => MEMBER_RESOURCES }),
    account(SIBLING, "sibling", { ouPath: ["Workloads"] }),
  ],
  accessAnalyzers: [
    { name: "org-analyzer", region: US, findings: FINDINGS },
    { name: "eu-analyzer", region: EU, findings: [] },
  ],
};

let fake: FakeAws;
let member: Creds;

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
interface Options {
  region?: string;
  creds?: Creds;
  extra?: Record<string, unknown>;
}
const config = ({ region = US, creds = member, extra = {} }: Options = {}) => ({ region, endpoint: fake.url, credentials: creds, ...extra });

const s3 = (o?: Options) => new S3Client(config(o));
const kms = (o?: Options) => new KMSClient(config(o));
const sqs = (o?: Options) => new SQSClient(config(o));
const sns = (o?: Options) => new SNSClient(config(o));
const lambda = (o?: Options) => new LambdaClient(config(o));
const secrets = (o?: Options) => new SecretsManagerClient(config(o));
const ecr = (o?: Options) => new ECRClient(config(o));
const ec2 = (o?: Options) => new EC2Client(config(o));
const rds = (o?: Options) => new RDSClient(config(o));
const ram = (o?: Options) => new RAMClient(config(o));
const analyzer = (o?: Options) => new AccessAnalyzerClient(config({ creds: fake.managementCredentials, ...o }));

type SdkError = Error & { $metadata: { httpStatusCode?: number; attempts?: number }; Code?: string };
async function caught(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error("expected the call to fail");
}
const failure = async (promise: Promise<unknown>) => {
  const error = await caught(promise);
  return [error.name, error.$metadata.httpStatusCode];
};
const parsed = (text: string | undefined) => JSON.parse(text ?? "null") as { Statement: { Sid: string }[] };

beforeAll(async () => {
  fake = await startFakeAws({ organization: ORGANIZATION });
  const out = await new STSClient({ region: US, endpoint: fake.url, credentials: fake.managementCredentials }).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`, RoleSessionName: "vendorscope" }),
  );
  const c = out.Credentials!;
  member = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
});
afterAll(async () => {
  await fake.stop();
});
afterEach(() => {
  fake.setFaults({});
});

describe("S3", () => {
  it("lists every bucket of the account, whatever the region, in pages", async () => {
    const all = await s3({ region: EU }).send(new ListBucketsCommand({}));
    expect(all.Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([
      ["member-assets", EU],
      ["member-eu-empty", EU],
      ["member-logs", US],
      ["member-private", US],
    ]);
    expect(all.Buckets![0]!.CreationDate).toBeInstanceOf(Date);
    expect(all.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(all.ContinuationToken).toBeUndefined();
    // The SDK addresses the fake path style: its endpoint is an IP address.
    expect(fake.calls.at(-1)).toMatchObject({ service: "s3", operation: "ListBuckets", region: EU, status: 200 });

    const first = await s3().send(new ListBucketsCommand({ MaxBuckets: 3 }));
    expect(first.Buckets).toHaveLength(3);
    const second = await s3().send(new ListBucketsCommand({ MaxBuckets: 3, ContinuationToken: first.ContinuationToken! }));
    expect(second.Buckets?.map((b) => b.Name)).toEqual(["member-private"]);
    expect(second.ContinuationToken).toBeUndefined();
    expect((await caught(s3().send(new ListBucketsCommand({ MaxBuckets: 3, Prefix: "member-l", ContinuationToken: first.ContinuationToken! })))).name).toBe("InvalidArgument");
  });

  it("serves bucket policies as JSON text, and NoSuchBucketPolicy / NoSuchBucket", async () => {
    const { Policy } = await s3().send(new GetBucketPolicyCommand({ Bucket: "member-logs" }));
    expect(parsed(Policy).Statement[0]!.Sid).toBe("logs");
    const eu = await s3({ region: EU }).send(new GetBucketPolicyCommand({ Bucket: "member-assets" }));
    expect(eu.Policy).toBe(JSON.stringify(policy("assets")));
    expect(await failure(s3().send(new GetBucketPolicyCommand({ Bucket: "member-private" })))).toEqual(["NoSuchBucketPolicy", 404]);
    expect(await failure(s3().send(new GetBucketPolicyCommand({ Bucket: "nobody-has-this" })))).toEqual(["NoSuchBucket", 404]);
    expect(fake.calls.at(-1)?.params).toMatchObject({ Bucket: "nobody-has-this", policy: "" });
  });

  it("answers 301 PermanentRedirect when signed for another region than the bucket's", async () => {
    const error = await caught(s3({ extra: { maxAttempts: 1 } }).send(new GetBucketPolicyCommand({ Bucket: "member-assets" })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(["PermanentRedirect", 301]);
    expect(error).toMatchObject({ Bucket: "member-assets", Endpoint: "member-assets.s3.eu-west-1.amazonaws.com" });
    // With followRegionRedirects the SDK reads x-amz-bucket-region and asks again, signed for it.
    const followed = await s3({ extra: { followRegionRedirects: true } }).send(new GetBucketPolicyCommand({ Bucket: "member-assets" }));
    expect(parsed(followed.Policy).Statement[0]!.Sid).toBe("assets");
    expect(fake.calls.slice(-2).map((c) => [c.region, c.status])).toEqual([
      [US, 301],
      [EU, 200],
    ]);
  });

  it("answers GetBucketLocation from any region, empty for us-east-1", async () => {
    expect((await s3().send(new GetBucketLocationCommand({ Bucket: "member-assets" }))).LocationConstraint).toBe(EU);
    const us = await s3({ region: EU }).send(new GetBucketLocationCommand({ Bucket: "member-logs" }));
    expect(us.LocationConstraint).toBeUndefined();
    expect(await failure(s3().send(new GetBucketLocationCommand({ Bucket: "nobody-has-this" })))).toEqual(["NoSuchBucket", 404]);
  });
});

describe("KMS", () => {
  it("lists keys and aliases of the region in pages", async () => {
    const first = await kms().send(new ListKeysCommand({ Limit: 2 }));
    expect(first.Keys).toEqual([
      { KeyId: KEY_1, KeyArn: `arn:aws:kms:${US}:${MEMBER}:key/${KEY_1}` },
      { KeyId: KEY_AWS, KeyArn: `arn:aws:kms:${US}:${MEMBER}:key/${KEY_AWS}` },
    ]);
    expect(first.Truncated).toBe(true);
    const second = await kms().send(new ListKeysCommand({ Limit: 2, Marker: first.NextMarker! }));
    expect(second.Keys?.map((k) => k.KeyId)).toEqual([KEY_APP]);
    expect([second.Truncated, second.NextMarker]).toEqual([false, undefined]);
    expect((await kms({ region: EU }).send(new ListKeysCommand({}))).Keys?.map((k) => k.KeyId)).toEqual([KEY_EU]);
    expect((await caught(kms().send(new ListAliasesCommand({ Marker: first.NextMarker! })))).name).toBe("InvalidMarkerException");

    const aliases = await kms().send(new ListAliasesCommand({}));
    expect(aliases.Aliases?.map((a) => [a.AliasName, a.AliasArn, a.TargetKeyId])).toEqual([
      ["alias/aws/s3", `arn:aws:kms:${US}:${MEMBER}:alias/aws/s3`, KEY_AWS],
      ["alias/app", `arn:aws:kms:${US}:${MEMBER}:alias/app`, KEY_APP],
    ]);
    expect(aliases.Aliases![0]!.CreationDate).toBeInstanceOf(Date);
    const paged = await kms().send(new ListAliasesCommand({ Limit: 1 }));
    expect([paged.Aliases?.length, paged.Truncated]).toEqual([1, true]);
  });

  it("serves key policies by id or ARN and describes keys", async () => {
    const byId = await kms().send(new GetKeyPolicyCommand({ KeyId: KEY_1 }));
    expect([parsed(byId.Policy).Statement[0]!.Sid, byId.PolicyName]).toEqual(["key1", "default"]);
    const byArn = await kms().send(new GetKeyPolicyCommand({ KeyId: `arn:aws:kms:${US}:${MEMBER}:key/${KEY_APP}`, PolicyName: "default" }));
    expect(parsed(byArn.Policy).Statement[0]!.Sid).toBe("app");
    expect(await failure(kms().send(new GetKeyPolicyCommand({ KeyId: KEY_EU })))).toEqual(["NotFoundException", 400]);

    const { KeyMetadata } = await kms().send(new DescribeKeyCommand({ KeyId: "alias/aws/s3" }));
    expect(KeyMetadata).toMatchObject({ KeyId: KEY_AWS, Arn: `arn:aws:kms:${US}:${MEMBER}:key/${KEY_AWS}`, KeyManager: "AWS", KeyState: "Enabled", Enabled: true, AWSAccountId: MEMBER });
    expect(KeyMetadata?.CreationDate).toBeInstanceOf(Date);
    expect((await kms().send(new DescribeKeyCommand({ KeyId: KEY_1 }))).KeyMetadata?.KeyManager).toBe("CUSTOMER");
    expect((await caught(kms().send(new DescribeKeyCommand({ KeyId: "alias/nope" })))).name).toBe("NotFoundException");
  });
});

describe("SQS", () => {
  const url = (name: string, region = US) => `https://sqs.${region}.amazonaws.com/${MEMBER}/${name}`;

  it("lists queue URLs in pages, and none at all as no QueueUrls", async () => {
    expect((await sqs().send(new ListQueuesCommand({}))).QueueUrls).toEqual([url("orders"), url("plain"), url("jobs")]);
    const first = await sqs().send(new ListQueuesCommand({ MaxResults: 2 }));
    expect(first.QueueUrls).toEqual([url("orders"), url("plain")]);
    const second = await sqs().send(new ListQueuesCommand({ MaxResults: 2, NextToken: first.NextToken! }));
    expect([second.QueueUrls, second.NextToken]).toEqual([[url("jobs")], undefined]);
    const none = await sqs().send(new ListQueuesCommand({ QueueNamePrefix: "zzz" }));
    expect(none.QueueUrls).toBeUndefined();
    expect((await caught(sqs().send(new ListQueuesCommand({ MaxResults: 2, QueueNamePrefix: "o", NextToken: first.NextToken! })))).name).toBe("InvalidParameterValue");
  });

  it("answers GetQueueAttributes, without Policy when there is none", async () => {
    const orders = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: url("orders"), AttributeNames: ["Policy", "QueueArn"] }));
    expect(Object.keys(orders.Attributes!).sort()).toEqual(["Policy", "QueueArn"]);
    expect(orders.Attributes?.QueueArn).toBe(`arn:aws:sqs:${US}:${MEMBER}:orders`);
    expect(parsed(orders.Attributes?.Policy).Statement[0]!.Sid).toBe("orders");
    const plain = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: url("plain"), AttributeNames: ["All"] }));
    expect(plain.Attributes).toMatchObject({ QueueArn: `arn:aws:sqs:${US}:${MEMBER}:plain`, VisibilityTimeout: "30" });
    expect(plain.Attributes?.Policy).toBeUndefined();
  });

  it("names an unknown queue QueueDoesNotExist, with the awsQuery code in Code", async () => {
    const error = await caught(sqs().send(new GetQueueAttributesCommand({ QueueUrl: url("eu-queue"), AttributeNames: ["Policy"] })));
    expect([error.name, error.$metadata.httpStatusCode, error.Code]).toEqual(["QueueDoesNotExist", 400, "AWS.SimpleQueueService.NonExistentQueue"]);
    expect((await caught(sqs().send(new GetQueueAttributesCommand({ QueueUrl: `https://sqs.${US}.amazonaws.com/${OUTSIDE}/orders` })))).name).toBe("QueueDoesNotExist");
  });
});

describe("SNS", () => {
  const arn = (name: string, region = US) => `arn:aws:sns:${region}:${MEMBER}:${name}`;

  it("lists topics, 100 a page (fewer under maxItemsCap)", async () => {
    const all = await sns().send(new ListTopicsCommand({}));
    expect([all.Topics, all.NextToken]).toEqual([[{ TopicArn: arn("alerts") }, { TopicArn: arn("news") }], undefined]);
    fake.setFaults({ maxItemsCap: 1 });
    const first = await sns().send(new ListTopicsCommand({}));
    expect(first.Topics).toEqual([{ TopicArn: arn("alerts") }]);
    expect((await sns().send(new ListTopicsCommand({ NextToken: first.NextToken! }))).Topics).toEqual([{ TopicArn: arn("news") }]);
    expect((await caught(sns({ region: EU }).send(new ListTopicsCommand({ NextToken: first.NextToken! })))).name).toBe("InvalidParameterException");
  });

  it("answers GetTopicAttributes with the topic's policy, or SNS's default one", async () => {
    const alerts = await sns().send(new GetTopicAttributesCommand({ TopicArn: arn("alerts") }));
    expect(alerts.Attributes).toMatchObject({ TopicArn: arn("alerts"), Owner: MEMBER });
    expect(parsed(alerts.Attributes?.Policy).Statement[0]!.Sid).toBe("alerts");
    const news = await sns().send(new GetTopicAttributesCommand({ TopicArn: arn("news") }));
    expect(JSON.parse(news.Attributes!.Policy!)).toMatchObject({
      Id: "__default_policy_ID",
      Statement: [{ Principal: { AWS: "*" }, Resource: arn("news"), Condition: { StringEquals: { "AWS:SourceOwner": MEMBER } } }],
    });
    expect(await failure(sns().send(new GetTopicAttributesCommand({ TopicArn: arn("eu-topic") })))).toEqual(["NotFoundException", 404]);
  });
});

describe("Lambda", () => {
  const arn = (name: string) => `arn:aws:lambda:${US}:${MEMBER}:function:${name}`;

  it("lists functions in pages", async () => {
    const first = await lambda().send(new ListFunctionsCommand({ MaxItems: 2 }));
    expect(first.Functions?.map((f) => [f.FunctionName, f.FunctionArn])).toEqual([
      ["api", arn("api")],
      ["worker", arn("worker")],
    ]);
    expect(first.Functions![0]).toMatchObject({ Runtime: "nodejs20.x", LastModified: "2024-01-01T00:00:00.000+0000", PackageType: "Zip" });
    const second = await lambda().send(new ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker! }));
    expect([second.Functions?.map((f) => f.FunctionName), second.NextMarker]).toEqual([["cron"], undefined]);
    expect((await caught(lambda({ region: EU }).send(new ListFunctionsCommand({ Marker: first.NextMarker! })))).name).toBe("InvalidParameterValueException");
  });

  it("serves function policies by name or ARN, ResourceNotFoundException otherwise", async () => {
    const byName = await lambda().send(new GetPolicyCommand({ FunctionName: "api" }));
    expect(parsed(byName.Policy).Statement[0]!.Sid).toBe("api");
    expect(byName.RevisionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await lambda().send(new GetPolicyCommand({ FunctionName: arn("api") }))).Policy).toBe(byName.Policy);
    expect(fake.calls.at(-1)?.params).toMatchObject({ FunctionName: arn("api") });
    expect(await failure(lambda().send(new GetPolicyCommand({ FunctionName: "worker" })))).toEqual(["ResourceNotFoundException", 404]);
    expect(await failure(lambda().send(new GetPolicyCommand({ FunctionName: "nope" })))).toEqual(["ResourceNotFoundException", 404]);
  });
});

describe("Secrets Manager", () => {
  it("lists secrets in pages and serves resource policies by name or ARN", async () => {
    const first = await secrets().send(new ListSecretsCommand({ MaxResults: 1 }));
    const db = first.SecretList![0]!;
    expect(db.Name).toBe("db-password");
    expect(db.ARN).toMatch(new RegExp(`^arn:aws:secretsmanager:${US}:${MEMBER}:secret:db-password-[A-Za-z0-9]{6}$`));
    expect(db.CreatedDate).toBeInstanceOf(Date);
    const second = await secrets().send(new ListSecretsCommand({ MaxResults: 1, NextToken: first.NextToken! }));
    expect([second.SecretList?.map((s) => s.Name), second.NextToken]).toEqual([["api-key"], undefined]);
    expect((await caught(secrets({ region: EU }).send(new ListSecretsCommand({ NextToken: first.NextToken! })))).name).toBe("InvalidNextTokenException");

    const byArn = await secrets().send(new GetResourcePolicyCommand({ SecretId: db.ARN! }));
    expect([byArn.ARN, byArn.Name, parsed(byArn.ResourcePolicy).Statement[0]!.Sid]).toEqual([db.ARN, "db-password", "db"]);
    const none = await secrets().send(new GetResourcePolicyCommand({ SecretId: "api-key" }));
    expect(none).toMatchObject({ Name: "api-key" });
    expect("ResourcePolicy" in none).toBe(false);
    expect(await failure(secrets().send(new GetResourcePolicyCommand({ SecretId: "eu-secret" })))).toEqual(["ResourceNotFoundException", 400]);
  });
});

describe("ECR", () => {
  it("describes repositories in pages and serves repository policies", async () => {
    const first = await ecr().send(new DescribeRepositoriesCommand({ maxResults: 1 }));
    expect(first.repositories).toEqual([
      {
        repositoryArn: `arn:aws:ecr:${US}:${MEMBER}:repository/web`,
        registryId: MEMBER,
        repositoryName: "web",
        repositoryUri: `${MEMBER}.dkr.ecr.${US}.amazonaws.com/web`,
        createdAt: expect.any(Date),
        imageTagMutability: "MUTABLE",
        imageScanningConfiguration: { scanOnPush: false },
        encryptionConfiguration: { encryptionType: "AES256" },
      },
    ]);
    const second = await ecr().send(new DescribeRepositoriesCommand({ maxResults: 1, nextToken: first.nextToken! }));
    expect([second.repositories?.map((r) => r.repositoryName), second.nextToken]).toEqual([["batch"], undefined]);

    const web = await ecr().send(new GetRepositoryPolicyCommand({ repositoryName: "web" }));
    expect([web.registryId, web.repositoryName, parsed(web.policyText).Statement[0]!.Sid]).toEqual([MEMBER, "web", "web"]);
    expect(await failure(ecr().send(new GetRepositoryPolicyCommand({ repositoryName: "batch" })))).toEqual(["RepositoryPolicyNotFoundException", 400]);
    expect(await failure(ecr().send(new GetRepositoryPolicyCommand({ repositoryName: "eu-repo" })))).toEqual(["RepositoryNotFoundException", 400]);
  });
});

describe("EC2", () => {
  it("describes the account's enabled regions", async () => {
    const { Regions } = await ec2().send(new DescribeRegionsCommand({ AllRegions: false }));
    expect(Regions).toEqual([
      { RegionName: US, Endpoint: `ec2.${US}.amazonaws.com`, OptInStatus: "opt-in-not-required" },
      { RegionName: EU, Endpoint: `ec2.${EU}.amazonaws.com`, OptInStatus: "opt-in-not-required" },
    ]);
    const all = await ec2().send(new DescribeRegionsCommand({ AllRegions: true }));
    expect(all.Regions?.find((r) => r.RegionName === "af-south-1")?.OptInStatus).toBe("not-opted-in");
  });

  it("describes own snapshots in pages and their createVolumePermission", async () => {
    const first = await ec2().send(new DescribeSnapshotsCommand({ OwnerIds: ["self"], MaxResults: 5 }));
    expect(first.Snapshots?.map((s) => s.SnapshotId)).toEqual([1, 2, 3, 4, 5].map(snapId));
    expect(fake.calls.at(-1)?.params).toMatchObject({ Owner: ["self"], MaxResults: "5" });
    expect(first.Snapshots![0]).toMatchObject({ OwnerId: MEMBER, State: "completed", VolumeSize: 8, Encrypted: false, VolumeId: expect.stringMatching(/^vol-/) });
    expect(first.Snapshots![0]!.StartTime).toBeInstanceOf(Date);
    const second = await ec2().send(new DescribeSnapshotsCommand({ OwnerIds: ["self"], MaxResults: 5, NextToken: first.NextToken! }));
    expect([second.Snapshots?.map((s) => s.SnapshotId), second.NextToken]).toEqual([[snapId(6)], undefined]);
    expect((await caught(ec2().send(new DescribeImagesCommand({ Owners: ["self"], MaxResults: 6, NextToken: first.NextToken! })))).name).toBe("InvalidPaginationToken");
    expect((await ec2().send(new DescribeSnapshotsCommand({ OwnerIds: ["amazon"] }))).Snapshots).toEqual([]);

    const shared = await ec2().send(new DescribeSnapshotAttributeCommand({ SnapshotId: snapId(1), Attribute: "createVolumePermission" }));
    expect([shared.SnapshotId, shared.CreateVolumePermissions]).toEqual([snapId(1), [{ UserId: OUTSIDE }, { UserId: SIBLING }]]);
    const open = await ec2().send(new DescribeSnapshotAttributeCommand({ SnapshotId: snapId(2), Attribute: "createVolumePermission" }));
    expect(open.CreateVolumePermissions).toEqual([{ Group: "all" }]);
    expect((await ec2().send(new DescribeSnapshotAttributeCommand({ SnapshotId: snapId(3), Attribute: "createVolumePermission" }))).CreateVolumePermissions).toEqual([]);
    expect(await failure(ec2().send(new DescribeSnapshotAttributeCommand({ SnapshotId: snapId(99), Attribute: "createVolumePermission" })))).toEqual(["InvalidSnapshot.NotFound", 400]);
  });

  it("describes own images in pages and their launchPermission", async () => {
    const first = await ec2().send(new DescribeImagesCommand({ Owners: ["self"], MaxResults: 6 }));
    expect(fake.calls.at(-1)?.params).toMatchObject({ Owner: ["self"] });
    expect(first.Images?.map((i) => i.ImageId)).toEqual([1, 2, 3, 4, 5, 6].map(amiId));
    expect(first.Images?.map((i) => i.Public)).toEqual([false, true, false, false, false, false]);
    expect(first.Images![0]).toMatchObject({ OwnerId: MEMBER, Name: amiId(1), State: "available" });
    const second = await ec2().send(new DescribeImagesCommand({ Owners: ["self"], MaxResults: 6, NextToken: first.NextToken! }));
    expect([second.Images?.map((i) => i.ImageId), second.NextToken]).toEqual([[amiId(7)], undefined]);

    const attribute = (n: number) => ec2().send(new DescribeImageAttributeCommand({ ImageId: amiId(n), Attribute: "launchPermission" }));
    expect((await attribute(1)).LaunchPermissions).toEqual([{ UserId: OUTSIDE }]);
    expect((await attribute(2)).LaunchPermissions).toEqual([{ Group: "all" }]);
    const org = await attribute(3);
    expect([org.ImageId, org.LaunchPermissions]).toEqual([amiId(3), [{ OrganizationArn: ORG_ARN }, { OrganizationalUnitArn: OU_ARN }]]);
    expect(await failure(attribute(99))).toEqual(["InvalidAMIID.NotFound", 400]);
  });
});

describe("RDS", () => {
  it("describes manual DB snapshots in pages of MaxRecords", async () => {
    const first = await rds().send(new DescribeDBSnapshotsCommand({ SnapshotType: "manual", MaxRecords: 20 }));
    expect(first.DBSnapshots).toHaveLength(20);
    expect(first.DBSnapshots![0]).toMatchObject({
      DBSnapshotIdentifier: "db-snap-01",
      DBSnapshotArn: `arn:aws:rds:${US}:${MEMBER}:snapshot:db-snap-01`,
      DBInstanceIdentifier: "db-db-snap-01",
      SnapshotType: "manual",
      Status: "available",
      Encrypted: false,
    });
    expect(first.DBSnapshots![0]!.SnapshotCreateTime).toBeInstanceOf(Date);
    const second = await rds().send(new DescribeDBSnapshotsCommand({ SnapshotType: "manual", MaxRecords: 20, Marker: first.Marker! }));
    expect([second.DBSnapshots?.map((s) => s.DBSnapshotIdentifier), second.Marker]).toEqual([["db-snap-21", "db-snap-22"], undefined]);
    expect((await caught(rds().send(new DescribeDBClusterSnapshotsCommand({ Marker: first.Marker! })))).name).toBe("InvalidParameterValue");
    expect((await rds().send(new DescribeDBSnapshotsCommand({ SnapshotType: "automated" }))).DBSnapshots).toEqual([]);
  });

  it("describes DB snapshot restore attributes", async () => {
    const { DBSnapshotAttributesResult } = await rds().send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: "db-snap-01" }));
    expect(DBSnapshotAttributesResult).toEqual({ DBSnapshotIdentifier: "db-snap-01", DBSnapshotAttributes: [{ AttributeName: "restore", AttributeValues: [OUTSIDE, "all"] }] });
    const unshared = await rds().send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: "db-snap-02" }));
    expect(unshared.DBSnapshotAttributesResult?.DBSnapshotAttributes).toEqual([{ AttributeName: "restore", AttributeValues: [] }]);
    expect(await failure(rds().send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: "db-snap-eu" })))).toEqual(["DBSnapshotNotFoundFault", 404]);
  });

  it("describes DB cluster snapshots and their attributes", async () => {
    const { DBClusterSnapshots } = await rds().send(new DescribeDBClusterSnapshotsCommand({ SnapshotType: "manual" }));
    expect(DBClusterSnapshots?.map((s) => [s.DBClusterSnapshotIdentifier, s.DBClusterSnapshotArn, s.SnapshotType, s.Status])).toEqual([
      ["cluster-snap-1", `arn:aws:rds:${US}:${MEMBER}:cluster-snapshot:cluster-snap-1`, "manual", "available"],
      ["cluster-snap-2", `arn:aws:rds:${US}:${MEMBER}:cluster-snapshot:cluster-snap-2`, "manual", "available"],
    ]);
    expect(DBClusterSnapshots![0]!.AvailabilityZones).toEqual([`${US}a`, `${US}b`, `${US}c`]);
    const { DBClusterSnapshotAttributesResult } = await rds().send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: "cluster-snap-1" }));
    expect(DBClusterSnapshotAttributesResult).toEqual({
      DBClusterSnapshotIdentifier: "cluster-snap-1",
      DBClusterSnapshotAttributes: [{ AttributeName: "restore", AttributeValues: [OUTSIDE] }],
    });
    expect(await failure(rds().send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: "nope" })))).toEqual(["DBClusterSnapshotNotFoundFault", 404]);
  });
});

describe("RAM", () => {
  it("lists the shares the account owns", async () => {
    const { resourceShares } = await ram().send(new GetResourceSharesCommand({ resourceOwner: "SELF" }));
    expect(resourceShares?.map((s) => [s.name, s.owningAccountId, s.allowExternalPrincipals, s.status])).toEqual([
      ["subnets", MEMBER, true, "ACTIVE"],
      ["internal", MEMBER, false, "ACTIVE"],
      ["retired", MEMBER, true, "DELETED"],
    ]);
    expect(resourceShares![0]!.resourceShareArn).toMatch(new RegExp(`^arn:aws:ram:${US}:${MEMBER}:resource-share/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`));
    expect(resourceShares![0]!.creationTime).toBeInstanceOf(Date);
    const active = await ram().send(new GetResourceSharesCommand({ resourceOwner: "SELF", resourceShareStatus: "ACTIVE", maxResults: 1 }));
    expect(active.resourceShares?.map((s) => s.name)).toEqual(["subnets"]);
    const next = await ram().send(new GetResourceSharesCommand({ resourceOwner: "SELF", resourceShareStatus: "ACTIVE", maxResults: 1, nextToken: active.nextToken! }));
    expect([next.resourceShares?.map((s) => s.name), next.nextToken]).toEqual([["internal"], undefined]);
    expect((await caught(ram().send(new GetResourceSharesCommand({ resourceOwner: "SELF", nextToken: active.nextToken! })))).name).toBe("InvalidNextTokenException");
    expect((await ram({ region: EU }).send(new GetResourceSharesCommand({ resourceOwner: "SELF" }))).resourceShares?.map((s) => s.name)).toEqual(["eu-share"]);
  });

  it("lists principal and resource associations of active shares, external when outside the organization", async () => {
    const { resourceShareAssociations } = await ram().send(new GetResourceShareAssociationsCommand({ associationType: "PRINCIPAL" }));
    expect(resourceShareAssociations?.map((a) => [a.resourceShareName, a.associatedEntity, a.external])).toEqual([
      ["subnets", SIBLING, false],
      ["subnets", OUTSIDE, true],
      ["subnets", ORG_ARN, false],
      ["subnets", FOREIGN_ORG_ARN, true],
      ["subnets", `arn:aws:iam::${OUTSIDE}:role/vendor`, true],
      ["internal", SIBLING, false],
    ]);
    expect(resourceShareAssociations![0]).toMatchObject({ associationType: "PRINCIPAL", status: "ASSOCIATED", creationTime: expect.any(Date) });

    const subnets = resourceShareAssociations![0]!.resourceShareArn!;
    const first = await ram().send(new GetResourceShareAssociationsCommand({ associationType: "RESOURCE", resourceShareArns: [subnets], maxResults: 1 }));
    expect(first.resourceShareAssociations?.map((a) => [a.associatedEntity, a.associationType, a.external])).toEqual([[`arn:aws:ec2:${US}:${MEMBER}:subnet/subnet-0abc`, "RESOURCE", false]]);
    const second = await ram().send(new GetResourceShareAssociationsCommand({ associationType: "RESOURCE", resourceShareArns: [subnets], maxResults: 1, nextToken: first.nextToken! }));
    expect([second.resourceShareAssociations?.map((a) => a.associatedEntity), second.nextToken]).toEqual([[`arn:aws:ec2:${US}:${MEMBER}:subnet/subnet-0def`], undefined]);
    const wrong = await caught(ram().send(new GetResourceShareAssociationsCommand({ associationType: "PRINCIPAL", resourceShareArns: [subnets], nextToken: first.nextToken! })));
    expect(wrong.name).toBe("InvalidNextTokenException");
  });

  it("lists a share's permissions, UnknownResourceException for an unknown share", async () => {
    const { resourceShares } = await ram().send(new GetResourceSharesCommand({ resourceOwner: "SELF", name: "subnets" }));
    const { permissions } = await ram().send(new ListResourceSharePermissionsCommand({ resourceShareArn: resourceShares![0]!.resourceShareArn! }));
    expect(permissions).toEqual([
      expect.objectContaining({
        arn: "arn:aws:ram::aws:permission/AWSRAMDefaultPermissionSubnet",
        name: "AWSRAMDefaultPermissionSubnet",
        version: "1",
        defaultVersion: true,
        resourceType: "ec2:Subnet",
        status: "ATTACHABLE",
      }),
    ]);
    const unknown = `arn:aws:ram:${US}:${MEMBER}:resource-share/00000000-0000-0000-0000-000000000000`;
    expect(await failure(ram().send(new ListResourceSharePermissionsCommand({ resourceShareArn: unknown })))).toEqual(["UnknownResourceException", 400]);
  });
});

describe("Access Analyzer", () => {
  const ARN = `arn:aws:access-analyzer:${US}:${MGMT}:analyzer/org-analyzer`;

  it("lists the organization analyzers of the region, in the management account only", async () => {
    const { analyzers } = await analyzer().send(new ListAnalyzersCommand({ type: "ORGANIZATION" }));
    expect(analyzers).toEqual([expect.objectContaining({ arn: ARN, name: "org-analyzer", type: "ORGANIZATION", status: "ACTIVE", createdAt: expect.any(Date) })]);
    expect((await analyzer({ region: EU }).send(new ListAnalyzersCommand({}))).analyzers?.map((a) => a.name)).toEqual(["eu-analyzer"]);
    expect((await analyzer().send(new ListAnalyzersCommand({ type: "ACCOUNT" }))).analyzers).toEqual([]);
    expect((await analyzer({ creds: member }).send(new ListAnalyzersCommand({ type: "ORGANIZATION" }))).analyzers).toEqual([]);
  });

  it("lists an analyzer's findings matching the filter, in pages", async () => {
    const active = await analyzer().send(new ListFindingsCommand({ analyzerArn: ARN, filter: { status: { eq: ["ACTIVE"] } } }));
    expect(active.findings?.map((f) => f.id)).toEqual(["f-1", "f-2", "f-3"]);
    expect(active.findings![0]).toEqual({
      id: "f-1",
      principal: { AWS: OUTSIDE },
      action: ["s3:GetObject"],
      resource: "arn:aws:s3:::member-logs",
      isPublic: false,
      resourceType: "AWS::S3::Bucket",
      condition: {},
      createdAt: expect.any(Date),
      analyzedAt: expect.any(Date),
      updatedAt: expect.any(Date),
      status: "ACTIVE",
      resourceOwnerAccount: MEMBER,
    });
    const buckets = await analyzer().send(new ListFindingsCommand({ analyzerArn: ARN, filter: { status: { neq: ["ACTIVE"] }, resourceType: { eq: ["AWS::S3::Bucket"] } } }));
    expect(buckets.findings?.map((f) => [f.id, f.status])).toEqual([
      ["f-4", "ARCHIVED"],
      ["f-5", "RESOLVED"],
    ]);
    const first = await analyzer().send(new ListFindingsCommand({ analyzerArn: ARN, filter: { status: { eq: ["ACTIVE"] } }, maxResults: 2 }));
    expect(first.findings?.map((f) => f.id)).toEqual(["f-1", "f-2"]);
    const second = await analyzer().send(new ListFindingsCommand({ analyzerArn: ARN, filter: { status: { eq: ["ACTIVE"] } }, maxResults: 2, nextToken: first.nextToken! }));
    expect([second.findings?.map((f) => f.id), second.nextToken]).toEqual([["f-3"], undefined]);
    const other = await caught(analyzer().send(new ListFindingsCommand({ analyzerArn: ARN, filter: { status: { eq: ["ARCHIVED"] } }, nextToken: first.nextToken! })));
    expect(other.name).toBe("ValidationException");
    const unknown = `arn:aws:access-analyzer:${US}:${MGMT}:analyzer/nope`;
    expect(await failure(analyzer().send(new ListFindingsCommand({ analyzerArn: unknown })))).toEqual(["ResourceNotFoundException", 404]);
    expect(await failure(analyzer({ creds: member }).send(new ListFindingsCommand({ analyzerArn: ARN })))).toEqual(["ResourceNotFoundException", 404]);
  });
});

describe("the SDK's paginators", () => {
  /** The number of items on each page the paginator fetched. */
  async function pageSizes<P>(pages: AsyncIterable<P>, items: (page: P) => unknown[] | undefined): Promise<number[]> {
    const sizes: number[] = [];
    for await (const page of pages) sizes.push(items(page)?.length ?? 0);
    return sizes;
  }

  it("walk every listing to its end", async () => {
    fake.setFaults({ maxItemsCap: 2 }); // SNS has no page size parameter
    expect(await pageSizes(paginateListBuckets({ client: s3(), pageSize: 1 }, {}), (p) => p.Buckets)).toEqual([1, 1, 1, 1]);
    expect(await pageSizes(paginateListKeys({ client: kms(), pageSize: 2 }, {}), (p) => p.Keys)).toEqual([2, 1]);
    expect(await pageSizes(paginateListAliases({ client: kms(), pageSize: 1 }, {}), (p) => p.Aliases)).toEqual([1, 1]);
    expect(await pageSizes(paginateListQueues({ client: sqs(), pageSize: 2 }, {}), (p) => p.QueueUrls)).toEqual([2, 1]);
    expect(await pageSizes(paginateListTopics({ client: sns() }, {}), (p) => p.Topics)).toEqual([2]);
    expect(await pageSizes(paginateListFunctions({ client: lambda(), pageSize: 1 }, {}), (p) => p.Functions)).toEqual([1, 1, 1]);
    expect(await pageSizes(paginateListSecrets({ client: secrets(), pageSize: 1 }, {}), (p) => p.SecretList)).toEqual([1, 1]);
    expect(await pageSizes(paginateDescribeRepositories({ client: ecr(), pageSize: 1 }, {}), (p) => p.repositories)).toEqual([1, 1]);
    expect(await pageSizes(paginateDescribeSnapshots({ client: ec2(), pageSize: 5 }, { OwnerIds: ["self"] }), (p) => p.Snapshots)).toEqual([2, 2, 2]);
    expect(await pageSizes(paginateDescribeImages({ client: ec2(), pageSize: 6 }, { Owners: ["self"] }), (p) => p.Images)).toEqual([2, 2, 2, 1]);
    expect(await pageSizes(paginateDescribeDBSnapshots({ client: rds(), pageSize: 20 }, { SnapshotType: "manual" }), (p) => p.DBSnapshots)).toHaveLength(11);
    const associations = paginateGetResourceShareAssociations({ client: ram(), pageSize: 500 }, { associationType: "PRINCIPAL", associationStatus: "ASSOCIATED" });
    expect(await pageSizes(associations, (p) => p.resourceShareAssociations)).toEqual([2, 2, 2]);
    const findings = paginateListFindings({ client: analyzer(), pageSize: 100 }, { analyzerArn: `arn:aws:access-analyzer:${US}:${MGMT}:analyzer/org-analyzer` });
    expect(await pageSizes(findings, (p) => p.findings)).toEqual([2, 2, 1]);
  });
});

describe("every service", () => {
  interface Case {
    service: string;
    call: (o: Options) => Promise<unknown>;
    denied: string;
    invalidToken: string;
  }
  const CASES: Case[] = [
    { service: "s3", call: (o) => s3(o).send(new ListBucketsCommand({})), denied: "AccessDenied", invalidToken: "InvalidAccessKeyId" },
    { service: "kms", call: (o) => kms(o).send(new ListKeysCommand({})), denied: "AccessDeniedException", invalidToken: "UnrecognizedClientException" },
    { service: "sqs", call: (o) => sqs(o).send(new ListQueuesCommand({})), denied: "AccessDeniedException", invalidToken: "UnrecognizedClientException" },
    { service: "sns", call: (o) => sns(o).send(new ListTopicsCommand({})), denied: "AuthorizationErrorException", invalidToken: "InvalidClientTokenId" },
    { service: "lambda", call: (o) => lambda(o).send(new ListFunctionsCommand({})), denied: "AccessDeniedException", invalidToken: "UnrecognizedClientException" },
    { service: "secretsmanager", call: (o) => secrets(o).send(new ListSecretsCommand({})), denied: "AccessDeniedException", invalidToken: "UnrecognizedClientException" },
    { service: "ecr", call: (o) => ecr(o).send(new DescribeRepositoriesCommand({})), denied: "AccessDeniedException", invalidToken: "UnrecognizedClientException" },
    { service: "ec2", call: (o) => ec2(o).send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] })), denied: "UnauthorizedOperation", invalidToken: "AuthFailure" },
    { service: "rds", call: (o) => rds(o).send(new DescribeDBSnapshotsCommand({})), denied: "AccessDenied", invalidToken: "InvalidClientTokenId" },
    { service: "ram", call: (o) => ram(o).send(new GetResourceSharesCommand({ resourceOwner: "SELF" })), denied: "AccessDeniedException", invalidToken: "UnrecognizedClientException" },
    { service: "access-analyzer", call: (o) => analyzer(o).send(new ListAnalyzersCommand({})), denied: "AccessDeniedException", invalidToken: "UnrecognizedClientException" },
  ];
  const once = { extra: { maxAttempts: 1 } };

  it.each(CASES)("$service refuses a region the account has not enabled with $invalidToken", async ({ service, call, invalidToken }) => {
    expect((await caught(call({ ...once, region: "ap-south-1" }))).name).toBe(invalidToken);
    expect(fake.calls.at(-1)).toMatchObject({ service, region: "ap-south-1" });
  });

  it.each(CASES)("$service answers a deny fault with $denied", async ({ service, call, denied }) => {
    fake.setFaults({ deny: [{ service }] });
    expect((await caught(call(once))).name).toBe(denied);
  });

  it.each(CASES)("$service is retried after a throttle", async ({ service, call }) => {
    fake.setFaults({ throttle: { service, times: 1 } });
    const out = (await call({ extra: { retryStrategy: new ConfiguredRetryStrategy(3, () => 10) } })) as { $metadata: { attempts?: number } };
    expect(out.$metadata.attempts).toBe(2);
    expect(fake.calls.slice(-2).map((c) => [c.service, c.status === 200])).toEqual([
      [service, false],
      [service, true],
    ]);
  });
});
