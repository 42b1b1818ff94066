/**
 * Runs scans on the schedule, in the web server or in `vendorscope scheduler`. Each tick
 * claims a due run atomically (several schedulers never start it twice); when another scan is
 * still running, the run is recorded as skipped. Each tick first interrupts scans whose
 * process died (stale heartbeat), so that a dead scan never blocks the schedule.
 */
import { interruptStaleScans } from "../db/scanLiveness";
import { ScanInProgressError } from "../db/scanLock";
import type { InventoryStore } from "../db/inventoryStore";
import type { ScanResult } from "../db/scanTypes";
import { configuredScanOptions, runLiveScan, type ExecutorKind } from "../scan/runners/executor";
import { silentProgress, type ScanProgress } from "../scan/progress";
import { claimDueRun, effectiveSchedule } from "./schedule";

export interface SchedulerEvents {
  triggered(due: Date): void;
  finished(result: ScanResult): void;
  skipped(due: Date, reason: string): void;
  error(error: Error): void;
}

export interface Scheduler {
  stop(): Promise<void>;
  /** One check, for tests and for the start: runs a due (or missed) run. */
  tick(now?: Date): Promise<void>;
}

export function startScheduler(store: InventoryStore, executor: ExecutorKind, events: Partial<SchedulerEvents> = {}, options: { intervalMs?: number; progress?: ScanProgress } = {}): Scheduler {
  let running: Promise<unknown> | null = null;
  let stopped = false;

  const tick = async (now = new Date()) => {
    await interruptStaleScans(store.prisma);
    const schedule = await effectiveSchedule(store.prisma);
    const due = await claimDueRun(store.prisma, schedule, now);
    if (!due) return;
    events.triggered?.(due);
    const scan = runLiveScan(store, executor, configuredScanOptions("schedule", `schedule (${schedule.cron} ${schedule.timezone})`), options.progress ?? silentProgress);
    running = scan.then(
      (result) => events.finished?.(result),
      async (error: unknown) => {
        if (error instanceof ScanInProgressError) {
          const active = await store.prisma.scan.findFirst({ where: { status: "running" }, orderBy: { id: "desc" }, select: { id: true } });
          const reason = `scan #${active?.id ?? "?"} was still running`;
          await recordSkipped(store, due, reason);
          events.skipped?.(due, reason);
        } else events.error?.(error as Error);
      },
    ).finally(() => (running = null));
  };

  const loop = async () => {
    while (!stopped) {
      await tick().catch((error: unknown) => events.error?.(error as Error));
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000).unref());
    }
  };
  void loop();
  return {
    tick,
    async stop() {
      stopped = true;
      await running;
    },
  };
}

async function recordSkipped(store: InventoryStore, due: Date, reason: string): Promise<void> {
  const now = new Date();
  await store.prisma.scan.create({
    data: { status: "skipped", trigger: "schedule", source: "aws", startedBy: `schedule (due ${due.toISOString()})`, startedAt: now, finishedAt: now, error: reason },
  });
}
