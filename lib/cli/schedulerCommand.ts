import { configuredExecutor } from "../scan/runners/executor";
import { startScheduler } from "../schedule/scheduler";
import { effectiveSchedule, nextRun } from "../schedule/schedule";
import type { Command } from "./command";
import { withInventoryStore } from "./database";

export const schedulerCommand: Command = {
  name: "scheduler",
  help: `Usage: vendorscope scheduler

Runs until stopped, starting a scan whenever the schedule is due (default daily at 02:00
UTC; set it in the dashboard or with VENDORSCOPE_SCHEDULE). A run that falls while a scan is
running is recorded as skipped; runs missed while no scheduler was up run once at start.
Several schedulers may run: each due run starts once. With VENDORSCOPE_EXECUTOR=queue the
scan is spread over 'vendorscope worker' processes.

Options:
  -h, --help  show this help
`,
  options: {},
  positionals: { names: [], required: 0 },
  async run(_values, _positionals, io) {
    return withInventoryStore(async (store, db) => {
      const executor = configuredExecutor(db);
      const schedule = await effectiveSchedule(store.prisma);
      const next = schedule.enabled ? nextRun(schedule, new Date()) : null;
      io.stdout(`Scheduler: ${schedule.enabled ? `"${schedule.cron}" (${schedule.timezone}), next run ${next?.toISOString() ?? "never"}` : "schedule is off"}; ${executor} executor.\n`);
      const scheduler = startScheduler(store, executor, {
        triggered: (due) => io.stdout(`Run due ${due.toISOString()}: starting a scan.\n`),
        finished: (r) => io.stdout(`Scan #${r.id} ${r.status}: ${r.accountsOk} accounts read, ${r.accountsFailed} failed, ${r.changes} changes.\n`),
        skipped: (due, reason) => io.stdout(`Run due ${due.toISOString()} skipped: ${reason}.\n`),
        error: (error) => io.stderr(`scheduler: ${error.message}\n`),
      });
      await new Promise<void>((resolve) => {
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
      });
      await scheduler.stop();
      return 0;
    });
  },
};
