/**
 * The resource export: one account's resource policies and shares, as Vendorscope reads them
 * from a file (docs/analysis.md gives the AWS CLI commands that produce one) and as a live
 * scan collects them. Recognised by its `ResourcePolicies`, `ResourceShares` or `AccessAnalyzerFindings` lists.
 */
import { arnPartition, accountRootArn, classifyPrincipal, type Principal } from "../principals";
import { isRecord, parsePolicyDocument, PolicyError } from "../policyDocument";
import type { RiskLists } from "../riskLists";
import { accessFromAnalyzerFindings } from "./analyzerFindings";
import { analyzeResourcePolicy } from "./resourcePolicy";
import { accessFromPolicy, accessFromShare, resourceRecord, type ResourceAccess, type ResourceRecord } from "./resourceRecord";
import type { TrustContext } from "../trustRecord";
import { isAnalyzerService, isPolicyService, isResourceService, type ShareService, type UnreadScope } from "./resourceServices";

export function isResourceExport(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value.AccountId === "string" && ["ResourcePolicies", "ResourceShares", "AccessAnalyzerFindings"].some((key) => Array.isArray(value[key]));
}

export interface ResourceAnalysis {
  accountId: string;
  /** How many resources the export lists. */
  resources: number;
  access: ResourceAccess[];
  /** One per item that could not be read; the others are analysed. */
  errors: string[];
  /** Principals a policy names that IAM would not accept. */
  unrecognised: string[];
  /** What the scan could not read: the grants stored before in these scopes are kept. */
  unread: UnreadScope[];
}

/** One account's resource grants judged in the organization, and what was left unread. */
export interface ResourceGrants {
  records: ResourceRecord[];
  unread: UnreadScope[];
}

export function resourceGrants(analysis: ResourceAnalysis, ctx: TrustContext): ResourceGrants {
  return { records: analysis.access.map((access) => resourceRecord(access, ctx)), unread: analysis.unread };
}

/** Whether a grant lies in a scope that was not read. */
export function inUnreadScope(grant: { service: string; region: string | null; resourceArn: string }, scopes: readonly UnreadScope[]): boolean {
  return scopes.some((s) => s.service === grant.service && (s.region === null || s.region === grant.region) && (s.resourceArn === null || s.resourceArn === grant.resourceArn));
}

const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_ARN = /^arn:aws[a-z-]*:organizations::\d{12}:(?:organization|ou)\/(o-[a-z0-9]+)(?:\/|$)/i;

export class ResourceExportError extends Error {
  override name = "ResourceExportError";
}

