import { AUDIT } from "../audit/auditEventKinds";
import { recordAudit } from "../audit/auditLog";
import { cliActor, cliUser } from "./cliActor";
import { effectiveSchedule, nextRun, saveSchedule, ScheduleError } from "../schedule/schedule";
import { UsageError, type Command } from "./command";
import { withDatabase } from "./database";

export const scheduleCommand: Command = {
  name: "schedule",
  help: `Usage: vendorscope schedule [CRON] [--timezone TZ] [--off]

Without arguments, prints the schedule and the next run. With CRON (five fields, or six
with seconds, e.g. "0 2 * * *"), sets it; --off disables scheduled scans.
VENDORSCOPE_SCHEDULE, when set, fixes the schedule and this command can't change it.

Options:
  --timezone TZ  time zone of the expression (default UTC), e.g. Europe/Paris
  --off          disable scheduled scans
  -h, --help     show this help
`,
  options: { timezone: { type: "string" }, off: { type: "boolean" } },
  positionals: { names: ["CRON"], required: 0 },
  async run(values, [cron], io) {
    return withDatabase(async (db) => {
      const current = await effectiveSchedule(db.prisma);
      if (cron !== undefined || values.off || values.timezone !== undefined) {
        if (current.source === "environment") throw new UsageError("VENDORSCOPE_SCHEDULE sets the schedule; unset it to manage the schedule here");
        const timezone = typeof values.timezone === "string" ? values.timezone : current.timezone;
        try {
          const schedule = { cron: cron ?? current.cron, timezone, enabled: !values.off };
          await saveSchedule(db.prisma, schedule, cliUser());
          await recordAudit(db.prisma, { action: AUDIT.SCHEDULE_CHANGED, ...cliActor(), details: schedule });
        } catch (error) {
          if (error instanceof ScheduleError) throw new UsageError(error.message);
          throw error;
        }
      }
      const schedule = await effectiveSchedule(db.prisma);
      const next = schedule.enabled ? nextRun(schedule, new Date()) : null;
      io.stdout(
        schedule.enabled
          ? `Scans run "${schedule.cron}" (${schedule.timezone}), from ${schedule.source}. Next run: ${next?.toISOString() ?? "never"}.\n`
          : `Scheduled scans are off (${schedule.source}).\n`,
      );
      return 0;
    });
  },
};
