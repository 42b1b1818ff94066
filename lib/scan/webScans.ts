/**
 * Scans the web server starts itself ("Scan now", the schedule): run in the background with
 * the configured executor; the page returns at once and the live progress shows the rest.
 */
import { DEFAULT_AWS_SETTINGS } from "../aws/clients";
import { configuredMemberRole } from "../aws/memberCredentials";
import type { InventoryStore } from "../db/scanStore";
import { configuredConcurrency } from "./awsScan";
import { configuredExecutor, runLiveScan } from "./executor";
import { silentProgress } from "./progress";

const KEY = Symbol.for("vendorscope.backgroundScans");
type Holder = { [KEY]?: Set<Promise<unknown>> };

export async function startScanInBackground(store: InventoryStore, trigger: string, startedBy: string): Promise<{ started: true } | { running: number }> {
  const running = await store.prisma.scan.findFirst({ where: { status: "running" }, select: { id: true } });
  if (running) return { running: running.id };
  const executor = configuredExecutor(store.db);
  const scans = ((globalThis as Holder)[KEY] ??= new Set());
  const scan = runLiveScan(
    store,
    executor,
    {
      aws: DEFAULT_AWS_SETTINGS,
      memberRole: configuredMemberRole(),
      concurrency: configuredConcurrency(),
      trigger,
      startedBy,
    },
    silentProgress,
  ).catch((error: unknown) => console.error(`scan (${trigger}) failed: ${(error as Error).message}`));
  scans.add(scan);
  void scan.finally(() => scans.delete(scan));
  return { started: true };
}
