/** What a report is based on (the latest finished scan) and the period it covers. */
import type { Db } from "../db/types";
import { absoluteTime } from "../web/format";

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

/** A date from a query parameter (YYYY-MM-DD or ISO), or undefined; a date-only `until` means the end of that day. */
export function dateParam(value: string | null | undefined, endOfDay = false): Date | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return undefined;
  return new Date(endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(value) ? time + 86_400_000 - 1 : time);
}

export async function reportBasis(db: Db, now = new Date()): Promise<ReportBasis> {
  const scan = await db.scan.findFirst({ where: { status: { in: ["succeeded", "partial"] } }, orderBy: { id: "desc" }, select: { id: true, startedAt: true, status: true } });
  return {
    scanId: scan?.id ?? null,
    scanAt: scan?.startedAt ?? null,
    generatedAt: now,
    text: scan ? `scan #${scan.id} of ${absoluteTime(scan.startedAt)}${scan.status === "partial" ? " (some accounts could not be read)" : ""}` : "no completed scan",
  };
}
