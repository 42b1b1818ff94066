/** Bounds on what an audit row keeps (lib/audit/auditLog.ts, lib/audit/anonymousDenials.ts). */
import { clipText } from "../text";

/**
 * How much of each field is kept. Headers (user agent, address) and what callers typed are
 * theirs to choose, and the log is kept forever: every row is bounded.
 */
export const AUDIT_LIMITS = { actor: 320, ip: 64, userAgent: 256, target: 500, details: 4000 } as const;

/** Text cut to `max` characters with no half surrogate pair (lib/text.ts), or null when empty. */
export function auditText(value: string | null | undefined, max: number): string | null {
  return value ? clipText(value, max) : null;
}
