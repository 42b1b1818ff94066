/**
 * Lambda operations on the caller's functions in the call's region: ListFunctions
 * (MaxItems/Marker, NextMarker) and GetPolicy (the function by name, ARN or partial ARN
 * `account:function:name`; ResourceNotFoundException when it does not exist or has no policy).
 */
import { type ServiceContext, callerResources, intParam, policyText, stringParam } from "./context";
import { AwsApiError } from "./errors";
import { decodeCursor, encodeCursor, pageSize } from "./paging";
import { idFor } from "./prng";
import type { FakePolicyResource } from "./types";

const HEX = "0123456789abcdef";

export async function handleLambda(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { inRegion, resources } = await callerResources(ctx);
  const functions = inRegion(resources.functions);
  const arn = (name: string) => `arn:aws:lambda:${ctx.region}:${ctx.caller.accountId}:function:${name}`;
  switch (operation) {
    case "ListFunctions": {
      const max = intParam(params.MaxItems);
      if (max !== undefined && !(max >= 1 && max <= 10_000)) throw invalidParameter("1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000");
      const scope = `ListFunctions/${ctx.caller.accountId}/${ctx.region}`;
      const marker = stringParam(params.Marker);
      const offset = marker === undefined ? 0 : decodeCursor(marker, scope)?.offset;
      if (offset === undefined) throw invalidParameter("Invalid marker");
      const end = Math.min(functions.length, offset + pageSize(max, 50, ctx.faults.maxItemsCap));
      return { Functions: functions.slice(offset, end).map((f) => configuration(f, arn(f.name), ctx.caller.accountId)), NextMarker: end < functions.length ? encodeCursor(scope, { offset: end }) : undefined };
    }
    case "GetPolicy": {
      const ref = stringParam(params.FunctionName) ?? "";
      const qualifier = stringParam(params.Qualifier);
      const fn = functions.find((f) => [f.name, arn(f.name), `${ctx.caller.accountId}:function:${f.name}`].includes(ref));
      if (!fn || (qualifier !== undefined && qualifier !== "$LATEST")) throw notFound(`Function not found: ${fn ? arn(fn.name) : ref}${qualifier ? `:${qualifier}` : ""}`);
      if (fn.policy === undefined) throw notFound("The resource you requested does not exist.");
      return { Policy: policyText(fn.policy), RevisionId: uuid(arn(fn.name)) };
    }
    default:
      throw new AwsApiError("UnknownOperationException", 404, `The fake does not serve ${operation}`);
  }
}

function configuration(fn: FakePolicyResource, functionArn: string, accountId: string): Record<string, unknown> {
  return {
    FunctionName: fn.name,
    FunctionArn: functionArn,
    Runtime: "nodejs20.x",
    Role: `arn:aws:iam::${accountId}:role/${fn.name}-role`,
    Handler: "index.handler",
    CodeSize: 1024,
    Description: "",
    Timeout: 3,
    MemorySize: 128,
    // Lambda's LastModified is a string in its own format, not a timestamp.
    LastModified: "2024-01-01T00:00:00.000+0000",
    CodeSha256: Buffer.from(idFor(HEX, 64, "code", functionArn), "hex").toString("base64"),
    Version: "$LATEST",
    TracingConfig: { Mode: "PassThrough" },
    RevisionId: uuid(functionArn),
    PackageType: "Zip",
    Architectures: ["x86_64"],
    EphemeralStorage: { Size: 512 },
  };
}

function notFound(message: string): AwsApiError {
  return new AwsApiError("ResourceNotFoundException", 404, message, { Type: "User" });
}

function invalidParameter(message: string): AwsApiError {
  return new AwsApiError("InvalidParameterValueException", 400, message, { Type: "User" });
}

/** A UUID-shaped id determined by the parts. */
function uuid(...parts: string[]): string {
  const hex = idFor(HEX, 32, ...parts);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
