/**
 * The REST protocols: the operation is the method and path (and for S3 a query flag), the
 * parameters are the path's labels, the query and the body. restJson (Lambda, RAM, Access
 * Analyzer) answers JSON with errors in `x-amzn-ErrorType`; restXml (S3) answers XML with
 * errors as `<Error><Code>`.
 */
import { AwsApiError } from "./errors";
import { parseJsonBody } from "./jsonProtocol";
import { toXml, xmlEscape } from "./queryProtocol";
import { RawBody, type HttpRequest, type Protocol } from "./wire";

export interface Route {
  method: string;
  /** Matched against the raw path; named groups become (decoded) parameters. */
  path: RegExp;
  /** A query key the request must carry (S3's `?policy`). */
  flag?: string;
  operation: string;
}

function route(routes: readonly Route[], request: HttpRequest): { operation: string; params: Record<string, unknown> } {
  for (const candidate of routes) {
    if (candidate.method !== request.method) continue;
    const match = candidate.path.exec(request.path);
    if (!match || (candidate.flag !== undefined && !request.query.has(candidate.flag))) continue;
    const params: Record<string, unknown> = {};
    for (const [key, value] of request.query) params[key] = value;
    for (const [key, value] of Object.entries(match.groups ?? {})) params[key] = decodeURIComponent(value);
    return { operation: candidate.operation, params };
  }
  throw new AwsApiError("UnknownOperationException", 404, `No operation for ${request.method} ${request.path}`);
}

export function restJsonProtocol(routes: readonly Route[]): Protocol {
  return {
    read(request) {
      const { operation, params } = route(routes, request);
      return { operation, params: { ...params, ...parseJsonBody(request.body) } };
    },
    reply: (_operation, result) => ({ status: 200, contentType: "application/json", body: JSON.stringify(result) }),
    error: (error) => ({
      status: error.status,
      contentType: "application/json",
      headers: { "x-amzn-ErrorType": error.code },
      body: JSON.stringify({ message: error.message, ...error.extra }),
    }),
  };
}

/** Handlers answer `{ RootElement: value }`, written as XML with the namespace, or a RawBody. */
export function restXmlProtocol(routes: readonly Route[], namespace: string): Protocol {
  return {
    read: (request) => route(routes, request),
    reply(_operation, result) {
      if (result instanceof RawBody) return { status: 200, contentType: result.contentType, body: result.text };
      const [root, value] = Object.entries(result as Record<string, unknown>)[0]!;
      const xml = toXml(root, value).replace(new RegExp(`^<${root}(/?)>`), `<${root} xmlns="${namespace}"$1>`);
      return { status: 200, contentType: "application/xml", body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` };
    },
    // An error's extra members are written as elements of <Error> (`BucketName`, `Endpoint`), except
    // `x-amz-…` ones, which go out as headers (`x-amz-bucket-region` of a 301 PermanentRedirect).
    error(error, requestId) {
      const extra = Object.entries(error.extra);
      const members = extra.filter(([key]) => !key.startsWith("x-amz-")).map(([key, value]) => toXml(key, value));
      return {
        status: error.status,
        contentType: "application/xml",
        headers: Object.fromEntries(extra.filter(([key]) => key.startsWith("x-amz-"))),
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message>${members.join("")}<RequestId>${xmlEscape(requestId)}</RequestId></Error>`,
      };
    },
  };
}
