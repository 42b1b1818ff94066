/**
 * Reads an incoming AWS API request: the HTTP parts, the signing scope, and the service it is
 * for (the scope's signing name, else what its shape says). The operation is left to the
 * service's protocol.
 */
import type { IncomingMessage } from "node:http";
import { parseQueryBody, QUERY_VERSIONS } from "./queryProtocol";
import { parseAuthorization, type SigningScope } from "./signing";
import { SERVICE_NAMES, type ServiceName } from "./types";
import type { HttpRequest } from "./wire";

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface AwsRequest {
  http: HttpRequest;
  scope: SigningScope | null;
  /** The service, or null for a signing name the fake does not serve. */
  service: ServiceName | null;
  /** The signing name as sent (also when the fake does not serve it). */
  signingName: string;
  region: string;
  sessionToken: string | undefined;
  /** The body exceeded the size limit (and was dropped). */
  tooLarge: boolean;
}

export async function readAwsRequest(req: IncomingMessage): Promise<AwsRequest> {
  const body = await readBody(req);
  const scope = parseAuthorization(header(req, "authorization"));
  const url = new URL(req.url ?? "/", "http://fake");
  const http: HttpRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body: body ?? "" };
  const signingName = scope?.service ?? unsignedService(http);
  const service = (SERVICE_NAMES as readonly string[]).includes(signingName) ? (signingName as ServiceName) : null;
  return { http, scope, service, signingName, region: scope?.region ?? "us-east-1", sessionToken: header(req, "x-amz-security-token"), tooLarge: body === null };
}

/** An unsigned request's service, from its shape: a JSON target is Organizations, a query STS or IAM by its Version. */
function unsignedService(http: HttpRequest): ServiceName {
  if (header({ headers: http.headers }, "x-amz-target") !== undefined) return "organizations";
  const fields = http.method === "GET" ? new Map(http.query) : parseQueryBody(http.body);
  return fields.get("Version") === QUERY_VERSIONS.sts ? "sts" : "iam";
}

function header(req: Pick<IncomingMessage, "headers">, name: string): string | undefined {
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
