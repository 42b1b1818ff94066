/**
 * Reads an incoming AWS API request: body, signing scope, the service it is for (scope
 * first, else what its shape says), the operation and its parameters. Parse problems are
 * kept as an error to answer, so the request is still recorded.
 */
import type { IncomingMessage } from "node:http";
import { AwsApiError } from "./errors";
import { parseJsonBody } from "./jsonProtocol";
import { parseQueryBody, QUERY_VERSIONS, structureQueryParams } from "./queryProtocol";
import { parseAuthorization, type SigningScope } from "./signing";
import type { ServiceName } from "./types";

const MAX_BODY_BYTES = 16 * 1024 * 1024;
export const SERVICES: readonly ServiceName[] = ["iam", "sts", "organizations"];

export interface AwsRequest {
  scope: SigningScope | null;
  service: ServiceName;
  /** A signing-scope service the fake does not serve (e.g. "ec2"), or null. */
  foreignService: string | null;
  /** The operation; prefixed `ec2:` etc. for a foreign service. */
  operation: string;
  target: string | undefined;
  sessionToken: string | undefined;
  params: Record<string, unknown>;
  parseError: AwsApiError | null;
}

export async function readAwsRequest(req: IncomingMessage): Promise<AwsRequest> {
  const body = await readBody(req);
  const scope = parseAuthorization(header(req, "authorization"));
  const target = header(req, "x-amz-target");
  const queryText = req.method === "GET" ? ((req.url ?? "").split("?")[1] ?? "") : (body ?? "");
  const fields = target === undefined ? parseQueryBody(queryText) : new Map<string, string>();
  const service = serviceOf(scope?.service, target, fields.get("Version"));
  const foreignService = scope !== null && !SERVICES.includes(scope.service as ServiceName) ? scope.service : null;
  const name = target !== undefined ? target.slice(target.lastIndexOf(".") + 1) : (fields.get("Action") ?? "");

  let params: Record<string, unknown> = {};
  let parseError: AwsApiError | null = null;
  if (body === null) parseError = new AwsApiError("RequestEntityTooLarge", 413, "Request body is too large.");
  else if (service !== "organizations") params = structureQueryParams(fields);
  else {
    try {
      params = parseJsonBody(body);
    } catch (error) {
      parseError = error instanceof AwsApiError ? error : new AwsApiError("SerializationException", 400, String(error));
    }
  }
  return {
    scope,
    service,
    foreignService,
    operation: foreignService ? `${foreignService}:${name}` : name,
    target,
    sessionToken: header(req, "x-amz-security-token"),
    params,
    parseError,
  };
}

/** The service a request is for: its signing scope, or else what its shape says. */
function serviceOf(scopeService: string | undefined, target: string | undefined, version: string | undefined): ServiceName {
  if (scopeService && SERVICES.includes(scopeService as ServiceName)) return scopeService as ServiceName;
  if (target !== undefined) return "organizations";
  return version === QUERY_VERSIONS.sts ? "sts" : "iam";
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The request body as text, or null when it exceeds the size limit. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    // Past the limit, keep draining (so the error can still be answered) but stop storing.
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8");
}
