/**
 * The resource export: one account's resource policies and shares, as Vendorscope reads them
 * from a file (docs/analysis.md gives the AWS CLI commands that produce one) and as a live
 * scan collects them. Recognised by its `ResourcePolicies` / `ResourceShares` lists.
 */
import { arnPartition, accountRootArn, classifyPrincipal, type Principal } from "../principals";
import { isRecord, parsePolicyDocument, PolicyError } from "../policyDocument";
import type { RiskLists } from "../riskLists";
import { analyzeResourcePolicy } from "./resourcePolicy";
import { accessFromPolicy, accessFromShare, type ResourceAccess } from "./resourceRecord";
import { isPolicyService, isResourceService, type ShareService } from "./resourceServices";

export function isResourceExport(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value.AccountId === "string" && (Array.isArray(value.ResourcePolicies) || Array.isArray(value.ResourceShares));
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
}

const ACCOUNT_ID = /^\d{12}$/;
const ORGANIZATION_ARN = /^arn:aws[a-z-]*:organizations::\d{12}:(?:organization|ou)\/(o-[a-z0-9]+)(?:\/|$)/i;

export class ResourceExportError extends Error {
  override name = "ResourceExportError";
}

export function analyzeResourceExport(value: Record<string, unknown>, risk: RiskLists): ResourceAnalysis {
  const accountId = String(value.AccountId);
  if (!ACCOUNT_ID.test(accountId)) throw new ResourceExportError(`AccountId "${accountId}" is not a 12-digit account id`);
  const out: ResourceAnalysis = { accountId, resources: 0, access: [], errors: [], unrecognised: [] };
  const items = (key: string) => (Array.isArray(value[key]) ? (value[key] as unknown[]) : []);
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
        out.errors.push(`${where} (${ref.resourceArn}): shared with "${String(entry)}", which is not an account id, "all", or an organization or OU ARN`);
        continue;
      }
      if (principal.accountId === accountId) continue;
      const access = accessFromShare({ ...ref, service: ref.service as ShareService }, principal, permissions, risk);
      const org = ORGANIZATION_ARN.exec(principal.value)?.[1];
      out.access.push(org ? { ...access, principalOrgIds: [org] } : access);
    }
  });
  return out;
}

function resourceRef(item: unknown, accountId: string) {
  if (!isRecord(item)) return "not an object";
  if (!isResourceService(item.Service)) return `Service "${String(item.Service)}" is not one of the resource kinds Vendorscope reads`;
  if (typeof item.Arn !== "string" || !item.Arn.startsWith("arn:")) return "Arn is missing or not an ARN";
  const region = typeof item.Region === "string" && item.Region !== "" ? item.Region : null;
  return { accountId, region, service: item.Service, resourceArn: item.Arn };
}

/** An account id, `all` (public), or an organization / OU ARN (RAM shares). */
function sharePrincipal(entry: unknown, partition: string): Principal | null {
  if (typeof entry !== "string") return null;
  if (entry.toLowerCase() === "all") return classifyPrincipal("AWS", "*");
  if (ACCOUNT_ID.test(entry)) return classifyPrincipal("AWS", accountRootArn(entry, partition));
  if (ORGANIZATION_ARN.test(entry)) return { type: "AWS", value: entry, kind: "organization", accountId: null, partition };
  return null;
}