export function analyzeResourceExport(value: Record<string, unknown>, risk: RiskLists): ResourceAnalysis {
  const accountId = String(value.AccountId);
  if (!ACCOUNT_ID.test(accountId)) throw new ResourceExportError(`AccountId "${accountId}" is not a 12-digit account id`);
  const out: ResourceAnalysis = { accountId, resources: 0, access: [], errors: [], unrecognised: [], unread: [] };
  const items = (key: string) => (Array.isArray(value[key]) ? (value[key] as unknown[]) : []);
  items("Unread").forEach((item, i) => {
    if (!isRecord(item) || !isResourceService(item.Service)) return void out.errors.push(`Unread[${i}]: Service "${isRecord(item) ? String(item.Service) : "?"}" is not one of the resource kinds Vendorscope reads`);
    out.unread.push({
      service: item.Service,
      region: typeof item.Region === "string" && item.Region !== "" ? item.Region : null,
      resourceArn: typeof item.Arn === "string" && item.Arn !== "" ? item.Arn : null,
    });
  });
  items("ResourcePolicies").forEach((item, i) => {
    out.resources++;
    const where = `ResourcePolicies[${i}]`;
    const ref = resourceRef(item, accountId);
    if (typeof ref === "string") return void out.errors.push(`${where}: ${ref}`);
    if (!isPolicyService(ref.service)) return void out.errors.push(`${where}: "${ref.service}" has shares, not a resource policy`);
    let doc;
    try {
      doc = parsePolicyDocument((item as Record<string, unknown>).Policy);
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      return void out.errors.push(`${where} (${ref.resourceArn}): ${error.message}`);
    }
    const analysis = analyzeResourcePolicy(doc, { accountId, partition: arnPartition(ref.resourceArn) ?? "aws", service: ref.service }, risk.catalog);
    for (const grant of analysis.grants) out.access.push(accessFromPolicy(ref, grant, risk));
    for (const principal of analysis.unrecognised) out.unrecognised.push(`${ref.resourceArn}: ${principal}`);
  });
  items("ResourceShares").forEach((item, i) => {
    out.resources++;
    const where = `ResourceShares[${i}]`;
    const ref = resourceRef(item, accountId);
    if (typeof ref === "string") return void out.errors.push(`${where}: ${ref}`);
    if (isPolicyService(ref.service)) return void out.errors.push(`${where}: "${ref.service}" has a resource policy, not shares`);
    const record = item as Record<string, unknown>;
    const sharedWith = Array.isArray(record.SharedWith) ? record.SharedWith : null;
    if (!sharedWith) return void out.errors.push(`${where} (${ref.resourceArn}): SharedWith is not a list`);
    const permissions = Array.isArray(record.Permissions) ? record.Permissions.filter((p): p is string => typeof p === "string") : [];
    const partition = arnPartition(ref.resourceArn) ?? "aws";
    for (const entry of sharedWith) {
      const principal = sharePrincipal(entry, partition);
      if (!principal) {
        out.errors.push(`${where} (${ref.resourceArn}): shared with "${String(entry)}", which is not an account id, "all", an organization or OU ARN, an IAM role or user ARN or a service principal`);
        continue;
      }
      if (principal.accountId === accountId) continue;
      const access = accessFromShare({ ...ref, service: ref.service as ShareService }, principal, permissions, risk);
      const org = ORGANIZATION_ARN.exec(principal.value)?.[1];
      out.access.push(org ? { ...access, principalOrgIds: [org] } : access);
    }
  });
  const analyzer = accessFromAnalyzerFindings(items("AccessAnalyzerFindings"), accountId, risk);
  out.resources += analyzer.resources;
  out.access.push(...analyzer.access);
  out.errors.push(...analyzer.errors);
  out.unread.push(...analyzer.unread);
  return out;
}

function resourceRef(item: unknown, accountId: string) {
  if (!isRecord(item)) return "not an object";
  if (!isResourceService(item.Service)) return `Service "${String(item.Service)}" is not one of the resource kinds Vendorscope reads`;
  if (isAnalyzerService(item.Service)) return `Service "${item.Service}" is known from Access Analyzer findings only (AccessAnalyzerFindings), not read as a policy or share`;
  if (typeof item.Arn !== "string" || !item.Arn.startsWith("arn:")) return "Arn is missing or not an ARN";
  const region = typeof item.Region === "string" && item.Region !== "" ? item.Region : null;
  return { accountId, region, service: item.Service, resourceArn: item.Arn };
}

const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(?:role|user)\//;
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(?:\.cn)?$/;

/** An account id, `all` (public), an organization / OU ARN, or (RAM) an IAM role or user ARN or a service principal. */
function sharePrincipal(entry: unknown, partition: string): Principal | null {
  if (typeof entry !== "string") return null;
  if (entry.toLowerCase() === "all") return classifyPrincipal("AWS", "*");
  if (ACCOUNT_ID.test(entry)) return classifyPrincipal("AWS", accountRootArn(entry, partition));
  if (ORGANIZATION_ARN.test(entry)) return { type: "AWS", value: entry, kind: "organization", accountId: null, partition };
  if (IAM_PRINCIPAL_ARN.test(entry)) return classifyPrincipal("AWS", entry);
  if (SERVICE_PRINCIPAL.test(entry)) return classifyPrincipal("Service", entry);
  return null;
}
