/**
 * The awsQuery protocol IAM and STS speak: form-encoded requests (`Action=…&Version=…`,
 * lists as `Name.member.N`) and XML responses wrapped in `<XResponse><XResult>` with a
 * `ResponseMetadata`, or an `<ErrorResponse>`.
 */
import { AwsApiError } from "./errors";
import type { HttpRequest, Protocol } from "./wire";

export type QueryService = "iam" | "sts" | "sns" | "rds";

export const QUERY_NAMESPACES: Record<QueryService, string> = {
  iam: "https://iam.amazonaws.com/doc/2010-05-08/",
  sts: "https://sts.amazonaws.com/doc/2011-06-15/",
  sns: "http://sns.amazonaws.com/doc/2010-03-31/",
  rds: "http://rds.amazonaws.com/doc/2014-10-31/",
};

export const QUERY_VERSIONS: Record<QueryService, string> = { iam: "2010-05-08", sts: "2011-06-15", sns: "2010-03-31", rds: "2014-10-31" };

/** The form fields of a query request: the body of a POST, the URL's query of a GET. */
export function queryFields(request: HttpRequest): Map<string, string> {
  return request.method === "GET" ? new Map(request.query) : parseQueryBody(request.body);
}

/** awsQuery: `Action=…&Version=…` in, `<ActionResponse><ActionResult>` out. */
export function awsQueryProtocol(service: QueryService): Protocol {
  return {
    read(request) {
      const fields = queryFields(request);
      const operation = fields.get("Action");
      if (!operation) throw new AwsApiError("MissingAction", 400, "The request must contain the parameter Action.");
      return { operation, params: structureQueryParams(fields) };
    },
    reply: (operation, result, requestId) => ({ status: 200, contentType: "text/xml", body: queryResponse(service, operation, result as Record<string, unknown>, requestId) }),
    error: (error, requestId) => ({ status: error.status, contentType: "text/xml", body: queryErrorResponse(service, error, requestId) }),
  };
}

/** A list written with its own member element name (`<DBSnapshots><DBSnapshot>…`), not `<member>`. */
export class XmlList {
  constructor(
    readonly memberName: string,
    readonly items: readonly unknown[],
  ) {}
}

/** A map written as `<entry><key>…</key><value>…</value></entry>` (SNS attributes). */
export class XmlMap {
  constructor(readonly entries: Readonly<Record<string, string>>) {}
}

/** The form body's fields, percent-decoded, in order. */
export function parseQueryBody(body: string): Map<string, string> {
  return new Map(new URLSearchParams(body));
}

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Nests flat query fields: `Filter.member.2=User` → `{ Filter: [, "User"] }` (compacted),
 * `Tags.member.1.Key=k` → `{ Tags: [{ Key: "k" }] }`. Action and Version are left out.
 */
export function structureQueryParams(fields: Map<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of fields) {
    if (key === "Action" || key === "Version") continue;
    const path = key.split(".");
    if (path.some((part) => UNSAFE_KEYS.has(part))) continue;
    let node: Record<string, unknown> = root;
    for (let i = 0; i < path.length; i++) {
      const part = path[i]!;
      const last = i === path.length - 1;
      if (last) {
        node[part] = value;
      } else {
        const existing = node[part];
        const child = typeof existing === "object" && existing !== null ? (existing as Record<string, unknown>) : {};
        node[part] = child;
        node = child;
      }
    }
  }
  return compactLists(root) as Record<string, unknown>;
}

const NUMERIC = /^\d+$/;

/** `{ member: { "1": a, "2": b } }` → `[a, b]`, recursively. */
function compactLists(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === "member" && typeof record.member === "object" && record.member !== null) {
    const members = record.member as Record<string, unknown>;
    return numberedItems(members);
  }
  // EC2 and RDS number list items without `member`: `OwnerId.1=self`.
  if (keys.length > 0 && keys.every((k) => NUMERIC.test(k))) return numberedItems(record);
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = compactLists(record[key]);
  return out;
}

function numberedItems(members: Record<string, unknown>): unknown[] {
  return Object.keys(members)
    .filter((k) => NUMERIC.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => compactLists(members[k]));
}

/**
 * Escapes text for XML element content. Characters XML 1.0 can only carry as references
 * (other control characters, CR, LF, TAB) are written as numeric references so they survive
 * the parser's line-ending normalisation.
 */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"'\u0000-\u001f\u007f]/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&apos;";
      default:
        return `&#${c.charCodeAt(0)};`;
    }
  });
}

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * One value as awsQuery XML: objects as child elements in key order, arrays as `<member>`
 * items, empty lists/objects as `<Name/>`, dates as ISO 8601, undefined/null left out.
 */
export function toXml(name: string, value: unknown, memberName = "member"): string {
  const out: string[] = [];
  writeXml(out, name, value, memberName);
  return out.join("");
}

const NEEDS_ESCAPE = /[&<>"'\u0000-\u001f\u007f]/;

function writeXml(out: string[], name: string, value: unknown, memberName: string): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value) || value instanceof XmlList) {
    const items = value instanceof XmlList ? value.items : value;
    const itemName = value instanceof XmlList ? value.memberName : memberName;
    if (items.length === 0) {
      out.push(`<${name}/>`);
      return;
    }
    out.push(`<${name}>`);
    for (const item of items) writeXml(out, itemName, item, memberName);
    out.push(`</${name}>`);
    return;
  }
  if (value instanceof XmlMap) {
    out.push(`<${name}>`);
    for (const [key, entry] of Object.entries(value.entries)) out.push(`<entry><key>${xmlEscape(key)}</key><value>${xmlEscape(entry)}</value></entry>`);
    out.push(`</${name}>`);
    return;
  }
  if (value instanceof Date) {
    out.push(`<${name}>${isoSeconds(value)}</${name}>`);
    return;
  }
  if (typeof value === "object") {
    const open = out.length;
    out.push(`<${name}>`);
    const before = out.length;
    for (const key in value) {
      if (Object.hasOwn(value, key) && XML_NAME.test(key)) writeXml(out, key, (value as Record<string, unknown>)[key], memberName);
    }
    if (out.length === before) out[open] = `<${name}/>`;
    else out.push(`</${name}>`);
    return;
  }
  const text = String(value);
  out.push(`<${name}>${NEEDS_ESCAPE.test(text) ? xmlEscape(text) : text}</${name}>`);
}

/** ISO 8601 without milliseconds, as AWS writes timestamps. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function queryResponse(service: QueryService, action: string, result: Record<string, unknown>, requestId: string): string {
  const ns = QUERY_NAMESPACES[service];
  const body = toXml(`${action}Result`, result);
  return (
    `<${action}Response xmlns="${ns}">${body}` +
    `<ResponseMetadata><RequestId>${xmlEscape(requestId)}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function queryErrorResponse(service: QueryService, error: AwsApiError, requestId: string): string {
  const type = error.status >= 500 ? "Receiver" : "Sender";
  return (
    `<ErrorResponse xmlns="${QUERY_NAMESPACES[service]}"><Error><Type>${type}</Type>` +
    `<Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error>` +
    `<RequestId>${xmlEscape(requestId)}</RequestId></ErrorResponse>`
  );
}
