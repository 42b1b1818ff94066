/**
 * IAM Access Analyzer operations on the organization's analyzers, which live in the management
 * account (other callers have none): ListAnalyzers (those in the call's region, by `type`) and
 * ListFindings (the analyzer's findings matching `filter` — eq / neq / contains / exists on
 * id, status, resource, resourceType, resourceOwnerAccount and isPublic). Both page with
 * maxResults/nextToken; timestamps are ISO date-times as the service's model says.
 */
import { type ServiceContext, intParam, stringParam } from "./context";
import { AwsApiError } from "./errors";
import { decodeCursor, encodeCursor, pageSize } from "./paging";
import { isoSeconds } from "./queryProtocol";
import type { FakeAnalyzerFinding } from "./types";

const CREATED = isoSeconds(new Date(Date.UTC(2024, 0, 1)));
const ANALYZED = isoSeconds(new Date(Date.UTC(2024, 5, 1)));
const FILTER_KEYS = ["id", "status", "resource", "resourceType", "resourceOwnerAccount", "isPublic"] as const;

interface Criterion {
  eq?: unknown;
  neq?: unknown;
  contains?: unknown;
  exists?: unknown;
}

export async function handleAccessAnalyzer(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const org = ctx.directory.organization;
  const mine = org && org.managementAccountId === ctx.caller.accountId ? (org.organization.accessAnalyzers ?? []) : [];
  const analyzers = mine.filter((a) => a.region === ctx.region).map((a) => ({ ...a, arn: `arn:aws:access-analyzer:${ctx.region}:${ctx.caller.accountId}:analyzer/${a.name}` }));
  switch (operation) {
    case "ListAnalyzers": {
      const type = stringParam(params.type);
      const listed = type === undefined || type === "ORGANIZATION" ? analyzers : [];
      const { items, next } = page(ctx, `${operation}/${type ?? ""}`, listed, params);
      return { analyzers: items.map((a) => ({ arn: a.arn, name: a.name, type: "ORGANIZATION", createdAt: CREATED, lastResourceAnalyzed: a.findings.at(-1)?.resource, lastResourceAnalyzedAt: ANALYZED, status: "ACTIVE", tags: {} })), nextToken: next };
    }
    case "ListFindings": {
      const arn = stringParam(params.analyzerArn) ?? "";
      const analyzer = analyzers.find((a) => a.arn === arn);
      if (!analyzer) throw new AwsApiError("ResourceNotFoundException", 404, `Analyzer ${arn} not found`, { resourceId: arn, resourceType: "AWS::AccessAnalyzer::Analyzer" });
      const filter = (params.filter ?? {}) as Record<string, Criterion>;
      const findings = analyzer.findings.filter((finding) => Object.entries(filter).every(([key, criterion]) => matches(finding, key, criterion)));
      const { items, next } = page(ctx, `${operation}/${arn}/${JSON.stringify(filter)}`, findings, params);
      return { findings: items.map(findingJson), nextToken: next };
    }
    default:
      throw new AwsApiError("UnknownOperationException", 404, `The fake does not serve ${operation}`);
  }
}

function matches(finding: FakeAnalyzerFinding, key: string, criterion: Criterion): boolean {
  if (!(FILTER_KEYS as readonly string[]).includes(key)) throw validation(`Invalid filter key: ${key}`);
  if (typeof criterion !== "object" || criterion === null) throw validation(`Invalid criterion for filter key: ${key}`);
  const raw = finding[key as (typeof FILTER_KEYS)[number]];
  const value = raw === undefined ? undefined : String(raw);
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  if (criterion.eq !== undefined && (value === undefined || !list(criterion.eq).includes(value))) return false;
  if (criterion.neq !== undefined && value !== undefined && list(criterion.neq).includes(value)) return false;
  if (criterion.contains !== undefined && (value === undefined || !list(criterion.contains).some((part) => value.includes(part)))) return false;
  if (criterion.exists !== undefined && criterion.exists !== (value !== undefined)) return false;
  return true;
}

function findingJson(finding: FakeAnalyzerFinding): Record<string, unknown> {
  return {
    id: finding.id,
    principal: finding.principal,
    action: finding.action,
    resource: finding.resource,
    isPublic: finding.isPublic ?? false,
    resourceType: finding.resourceType,
    condition: finding.condition ?? {},
    createdAt: CREATED,
    analyzedAt: ANALYZED,
    updatedAt: ANALYZED,
    status: finding.status,
    resourceOwnerAccount: finding.resourceOwnerAccount,
    ...(finding.error ? { error: finding.error } : {}),
  };
}

function page<T>(ctx: ServiceContext, listing: string, items: T[], params: Record<string, unknown>): { items: T[]; next?: string } {
  const max = intParam(params.maxResults);
  if (max !== undefined && !(max >= 1 && max <= 1000)) throw validation("maxResults must be between 1 and 1000");
  const scope = `${listing}/${ctx.caller.accountId}/${ctx.region}`;
  const token = stringParam(params.nextToken);
  const offset = token === undefined ? 0 : decodeCursor(token, scope)?.offset;
  if (offset === undefined) throw validation("Invalid pagination token");
  const end = Math.min(items.length, offset + pageSize(max, 100, ctx.faults.maxItemsCap));
  return { items: items.slice(offset, end), ...(end < items.length ? { next: encodeCursor(scope, { offset: end }) } : {}) };
}

function validation(message: string): AwsApiError {
  return new AwsApiError("ValidationException", 400, message, { reason: "other" });
}
