/** Starts the scheduler inside the web server (once per process). */
import { serverStore } from "../db/server";
import { configuredExecutor } from "../scan/runners/executor";
import { startScheduler } from "./scheduler";

const KEY = Symbol.for("vendorscope.scheduler");

export async function startWebScheduler(): Promise<void> {
  const holder = globalThis as { [KEY]?: boolean };
  if (holder[KEY]) return;
  holder[KEY] = true;
  const store = await serverStore();
  startScheduler(store, configuredExecutor(store.db), {
    triggered: (due) => console.log(`schedule: run due ${due.toISOString()} started`),
    finished: (r) => console.log(`schedule: scan #${r.id} ${r.status}`),
    skipped: (due, reason) => console.log(`schedule: run due ${due.toISOString()} skipped (${reason})`),
    error: (error) => console.error(`schedule: ${error.message}`),
  });
}
