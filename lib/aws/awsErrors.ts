/** Turns SDK errors into the one-line messages recorded against an account or a scan. */

export function errorCode(error: unknown): string {
  if (error && typeof error === "object") {
    const e = error as { name?: unknown; Code?: unknown; code?: unknown };
    for (const value of [e.name, e.Code, e.code]) if (typeof value === "string" && value !== "Error") return value;
  }
  return "Error";
}

export function describeAwsError(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const attempts = (error as { $metadata?: { attempts?: number } })?.$metadata?.attempts;
  const tries = attempts && attempts > 1 ? ` (after ${attempts} attempts)` : "";
  return `${code}: ${message.split("\n")[0]}${tries}`.replace(/(AKIA|ASIA)[A-Z0-9]{12,}/g, "$1…");
}

export function isAccessDenied(error: unknown): boolean {
  return /AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(errorCode(error));
}
