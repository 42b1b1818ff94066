/**
 * IAM Access Analyzer's findings (active and archived) from the organization's analyzers (zone of trust: the
 * organization), read once per scan from the scanner's account — where the management account
 * or the delegated administrator keeps them — in each region scanned: ListAnalyzers, then
 * ListFindings filtered to the resource types Vendorscope does not read itself. A few calls
 * per region for the whole organization; the findings are handed to each account's export.
 */
import { AccessAnalyzerClient, paginateListAnalyzers, paginateListFindings } from "@aws-sdk/client-accessanalyzer";
import { EC2Client } from "@aws-sdk/client-ec2";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { ANALYZER_RESOURCE_TYPES } from "../../analysis/resources/resourceServices";
import { Limiter } from "../../concurrency";
import { describeAwsError, hasErrorCode } from "../awsErrors";
import { regionalClient, type AwsSettings, type ServiceCallCounter } from "../clients";
import { allPages } from "./regionRead";
import { enabledRegions } from "./regions";

/** A finding as ListFindings gives it, without its timestamps: the resource export's `AccessAnalyzerFindings` entries. */
export interface AnalyzerFinding {
  id: string;
  resource: string;
  resourceType: string;
  resourceOwnerAccount: string;
  status: string;
  principal: Record<string, string>;
  action: string[];
  condition: Record<string, string>;
  isPublic: boolean;
  /** Set when Access Analyzer could not analyse the resource (ACCESS_DENIED, INTERNAL_ERROR…). */
  error?: string;
}

/** A region (null: every region) whose findings are not known this scan, and why. */
export interface AnalyzerGap {
  region: string | null;
  error: string;
}

export interface AnalyzerFindingsRead {
  /** Regions with an active organization analyzer. */
  analyzed: string[];
  /** Findings by the account that owns the resource. */
  byAccount: Record<string, AnalyzerFinding[]>;
  /** Regions that could not be read (an error, said on each account): the kinds known from the analyzer are unread there. */
  unread: AnalyzerGap[];
  /**
   * Regions no organization analyzer covers (none there, or the region not enabled in the
   * scanner's account), said once on the scan: the grants it reported there before are kept,
   * so an analyzer deleted or moved never reads as every vendor's access revoked.
   */
  uncovered: AnalyzerGap[];
  /** For the scan's notices. */
  warnings: string[];
}

const REGION_UNAVAILABLE = /^(UnrecognizedClientException|InvalidClientTokenId|AuthFailure|InvalidAccessKeyId|OptInRequired|InvalidToken)$/;

export async function readAnalyzerFindings(options: { aws: AwsSettings; credentials?: AwsCredentialIdentityProvider; calls: ServiceCallCounter; regions: readonly string[] | null }): Promise<AnalyzerFindingsRead> {
  const { aws, credentials, calls } = options;
  const out: AnalyzerFindingsRead = { analyzed: [], byAccount: {}, unread: [], uncovered: [], warnings: [] };
  let regions: string[];
  if (options.regions) regions = [...options.regions];
  else {
    try {
      regions = await enabledRegions(regionalClient(EC2Client, aws, aws.region, credentials, calls.counter("ec2")));
    } catch (error) {
      out.warnings.push(`Access Analyzer: the scanner account's enabled regions could not be listed, so only ${aws.region} is read: ${describeAwsError(error)}; the grants it reported elsewhere before are kept`);
      out.uncovered.push({ region: null, error: `the scanner account's enabled regions could not be listed (${describeAwsError(error)})` });
      regions = [aws.region];
    }
  }
  const skipped: string[] = [];
  const types = Object.keys(ANALYZER_RESOURCE_TYPES);
  const seen = new Set<string>();
  const limiter = new Limiter(4);
  await Promise.all(
    regions.map((region) =>
      limiter.run(async () => {
        const client = regionalClient(AccessAnalyzerClient, aws, region, credentials, calls.counter("access-analyzer"));
        try {
          const analyzers = (await allPages(paginateListAnalyzers({ client }, { type: "ORGANIZATION" }), (page) => page.analyzers)).filter((a) => a.status === "ACTIVE");
          const findings: AnalyzerFinding[] = [];
          for (const analyzer of analyzers) {
            // Archived findings still describe access (see analyzerFindings.ts); resolved ones do not.
            const filter = { status: { eq: ["ACTIVE", "ARCHIVED"] }, resourceType: { eq: types } };
            for (const f of await allPages(paginateListFindings({ client }, { analyzerArn: analyzer.arn, filter }), (page) => page.findings)) findings.push(plainFinding(f));
          }
          if (analyzers.length > 0) out.analyzed.push(region);
          else skipped.push(region);
          for (const finding of findings) {
            // Two organization analyzers in one region report the same access.
            const key = JSON.stringify([finding.resource, finding.principal, [...finding.action].sort(), finding.condition]);
            if (seen.has(key)) continue;
            seen.add(key);
            (out.byAccount[finding.resourceOwnerAccount] ??= []).push(finding);
          }
        } catch (error) {
          // A region the scanner's account has not enabled can hold no analyzer of ours.
          if (hasErrorCode(error, REGION_UNAVAILABLE)) return void skipped.push(region);
          out.unread.push({ region, error: describeAwsError(error) });
          out.warnings.push(`Access Analyzer in ${region}: ${describeAwsError(error)}; the grants it reported before are kept`);
        }
      }),
    ),
  );
  out.analyzed.sort();
  out.unread.sort((a, b) => (a.region ?? "").localeCompare(b.region ?? ""));
  for (const list of Object.values(out.byAccount)) list.sort((a, b) => a.resource.localeCompare(b.resource) || a.id.localeCompare(b.id));
  skipped.sort();
  out.uncovered.push(...skipped.map((region) => ({ region, error: "no active organization analyzer" })));
  if (out.analyzed.length === 0 && out.unread.length === 0) {
    out.warnings.push(`Access Analyzer: no active organization analyzer in ${regions.join(", ")}; EFS, DynamoDB, Lambda layer and S3 directory bucket access is not covered`);
  } else if (skipped.length > 0) {
    out.warnings.push(`Access Analyzer: no active organization analyzer in ${skipped.join(", ")}; EFS, DynamoDB, Lambda layer and S3 directory bucket access there is not covered, and the grants it reported there before are kept`);
  }
  return out;
}

function plainFinding(f: { id?: string; resource?: string; resourceType?: string; resourceOwnerAccount?: string; status?: string; principal?: Record<string, string>; action?: string[]; condition?: Record<string, string>; isPublic?: boolean; error?: string }): AnalyzerFinding {
  return {
    id: f.id ?? "",
    resource: f.resource ?? "",
    resourceType: f.resourceType ?? "",
    resourceOwnerAccount: f.resourceOwnerAccount ?? "",
    status: f.status ?? "",
    principal: f.principal ?? {},
    action: f.action ?? [],
    condition: f.condition ?? {},
    isPublic: f.isPublic ?? false,
    ...(f.error ? { error: f.error } : {}),
  };
}
