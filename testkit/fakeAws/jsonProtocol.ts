/**
 * The awsJson protocols: POST / with `X-Amz-Target: <Prefix>.<Operation>` and a JSON body;
 * errors as `{"__type", "message"}`. Organizations, KMS, Secrets Manager and ECR speak 1.1,
 * SQS speaks 1.0.
 */
import { AwsApiError } from "./errors";
import type { Protocol } from "./wire";

export const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";
export const ORGANIZATIONS_TARGET_PREFIX = "AWSOrganizationsV20161128.";

export function parseJsonBody(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new AwsApiError("SerializationException", 400, "Request body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AwsApiError("SerializationException", 400, "Request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

export function jsonErrorBody(error: AwsApiError, messageKey = "Message"): string {
  return JSON.stringify({ __type: error.code, [messageKey]: error.message, ...error.extra });
}

export interface AwsJsonOptions {
  version: "1.0" | "1.1";
  targetPrefix: string;
  messageKey?: string;
  /**
   * For a service that also speaks awsQuery (SQS): its awsQuery error codes by JSON code. Every
   * error then carries `x-amzn-query-error: <query code>;Sender|Receiver`, from which the SDK
   * takes the error's `Code` (and, through the model's awsQueryError trait, its name).
   */
  queryErrorCodes?: Readonly<Record<string, string>>;
}

export function awsJsonProtocol(options: AwsJsonOptions): Protocol {
  const contentType = `application/x-amz-json-${options.version}`;
  return {
    read(request) {
      const target = request.headers["x-amz-target"];
      const value = Array.isArray(target) ? target[0] : target;
      if (!value?.startsWith(options.targetPrefix)) throw new AwsApiError("UnknownOperationException", 400, `Unknown operation target ${value ?? "(none)"}`);
      return { operation: value.slice(options.targetPrefix.length), params: parseJsonBody(request.body) };
    },
    reply: (_operation, result) => ({ status: 200, contentType, body: JSON.stringify(result) }),
    error: (error) => ({
      status: error.status,
      contentType,
      ...(options.queryErrorCodes ? { headers: { "x-amzn-query-error": `${options.queryErrorCodes[error.code] ?? error.code};${error.status >= 500 ? "Receiver" : "Sender"}` } } : {}),
      body: jsonErrorBody(error, options.messageKey ?? "message"),
    }),
  };
}
