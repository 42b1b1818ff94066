/**
 * RAM operations on the resource shares the caller owns in the call's region:
 * GetResourceShareAssociations (PRINCIPAL or RESOURCE associations of ACTIVE shares, filtered
 * by share ARNs, principal, resource ARN and status; `external` = the principal is outside the
 * caller's organization), ListResourceSharePermissions (AWS-managed permissions by name) and
 * GetResourceShares (resourceOwner SELF, filtered by ARNs, name and status; OTHER-ACCOUNTS
 * answers none). All three page with maxResults/nextToken.
 */
import { type ServiceContext, callerResources, intParam, listParam, stringParam } from "./context";
import { AwsApiError } from "./errors";
import { decodeCursor, encodeCursor, pageSize } from "./paging";
import { idFor } from "./prng";
import type { FakeResourceShare } from "./types";

/** 2024-01-01, as epoch seconds (RAM's timestamps). */
const CREATED = Date.UTC(2024, 0, 1) / 1000;

interface Share extends FakeResourceShare {
  arn: string;
  status: "ACTIVE" | "DELETED";
}

export async function handleRam(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { inRegion, resources } = await callerResources(ctx);
  const shares: Share[] = inRegion(resources.resourceShares).map((share) => ({ ...share, status: share.status ?? "ACTIVE", arn: shareArn(ctx, share.name) }));
  switch (operation) {
    case "GetResourceShareAssociations": {
      const type = stringParam(params.associationType);
      if (type !== "PRINCIPAL" && type !== "RESOURCE") throw invalidParameter("associationType must be PRINCIPAL or RESOURCE");
      const arns = listParam(params.resourceShareArns);
      const principal = stringParam(params.principal);
      const resourceArn = stringParam(params.resourceArn);
      const status = stringParam(params.associationStatus);
      const associations = shares
        .filter((share) => share.status === "ACTIVE" && (arns.length === 0 || arns.includes(share.arn)))
        .flatMap((share) => {
          const base = { resourceShareArn: share.arn, resourceShareName: share.name, associationType: type, status: "ASSOCIATED", creationTime: CREATED, lastUpdatedTime: CREATED };
          return type === "PRINCIPAL"
            ? share.principals.map((p) => ({ ...base, associatedEntity: p, external: isExternal(ctx, p) }))
            : share.resources.map((r) => ({ ...base, associatedEntity: r.arn, external: false }));
        })
        .filter((a) => (principal === undefined || a.associatedEntity === principal) && (resourceArn === undefined || a.associatedEntity === resourceArn) && (status === undefined || a.status === status));
      const scope = `${operation}/${type}/${arns.join(",")}/${principal ?? ""}/${resourceArn ?? ""}/${status ?? ""}`;
      const { items, next } = page(ctx, scope, associations, params);
      return { resourceShareAssociations: items, nextToken: next };
    }
    case "ListResourceSharePermissions": {
      const arn = stringParam(params.resourceShareArn) ?? "";
      const share = shares.find((s) => s.arn === arn);
      if (!share) throw new AwsApiError("UnknownResourceException", 400, `ResourceShare ${arn} could not be found.`);
      const permissions = share.permissions.map((name) => ({
        arn: `arn:aws:ram::aws:permission/${name}`,
        version: "1",
        defaultVersion: true,
        name,
        resourceType: resourceTypeOf(share, name),
        status: "ATTACHABLE",
        creationTime: CREATED,
        lastUpdatedTime: CREATED,
        isResourceTypeDefault: name.startsWith("AWSRAMDefaultPermission"),
        permissionType: "AWS_MANAGED",
      }));
      const { items, next } = page(ctx, `${operation}/${arn}`, permissions, params);
      return { permissions: items, nextToken: next };
    }
    case "GetResourceShares": {
      const owner = stringParam(params.resourceOwner);
      if (owner !== "SELF" && owner !== "OTHER-ACCOUNTS") throw invalidParameter("resourceOwner must be SELF or OTHER-ACCOUNTS");
      const arns = listParam(params.resourceShareArns);
      const name = stringParam(params.name);
      const status = stringParam(params.resourceShareStatus);
      const listed = (owner === "SELF" ? shares : []).filter((s) => (arns.length === 0 || arns.includes(s.arn)) && (name === undefined || s.name === name) && (status === undefined || s.status === status));
      const { items, next } = page(ctx, `${operation}/${owner}/${arns.join(",")}/${name ?? ""}/${status ?? ""}`, listed, params);
      return {
        resourceShares: items.map((s) => ({
          resourceShareArn: s.arn,
          name: s.name,
          owningAccountId: ctx.caller.accountId,
          allowExternalPrincipals: s.principals.some((p) => isExternal(ctx, p)),
          status: s.status,
          creationTime: CREATED,
          lastUpdatedTime: CREATED,
          featureSet: "STANDARD",
        })),
        nextToken: next,
      };
    }
    default:
      throw new AwsApiError("UnknownOperationException", 404, `The fake does not serve ${operation}`);
  }
}

function shareArn(ctx: ServiceContext, name: string): string {
  const hex = idFor("0123456789abcdef", 32, "resource-share", ctx.caller.accountId, ctx.region, name);
  return `arn:aws:ram:${ctx.region}:${ctx.caller.accountId}:resource-share/${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether a principal (account id, organization / OU ARN, IAM ARN, service) is outside the caller's organization. */
function isExternal(ctx: ServiceContext, principal: string): boolean {
  const org = ctx.directory.organization;
  const orgPart = /^arn:[^:]+:organizations::\d{12}:(?:organization|ou)\/(o-[a-z0-9]+)/.exec(principal)?.[1];
  if (orgPart !== undefined) return orgPart !== org?.id;
  const account = /^\d{12}$/.test(principal) ? principal : /^arn:[^:]+:iam::(\d{12}):/.exec(principal)?.[1];
  if (account === undefined) return false; // a service principal
  if (account === ctx.caller.accountId) return false;
  return !org?.organization.accounts.some((a) => a.id === account);
}

/** The resource type a permission applies to: `AWSRAMDefaultPermissionSubnet` → the share's `ec2:Subnet`. */
function resourceTypeOf(share: FakeResourceShare, permission: string): string {
  const suffix = permission.replace(/^AWSRAM(?:Default)?Permission/, "").toLowerCase();
  const match = share.resources.find((r) => r.type.split(":").pop()?.toLowerCase() === suffix);
  return (match ?? share.resources[0])?.type ?? "unknown";
}

function page<T>(ctx: ServiceContext, listing: string, items: T[], params: Record<string, unknown>): { items: T[]; next?: string } {
  const max = intParam(params.maxResults);
  if (max !== undefined && !(max >= 1 && max <= 500)) throw invalidParameter("maxResults must be between 1 and 500");
  const scope = `${listing}/${ctx.caller.accountId}/${ctx.region}`;
  const token = stringParam(params.nextToken);
  const offset = token === undefined ? 0 : decodeCursor(token, scope)?.offset;
  if (offset === undefined) throw new AwsApiError("InvalidNextTokenException", 400, "The specified value for NextToken is not valid.");
  const end = Math.min(items.length, offset + pageSize(max, 500, ctx.faults.maxItemsCap));
  return { items: items.slice(offset, end), ...(end < items.length ? { next: encodeCursor(scope, { offset: end }) } : {}) };
}

function invalidParameter(message: string): AwsApiError {
  return new AwsApiError("InvalidParameterException", 400, message);
}
