import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimDueRun, effectiveSchedule, nextRun, saveSchedule, SCHEDULE_SETTING, ScheduleError, validateSchedule } from "@/lib/schedule/schedule";
import { testDatabase } from "@/testkit/database";

let db: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  db = await testDatabase("pglite");
});
afterAll(() => db?.dispose());

const at = (iso: string) => new Date(iso);

describe("the scan schedule", () => {
  it("defaults to daily at 02:00 UTC, and computes the next run in its time zone", async () => {
    const schedule = await effectiveSchedule(db.prisma, {});
    expect(schedule).toMatchObject({ enabled: true, cron: "0 2 * * *", timezone: "UTC", source: "default" });
    expect(nextRun(schedule, at("2026-11-27T10:00:00Z"))?.toISOString()).toBe("2026-11-28T02:00:00.000Z");
    expect(nextRun({ cron: "0 2 * * *", timezone: "Europe/Paris" }, at("2026-11-27T10:00:00Z"))?.toISOString()).toBe("2026-11-28T01:00:00.000Z");
  });

  it("refuses a bad expression or time zone with the reason", () => {
    expect(() => validateSchedule("every day", "UTC")).toThrow(ScheduleError);
    expect(() => validateSchedule("0 2 * * *", "Mars/Olympus")).toThrow('"Mars/Olympus" is not a time zone');
  });

  it("is fixed by VENDORSCOPE_SCHEDULE when set", async () => {
    expect(await effectiveSchedule(db.prisma, { VENDORSCOPE_SCHEDULE: "*/5 * * * *", VENDORSCOPE_SCHEDULE_TIMEZONE: "America/New_York" })).toMatchObject({
      cron: "*/5 * * * *",
      timezone: "America/New_York",
      source: "environment",
    });
    expect(await effectiveSchedule(db.prisma, { VENDORSCOPE_SCHEDULE: "off" })).toMatchObject({ enabled: false });
  });

  it("runs once for several runs missed while no scheduler was up, and claims each run once", async () => {
    await saveSchedule(db.prisma, { cron: "0 * * * *", timezone: "UTC", enabled: true }, "test");
    // Pretend the server stopped three hours ago.
    await db.prisma.$executeRaw`UPDATE "Setting" SET "value" = jsonb_set("value", '{handledUntil}', '"2026-11-27T07:30:00.000Z"') WHERE "key" = ${SCHEDULE_SETTING}`;
    const schedule = await effectiveSchedule(db.prisma, {});
    const now = at("2026-11-27T10:45:00Z");
    const [first, second] = await Promise.all([claimDueRun(db.prisma, schedule, now), claimDueRun(db.prisma, schedule, now)]);
    expect([first, second].filter(Boolean).map((d) => d!.toISOString())).toEqual(["2026-11-27T08:00:00.000Z"]);
    expect(await claimDueRun(db.prisma, schedule, at("2026-11-27T10:59:00Z"))).toBeNull();
    expect((await claimDueRun(db.prisma, schedule, at("2026-11-27T11:00:01Z")))?.toISOString()).toBe("2026-11-27T11:00:00.000Z");
  });

  it("does not fire for the past when the schedule is changed", async () => {
    await saveSchedule(db.prisma, { cron: "* * * * *", timezone: "UTC", enabled: true }, "test");
    expect(await claimDueRun(db.prisma, await effectiveSchedule(db.prisma, {}), new Date())).toBeNull();
    await saveSchedule(db.prisma, { cron: "* * * * *", timezone: "UTC", enabled: false }, "test");
    expect(await claimDueRun(db.prisma, await effectiveSchedule(db.prisma, {}), new Date(Date.now() + 120_000))).toBeNull();
  });
});
