/**
 * What every wire protocol of the fake shares: the HTTP request as read, the reply to write,
 * and the service definition the server routes to (its protocol, its error codes, its
 * operations).
 */
import type { IncomingHttpHeaders } from "node:http";
import type { ServiceContext } from "./context";
import type { AwsApiError } from "./errors";

export interface HttpRequest {
  method: string;
  /** The URL path, percent-decoded per segment by the protocol that needs it. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export interface Protocol {
  /** The operation and its parameters; throws AwsApiError when the request is not one. */
  read(request: HttpRequest): { operation: string; params: Record<string, unknown> };
  reply(operation: string, result: unknown, requestId: string): Reply;
  error(error: AwsApiError, requestId: string): Reply;
}

/** A code and HTTP status as the service answers them. */
export type ErrorCode = readonly [code: string, status: number];

export interface ServiceErrors {
  throttle: ErrorCode;
  denied: ErrorCode;
  /** Credentials the service does not accept (also: a region not enabled for the account). */
  invalidToken: ErrorCode;
  serverError: ErrorCode;
  unavailable: ErrorCode;
}

export interface ServiceDefinition {
  protocol: Protocol;
  /** Regional services answer only in the regions enabled for the account. */
  regional: boolean;
  errors: ServiceErrors;
  handle(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<unknown>;
}

/** A reply body sent as is (S3's GetBucketPolicy answers the policy text itself). */
export class RawBody {
  constructor(
    readonly text: string,
    readonly contentType = "application/json",
  ) {}
}
