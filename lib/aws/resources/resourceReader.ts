/**
 * Reads one account's resource policies and shares in every region scanned, into the
 * resource export the analysis reads (lib/analysis/resources/resourceExport.ts) — the same
 * document `vendorscope analyze` accepts from a file.
 *
 * A region not enabled, a service denied or not subscribed, a call still throttled after its
 * retries: a warning for the account, and the kinds it left unread are listed in the export's
 * `Unread`, so their stored grants are kept rather than taken as removed.
 */
import { EC2Client } from "@aws-sdk/client-ec2";
import { ANALYZER_SERVICES, type ResourceService } from "../../analysis/resources/resourceServices";
import type { AnalyzerFinding, AnalyzerGap } from "./accessAnalyzer";
import { Limiter } from "../../concurrency";
import { describeAwsError, hasErrorCode, isAccessDenied } from "../awsErrors";
import { regionalClient, type AwsSettings, type ServiceCallCounter } from "../clients";
import { ecrReader } from "./ecr";
import { amiReader, ebsSnapshotReader } from "./ec2Shares";
import { kmsReader } from "./kms";
import { lambdaReader } from "./lambda";
import { ramReader } from "./ram";
import { rdsSnapshotReader } from "./rdsSnapshots";
import { enabledRegions } from "./regions";
import type { RegionRead, ResourceReader } from "./regionRead";
import { s3Reader } from "./s3";
import { secretsManagerReader } from "./secretsManager";
import { snsReader } from "./sns";
import { sqsReader } from "./sqs";
import type { AwsCredentialIdentityProvider } from "@smithy/types";

export const RESOURCE_READERS: readonly ResourceReader[] = [s3Reader, kmsReader, sqsReader, snsReader, lambdaReader, secretsManagerReader, ecrReader, ebsSnapshotReader, amiReader, rdsSnapshotReader, ramReader];

export interface ResourceReadOptions {
  accountId: string;
  partition: string;
  aws: AwsSettings;
  credentials: AwsCredentialIdentityProvider | undefined;
  calls: ServiceCallCounter;
  /** The regions to read, or null for the account's enabled regions. */
  regions: readonly string[] | null;
  /** Calls in flight for one account's resources (each region: at most half of them). */
  concurrency?: number;
  /** This account's findings from the organization's Access Analyzers (read once per scan), if any were read. */
  accessAnalyzer?: { findings: readonly AnalyzerFinding[]; unread: readonly AnalyzerGap[]; uncovered?: readonly AnalyzerGap[] } | null;
}

export interface UnreadScope {
  Service: ResourceService;
  /** Null: every region (S3's bucket list is global). */
  Region: string | null;
  /** One resource only; absent: all of that kind in the region. */
  Arn?: string;
  Error: string;
}

export interface ResourceExportDocument {
  AccountId: string;
  Regions: string[];
  ResourcePolicies: { Service: string; Region: string; Arn: string; Policy: unknown }[];
  ResourceShares: { Service: string; Region: string; Arn: string; SharedWith: string[]; Permissions: string[] }[];
  Unread: UnreadScope[];
  AccessAnalyzerFindings?: AnalyzerFinding[];
}

export interface AccountResourceRead {
  document: ResourceExportDocument;
  warnings: string[];
}

/**
 * SQS would send each call to the host of the queue's URL; the configured endpoint (the
 * region's, or AWS_ENDPOINT_URL_SQS) is the same host on AWS and the right one elsewhere.
 */
const CLIENT_CONFIG: Record<string, Record<string, unknown>> = { sqs: { useQueueUrlAsEndpoint: false } };

/** Codes AWS answers in a region the account has not enabled (or where its credentials are not valid). */
const REGION_UNAVAILABLE = /^(UnrecognizedClientException|InvalidClientTokenId|AuthFailure|InvalidAccessKeyId|OptInRequired|InvalidToken)$/;
const NOT_SUBSCRIBED = /SubscriptionRequired|NotSubscribed|OptInRequired/;

