/** The one error type service handlers throw; each protocol renders it in its own wire shape. */

export class AwsApiError extends Error {
  override name = "AwsApiError";

  constructor(
    /** The wire error code: `Throttling`, `AccessDenied`, `TooManyRequestsException`… */
    readonly code: string,
    readonly status: number,
    message: string,
    /** Extra members of JSON errors, e.g. `Reason` of InvalidInputException. */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}
