/**
 * The inventory as scans write it: opens with the action catalog, starts scans (one at a time;
 * a scan left `running` by a dead process is marked interrupted) and hands out account writers
 * for running scans (the scan's own process, or a queue worker).
 */
import type { ActionCatalog } from "../analysis/actionCatalog";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ActionIds } from "./actionIds";
import type { Database } from "./client";
import { acquireScanLock } from "./scanLock";
import { markInterrupted, SCAN_PROCESS_STOPPED } from "./scanLiveness";
import { ScanSession } from "./scanSession";
import type { ScanStart } from "./scanTypes";
import { ScanWriter } from "./scanWriter";
import { currentVendors } from "./vendorEvents";

export class InventoryStore {
  private constructor(
    readonly db: Database,
    readonly catalog: ActionCatalog,
    private readonly actionIds: ActionIds,
  ) {}

  static async open(db: Database, catalog: ActionCatalog): Promise<InventoryStore> {
    return new InventoryStore(db, catalog, await ActionIds.load(db.prisma, catalog));
  }

  get prisma() {
    return this.db.prisma;
  }

  /** Writes accounts into a running scan (the scan's own process, or a queue worker). */
  writerFor(scan: { id: number; startedAt: Date }, beforeWrite?: () => Promise<void>): ScanWriter {
    return new ScanWriter(this.prisma, this.catalog, this.actionIds, scan.id, scan.startedAt, beforeWrite);
  }

  /** Starts a scan, or throws ScanInProgressError when one is running. */
  async startScan(start: ScanStart): Promise<ScanSession> {
    const lock = await acquireScanLock(this.db);
    try {
      // Holding the lock proves no other scan's process is alive (or still holds its lock).
      await markInterrupted(this.prisma, {}, SCAN_PROCESS_STOPPED);
      const vendorsBefore = await currentVendors(this.prisma);
      const scan = await this.prisma.scan.create({
        data: {
          status: "running",
          trigger: start.trigger,
          source: start.source,
          executor: start.executor ?? "inline",
          startedBy: start.startedBy ?? null,
          options: (start.options ?? {}) as Prisma.InputJsonObject,
          heartbeatAt: new Date(),
        },
      });
      return new ScanSession(this, scan.id, scan.startedAt, lock, vendorsBefore);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }
}
