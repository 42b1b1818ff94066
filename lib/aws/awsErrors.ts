/** Turns SDK errors into the one-line messages recorded against an account or a scan. */

/**
 * The codes an SDK error goes by: the wire code (`Code`, e.g. ReportInProgress) and the
 * modelled exception's name (e.g. CredentialReportNotReadyException).
 */
export function errorCodes(error: unknown): string[] {
  if (!error || typeof error !== "object") return [];
  const e = error as { name?: unknown; Code?: unknown; code?: unknown };
  return [e.Code, e.name, e.code].filter((v): v is string => typeof v === "string" && v !== "Error");
}

export function errorCode(error: unknown): string {
  return errorCodes(error)[0] ?? "Error";
}

export function hasErrorCode(error: unknown, pattern: RegExp): boolean {
  return errorCodes(error).some((code) => pattern.test(code));
}

export function describeAwsError(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const attempts = (error as { $metadata?: { attempts?: number } })?.$metadata?.attempts;
  const tries = attempts && attempts > 1 ? ` (after ${attempts} attempts)` : "";
  return `${code}: ${message.split("\n")[0]}${tries}`.replace(/(AKIA|ASIA)[A-Z0-9]{12,}/g, "$1…");
}

export function isAccessDenied(error: unknown): boolean {
  return hasErrorCode(error, /AccessDenied|UnauthorizedOperation|NotAuthorized/i);
}
