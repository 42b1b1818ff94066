/**
 * Opaque pagination tokens (IAM `Marker`, Organizations `NextToken`): the offset into a list,
 * bound to the request they continue (operation and filters) so a token reused elsewhere is
 * refused, and optionally to a details snapshot.
 */

export interface PageCursor {
  offset: number;
  snapshot?: number;
}

export function encodeCursor(scope: string, cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, scope, ...cursor })).toString("base64");
}

/** The cursor in `token`, or null when it is not one this fake issued for `scope`. */
export function decodeCursor(token: string, scope: string): PageCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    if (typeof value !== "object" || value === null) return null;
    const record = value as Record<string, unknown>;
    if (record.v !== 1 || record.scope !== scope) return null;
    if (typeof record.offset !== "number" || !Number.isInteger(record.offset) || record.offset < 0) return null;
    const snapshot = typeof record.snapshot === "number" ? record.snapshot : undefined;
    return snapshot === undefined ? { offset: record.offset } : { offset: record.offset, snapshot };
  } catch {
    return null;
  }
}

/** The page size: what the caller asked for (or the default), never above the configured cap. */
export function pageSize(requested: number | undefined, fallback: number, cap: number | undefined): number {
  const size = requested ?? fallback;
  return cap !== undefined && cap > 0 ? Math.min(size, cap) : size;
}
