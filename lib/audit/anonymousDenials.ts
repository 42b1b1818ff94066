/**
 * Refusals of callers who are not signed in (a POST with a Next-Action header and no cookie, a
 * forged cross-origin request) cost an attacker nothing and carry text they choose, so they are
 * not one audit row each: one row per source address, reason and window, whose count grows
 * with each refusal. The first refusal of a window writes the row (so it shows at once), later
 * ones only raise its count and lastAt; the database allows exactly that change, and only while
 * the window is open (trigger "AuditEvent_count_only", docs/security.md). The window is cut
 * from the database's clock, the same clock the trigger reads.
 */
import type { Db } from "../db/types";
import { AUDIT } from "./auditEventKinds";
import { auditText, AUDIT_LIMITS } from "./auditText";

/** Length of an aggregation window. */
export const DENIAL_WINDOW_SECONDS = 600;

export interface AnonymousDenial {
  ip?: string | null;
  userAgent?: string | null;
  target?: string | null;
  reason: string;
}

/** Records one anonymous refusal into its source's open window; returns the window's count so far. */
export async function recordAnonymousDenial(db: Db, denial: AnonymousDenial, windowSeconds = DENIAL_WINDOW_SECONDS): Promise<number> {
  const ip = auditText(denial.ip, AUDIT_LIMITS.ip);
  const reason = auditText(denial.reason, 100) ?? "refused";
  const prefix = `${AUDIT.ACCESS_DENIED}|${reason}|${ip ?? "unknown address"}|`;
  const details = JSON.stringify({ reason, anonymous: true, windowSeconds });
  const [row] = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "AuditEvent" ("at", "action", "outcome", "actorId", "actor", "ip", "userAgent", "target", "details", "count", "windowKey", "windowEnd", "lastAt")
    SELECT w.now, ${AUDIT.ACCESS_DENIED}, 'denied', NULL, NULL, ${ip}, ${auditText(denial.userAgent, AUDIT_LIMITS.userAgent)}, ${auditText(denial.target, AUDIT_LIMITS.target)},
           ${details}::jsonb, 1, ${prefix} || to_char(w.start, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), w.start + make_interval(secs => ${windowSeconds}::int), w.now
    FROM (
      SELECT now() AT TIME ZONE 'UTC' AS now,
             to_timestamp(floor(extract(epoch FROM now()) / ${windowSeconds}::int) * ${windowSeconds}::int) AT TIME ZONE 'UTC' AS start
    ) AS w
    ON CONFLICT ("windowKey") DO UPDATE SET "count" = "AuditEvent"."count" + 1, "lastAt" = EXCLUDED."lastAt"
    RETURNING "count"`;
  return row!.count;
}
