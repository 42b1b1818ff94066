/**
 * Scans the web server starts itself ("Scan now", the schedule): run in the background with
 * the configured executor; the page returns at once and the live progress shows the rest.
 */
import { interruptStaleScans } from "../../db/scanLiveness";
import type { InventoryStore } from "../../db/inventoryStore";
import { configuredExecutor, configuredScanOptions, runLiveScan } from "./executor";
import { silentProgress } from "../progress";

const KEY = Symbol.for("vendorscope.backgroundScans");
type Holder = { [KEY]?: Set<Promise<unknown>> };

export async function startScanInBackground(store: InventoryStore, trigger: string, startedBy: string): Promise<{ started: true } | { running: number }> {
  await interruptStaleScans(store.prisma); // a scan whose process died does not block this one
  const running = await store.prisma.scan.findFirst({ where: { status: "running" }, select: { id: true } });
  if (running) return { running: running.id };
  const executor = configuredExecutor(store.db);
  const scans = ((globalThis as Holder)[KEY] ??= new Set());
  const scan = runLiveScan(store, executor, configuredScanOptions(trigger, startedBy), silentProgress).catch((error: unknown) => console.error(`scan (${trigger}) failed: ${(error as Error).message}`));
  scans.add(scan);
  void scan.finally(() => scans.delete(scan));
  return { started: true };
}
