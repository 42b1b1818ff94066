/**
 * KMS operations on the caller's keys in the call's region: ListKeys and ListAliases
 * (Limit/Marker paging, Truncated/NextMarker; ListAliases also by KeyId), GetKeyPolicy (key id
 * or key ARN, policy name "default") and DescribeKey (key id, key ARN, alias name or alias ARN).
 * AWS-managed keys carry their `alias/aws/…` alias and KeyManager "AWS".
 */
import { type ServiceContext, callerResources, intParam, policyText, stringParam } from "./context";
import { AwsApiError } from "./errors";
import { decodeCursor, encodeCursor, pageSize } from "./paging";
import { unitFor } from "./prng";
import type { FakeKey } from "./types";

export async function handleKms(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { inRegion, resources } = await callerResources(ctx);
  const keys = inRegion(resources.keys);
  const arn = (resource: string) => `arn:aws:kms:${ctx.region}:${ctx.caller.accountId}:${resource}`;
  switch (operation) {
    case "ListKeys": {
      const { items, next } = page(ctx, "ListKeys", keys, params, 1000, 100);
      return { Keys: items.map((k) => ({ KeyId: k.id, KeyArn: arn(`key/${k.id}`) })), Truncated: next !== undefined, NextMarker: next };
    }
    case "ListAliases": {
      const keyId = stringParam(params.KeyId);
      const target = keyId === undefined ? undefined : findKey(keys, keyId, arn);
      const aliased = keys.filter((k) => k.alias !== undefined && (target === undefined || k === target));
      const { items, next } = page(ctx, `ListAliases/${target?.id ?? ""}`, aliased, params, 100, 50);
      const aliases = items.map((k) => ({ AliasName: k.alias, AliasArn: arn(k.alias!), TargetKeyId: k.id, CreationDate: createdAt(k), LastUpdatedDate: createdAt(k) }));
      return { Aliases: aliases, Truncated: next !== undefined, NextMarker: next };
    }
    case "GetKeyPolicy": {
      const keyId = stringParam(params.KeyId) ?? "";
      const key = keyId.includes("alias/") ? undefined : findKey(keys, keyId, arn);
      if (!key) throw notFound(keyId);
      const policyName = stringParam(params.PolicyName) ?? "default";
      if (policyName !== "default") throw new AwsApiError("NotFoundException", 400, `Policy ${policyName} does not exist`);
      return { Policy: policyText(key.policy), PolicyName: "default" };
    }
    case "DescribeKey": {
      const key = findKey(keys, stringParam(params.KeyId) ?? "", arn);
      return {
        KeyMetadata: {
          AWSAccountId: ctx.caller.accountId,
          KeyId: key.id,
          Arn: arn(`key/${key.id}`),
          CreationDate: createdAt(key),
          Enabled: true,
          Description: key.manager === "AWS" ? `Default key that protects my ${key.alias?.split("/")[2] ?? ""} data when no other key is defined` : "",
          KeyUsage: "ENCRYPT_DECRYPT",
          KeyState: "Enabled",
          Origin: "AWS_KMS",
          KeyManager: key.manager ?? "CUSTOMER",
          CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
          KeySpec: "SYMMETRIC_DEFAULT",
          EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
          MultiRegion: false,
        },
      };
    }
    default:
      throw new AwsApiError("UnknownOperationException", 400, `The fake does not serve ${operation}`);
  }
}

/** The key named by its id, key ARN, alias name or alias ARN. */
function findKey(keys: FakeKey[], keyId: string, arn: (resource: string) => string): FakeKey {
  const key = keys.find((k) => keyId === k.id || keyId === arn(`key/${k.id}`) || (k.alias !== undefined && (keyId === k.alias || keyId === arn(k.alias))));
  if (!key) throw notFound(keyId);
  return key;
}

function notFound(keyId: string): AwsApiError {
  return new AwsApiError("NotFoundException", 400, `Key '${keyId}' does not exist`);
}

/** A page of `items` from the `Marker` (bound to this listing), at most `Limit` (min 1, max `max`). */
function page<T>(ctx: ServiceContext, listing: string, items: T[], params: Record<string, unknown>, max: number, fallback: number): { items: T[]; next?: string } {
  const limit = intParam(params.Limit);
  if (limit !== undefined && !(limit >= 1 && limit <= max)) {
    throw new AwsApiError("ValidationException", 400, `1 validation error detected: Value '${String(params.Limit)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${max}`);
  }
  const scope = `${listing}/${ctx.caller.accountId}/${ctx.region}`;
  const marker = stringParam(params.Marker);
  const offset = marker === undefined ? 0 : decodeCursor(marker, scope)?.offset;
  if (offset === undefined) throw new AwsApiError("InvalidMarkerException", 400, "Invalid marker");
  const end = Math.min(items.length, offset + pageSize(limit, fallback, ctx.faults.maxItemsCap));
  return { items: items.slice(offset, end), ...(end < items.length ? { next: encodeCursor(scope, { offset: end }) } : {}) };
}

/** A stable creation time in 2023, as epoch seconds (the JSON protocols' timestamps). */
function createdAt(key: FakeKey): number {
  return Date.UTC(2023, 0, 1) / 1000 + Math.floor(unitFor("key", key.id) * 365 * 86_400);
}
