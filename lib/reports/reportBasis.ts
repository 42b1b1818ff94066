/** What a report is based on (the latest finished scan) and the period it covers. */
import { REAL_SCANS } from "../history/attribution";
import type { Db } from "../db/types";
import { dateParam as readDate } from "../queries/params";
import { absoluteTime } from "../format";

export interface ReportPeriod {
  since: Date;
  until: Date;
}

export interface ReportBasis {
  scanId: number | null;
  scanAt: Date | null;
  generatedAt: Date;
  text: string;
}

export const DEFAULT_PERIOD_DAYS = 90;

export function reportPeriod(since?: Date | null, until?: Date | null, now = new Date()): ReportPeriod {
  const end = until ?? now;
  return { since: since ?? new Date(end.getTime() - DEFAULT_PERIOD_DAYS * 86_400_000), until: end };
}

/** A date from a query parameter or option (YYYY-MM-DD or ISO, 1970–9999), or undefined; a date-only `until` means the end of that day. */
export function dateParam(value: string | null | undefined, endOfDay = false): Date | undefined {
  const parsed = readDate(value, endOfDay);
  return parsed === "invalid" ? undefined : parsed;
}

/** The period a download asks for (`since`, `until`), or why it cannot be served. */
export function periodFromQuery(since: string | null | undefined, until: string | null | undefined, now = new Date()): ReportPeriod | { error: string } {
  const from = readDate(since);
  const to = readDate(until, true);
  if (from === "invalid") return { error: "since must be a date (YYYY-MM-DD) between 1970 and 9999" };
  if (to === "invalid") return { error: "until must be a date (YYYY-MM-DD) between 1970 and 9999" };
  const period = reportPeriod(from, to, now);
  if (period.since > period.until) return { error: "since must be before until" };
  return period;
}

export async function reportBasis(db: Db, now = new Date()): Promise<ReportBasis> {
  const scan = await db.scan.findFirst({ where: { ...REAL_SCANS, status: { in: ["succeeded", "partial"] } }, orderBy: { id: "desc" }, select: { id: true, startedAt: true, status: true } });
  return {
    scanId: scan?.id ?? null,
    scanAt: scan?.startedAt ?? null,
    generatedAt: now,
    text: scan ? `scan #${scan.id} of ${absoluteTime(scan.startedAt)}${scan.status === "partial" ? " (some accounts could not be read)" : ""}` : "no completed scan",
  };
}
