/**
 * When scans run by themselves: a cron expression (five fields, or six with seconds) in a time
 * zone, daily at 02:00 UTC by default. Set by an admin in the dashboard, or fixed by
 * VENDORSCOPE_SCHEDULE ("off" disables it; VENDORSCOPE_SCHEDULE_TIMEZONE gives the zone).
 */
import { Cron } from "croner";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db/types";

export const SCHEDULE_SETTING = "schedule";
export const DEFAULT_SCHEDULE = { cron: "0 2 * * *", timezone: "UTC" };

export interface Schedule {
  enabled: boolean;
  cron: string;
  timezone: string;
  /** "environment" when VENDORSCOPE_SCHEDULE fixes it (the dashboard can't change it), else "settings" or "default". */
  source: "environment" | "settings" | "default";
  updatedBy: string | null;
  updatedAt: string | null;
}

export class ScheduleError extends Error {
  override name = "ScheduleError";
}

/** Throws ScheduleError with a readable reason when the expression or the zone is wrong. */
export function validateSchedule(cron: string, timezone: string): void {
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
  } catch {
    throw new ScheduleError(`"${timezone}" is not a time zone (for example UTC, Europe/Paris, America/New_York)`);
  }
  try {
    new Cron(cron, { timezone, paused: true });
  } catch (error) {
    throw new ScheduleError(`"${cron}" is not a cron expression: ${(error as Error).message.replace(/^CronPattern: /, "")}`);
  }
}

export function nextRun(schedule: Pick<Schedule, "cron" | "timezone">, after: Date): Date | null {
  return new Cron(schedule.cron, { timezone: schedule.timezone, paused: true }).nextRun(after);
}

interface StoredSchedule {
  cron: string;
  timezone: string;
  enabled: boolean;
  updatedBy: string | null;
  updatedAt: string;
  /** Due times up to here have been handled (run, or skipped). */
  handledUntil: string;
}

export async function effectiveSchedule(db: Db, env: Record<string, string | undefined> = process.env): Promise<Schedule> {
  const fromEnv = env.VENDORSCOPE_SCHEDULE?.trim();
  if (fromEnv) {
    const timezone = env.VENDORSCOPE_SCHEDULE_TIMEZONE?.trim() || "UTC";
    if (fromEnv === "off") return { enabled: false, ...DEFAULT_SCHEDULE, source: "environment", updatedBy: null, updatedAt: null };
    validateSchedule(fromEnv, timezone);
    return { enabled: true, cron: fromEnv, timezone, source: "environment", updatedBy: null, updatedAt: null };
  }
  const stored = await storedSchedule(db);
  if (!stored) return { enabled: true, ...DEFAULT_SCHEDULE, source: "default", updatedBy: null, updatedAt: null };
  return { enabled: stored.enabled, cron: stored.cron, timezone: stored.timezone, source: "settings", updatedBy: stored.updatedBy, updatedAt: stored.updatedAt };
}

async function storedSchedule(db: Db): Promise<StoredSchedule | null> {
  const row = await db.setting.findUnique({ where: { key: SCHEDULE_SETTING } });
  return row ? (row.value as unknown as StoredSchedule) : null;
}

/** Saves the schedule (validated); due times before now are considered handled. */
export async function saveSchedule(db: Db, input: { cron: string; timezone: string; enabled: boolean }, updatedBy: string): Promise<void> {
  validateSchedule(input.cron, input.timezone);
  const now = new Date().toISOString();
  const value: StoredSchedule = { ...input, updatedBy, updatedAt: now, handledUntil: now };
  const json = value as unknown as Prisma.InputJsonObject;
  await db.setting.upsert({ where: { key: SCHEDULE_SETTING }, create: { key: SCHEDULE_SETTING, value: json }, update: { value: json } });
}

/**
 * Claims the due run of `schedule` at or before `now`, if one is due and no other scheduler
 * claimed it: the claim moves `handledUntil` to now atomically. Several missed runs (the
 * server was down) make one claim, so they run once.
 */
export async function claimDueRun(db: Db, schedule: Schedule, now: Date): Promise<Date | null> {
  if (!schedule.enabled) return null;
  const stored = await storedSchedule(db);
  if (!stored) {
    // First start: nothing before now is due. Remember from when.
    const base: StoredSchedule = { cron: schedule.cron, timezone: schedule.timezone, enabled: true, updatedBy: null, updatedAt: now.toISOString(), handledUntil: now.toISOString() };
    await db.setting.createMany({ data: [{ key: SCHEDULE_SETTING, value: base as unknown as Prisma.InputJsonObject }], skipDuplicates: true });
    return null;
  }
  const due = nextRun(schedule, new Date(stored.handledUntil));
  if (!due || due > now) return null;
  const claimed = await db.$executeRaw`
    UPDATE "Setting" SET "value" = jsonb_set("value", '{handledUntil}', to_jsonb(${now.toISOString()}::text)), "updatedAt" = ${now.toISOString()}::timestamp
    WHERE "key" = ${SCHEDULE_SETTING} AND "value"->>'handledUntil' = ${stored.handledUntil}`;
  return claimed === 1 ? due : null;
}
