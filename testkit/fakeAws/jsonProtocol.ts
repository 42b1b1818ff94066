/**
 * The awsJson1_1 protocol Organizations speaks: POST / with `X-Amz-Target:
 * AWSOrganizationsV20161128.<Operation>` and a JSON body; errors as `{"__type", "Message"}`.
 */
import { AwsApiError } from "./errors";

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

export function jsonErrorBody(error: AwsApiError): string {
  return JSON.stringify({ __type: error.code, Message: error.message, ...error.extra });
}