export async function readAccountResources(options: ResourceReadOptions): Promise<AccountResourceRead> {
  const { accountId, partition, aws, credentials, calls } = options;
  const concurrency = options.concurrency ?? 8;
  const document: ResourceExportDocument = { AccountId: accountId, Regions: [], ResourcePolicies: [], ResourceShares: [], Unread: [] };
  const warnings: string[] = [];
  const clients = new Map<string, unknown>();
  const client = <T>(Client: new (config: never) => T, service: string, region: string): T => {
    const key = `${service}/${region}`;
    let made = clients.get(key) as T | undefined;
    if (!made) clients.set(key, (made = regionalClient(Client as never, aws, region, credentials, calls.counter(service), CLIENT_CONFIG[service]) as T));
    return made;
  };

  let regions: string[];
  if (options.regions) regions = [...options.regions];
  else {
    try {
      regions = await enabledRegions(client(EC2Client, "ec2", aws.region));
    } catch (error) {
      warnings.push(`resources: the enabled regions could not be listed, so only ${aws.region} is read: ${describeAwsError(error)}`);
      regions = [aws.region];
    }
  }
  document.Regions = regions;
  const accountLimit = new Limiter(concurrency);
  const partial = new Map<string, { failed: number; of: number; first: string }>();

  const regionRead = (region: string, regionLimit: Limiter): RegionRead => ({
    accountId,
    partition,
    region,
    client: (Client, service, inRegion) => client(Client, service, inRegion ?? region),
    async each(items, service, arnOf, read) {
      await Promise.all(
        items.map((item) =>
          regionLimit.run(() =>
            accountLimit.run(async () => {
              try {
                await read(item);
              } catch (error) {
                const message = describeAwsError(error);
                document.Unread.push({ Service: service, Region: region, Arn: arnOf(item), Error: message });
                const key = `${service} in ${region}`;
                const tally = partial.get(key) ?? { failed: 0, of: items.length, first: message };
                tally.failed++;
                partial.set(key, tally);
              }
            }),
          ),
        ),
      );
    },
    policy: (service, arn, policy, inRegion) => void document.ResourcePolicies.push({ Service: service, Region: inRegion ?? region, Arn: arn, Policy: policy }),
    share: (service, arn, sharedWith, permissions = []) => void document.ResourceShares.push({ Service: service, Region: region, Arn: arn, SharedWith: [...sharedWith], Permissions: [...permissions] }),
  });

  const failures: { reader: ResourceReader; region: string | null; error: unknown }[] = [];
  const run = async (reader: ResourceReader, region: string, regionLimit: Limiter) => {
    try {
      await reader.read(regionRead(region, regionLimit));
    } catch (error) {
      failures.push({ reader, region: reader.global ? null : region, error });
    }
  };
  const home = regions.includes(aws.region) ? aws.region : (regions[0] ?? aws.region);
  const global = RESOURCE_READERS.filter((r) => r.global);
  const regional = RESOURCE_READERS.filter((r) => !r.global);
  const regionSlots = Math.max(1, Math.floor(concurrency / 2));
  await Promise.all([
    ...global.map((reader) => run(reader, home, new Limiter(regionSlots))),
    forEachLimited(regions, 2, async (region) => {
      const regionLimit = new Limiter(regionSlots);
      await forEachLimited(regional, 4, (reader) => run(reader, region, regionLimit));
    }),
  ]);

  for (const region of regions) {
    const here = failures.filter((f) => f.region === region);
    if (here.length === regional.length && here.every((f) => hasErrorCode(f.error, REGION_UNAVAILABLE))) {
      warnings.push(`resources in ${region}: the region is not enabled for this account, or its credentials are not valid there (${describeAwsError(here[0]!.error)})`);
      for (const f of here) for (const service of f.reader.services) document.Unread.push({ Service: service, Region: region, Error: describeAwsError(f.error) });
      failures.splice(0, failures.length, ...failures.filter((f) => f.region !== region));
    }
  }
  for (const { reader, region, error } of failures) {
    const where = `${reader.services.join(" and ")}${region ? ` in ${region}` : ""}`;
    const why = isAccessDenied(error) ? "access denied" : hasErrorCode(error, NOT_SUBSCRIBED) ? "not subscribed" : "could not be read";
    warnings.push(`resources: ${where}: ${why} (${describeAwsError(error)}); the grants stored before are kept`);
    for (const service of reader.services) document.Unread.push({ Service: service, Region: region, Error: describeAwsError(error) });
  }
  for (const [where, { failed, of, first }] of [...partial].sort(([a], [b]) => a.localeCompare(b))) {
    warnings.push(`resources: ${where}: ${failed} of ${of} could not be read (${first}); their grants stored before are kept`);
  }
  if (options.accessAnalyzer) {
    document.AccessAnalyzerFindings = [...options.accessAnalyzer.findings];
    // Uncovered regions were said once on the scan; read errors are said on each account they leave unread.
    for (const { region, error } of [...options.accessAnalyzer.unread, ...(options.accessAnalyzer.uncovered ?? [])]) {
      for (const service of ANALYZER_SERVICES) document.Unread.push({ Service: service, Region: region, Error: `Access Analyzer: ${error}` });
    }
    if (options.accessAnalyzer.unread.length > 0) {
      warnings.push(`resources: Access Analyzer findings could not be read in ${options.accessAnalyzer.unread.map((u) => u.region ?? "every region").join(", ")}; the grants it reported before are kept`);
    }
  }
  const order = (a: { Service: string; Region: string | null; Arn?: string }, b: typeof a) =>
    a.Service.localeCompare(b.Service) || (a.Region ?? "").localeCompare(b.Region ?? "") || (a.Arn ?? "").localeCompare(b.Arn ?? "");
  document.ResourcePolicies.sort(order);
  document.ResourceShares.sort(order);
  document.Unread.sort(order);
  return { document, warnings };
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const limiter = new Limiter(limit);
  await Promise.all(items.map((item) => limiter.run(() => work(item))));
}
