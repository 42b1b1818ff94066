/**
 * A running scan, as its own process holds it: the organization's membership, each account
 * saved in its own transaction (or recorded as failed, keeping its last known inventory), and
 * the finish, which decides account removals and vendor appearances — but only for a scan
 * that was not cancelled and did not fail (lib/db/scanStatusPolicy.ts).
 *
 * While it runs, a scan beats (lib/db/scanLiveness.ts) and checks its lock before each write
 * and at its finish: a scan that lost its lock, or that someone else already decided
 * (interrupted), stops as interrupted and never overwrites that status.
 */
import type { AccountInventory } from "../inventory/accountInventory";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { removeAccounts } from "./accountRemovals";
import { insertEvents } from "./bulkInsert";
import { inventoryTotals } from "./inventoryTotals";
import { recordMembers, type OrganizationListing } from "./organizationMembers";
import { reclaimSpace } from "./reclaimSpace";
import type { ScanLock } from "./scanLock";
import { assertScanRunning, heartbeatIntervalMs, markInterrupted, SCAN_LOCK_LOST, ScanStoppedError } from "./scanLiveness";
import { decidesChanges, finalError, finalStatus } from "./scanStatusPolicy";
import { scanTally, type ScanTally } from "./scanTally";
import type { AccountMeta, ScanOutcome, ScanResult, ScanStatus } from "./scanTypes";
import type { ScanWriter } from "./scanWriter";
import { LONG_TRANSACTION } from "./types";
import { currentVendors, vendorEvents, type PartyAccounts } from "./vendorEvents";

/** What a session needs of the inventory store that started it. */
export interface SessionStore {
  readonly prisma: PrismaClient;
  writerFor(scan: { id: number; startedAt: Date }, beforeWrite?: () => Promise<void>): ScanWriter;
}

export class ScanSession {
  private pendingRemovals: string[] = [];
  private apiCallsOutsideAccounts = 0;
  private readonly apiCallsOutsideByService: Record<string, number> = {};
  /** Notices about the organization as a whole (OU paths, Access Analyzer), kept as the scan's warnings. */
  private readonly notices: string[] = [];
  private readonly heartbeat: NodeJS.Timeout;
  private finished = false;
  /** Why this scan must stop writing (its lock lost, or its status decided elsewhere). */
  private stopReason: string | null = null;
  readonly writer: ScanWriter;

  constructor(
    private readonly store: SessionStore,
    readonly id: number,
    readonly startedAt: Date,
    private readonly lock: ScanLock,
    private readonly vendorsBefore: PartyAccounts,
  ) {
    this.writer = store.writerFor({ id, startedAt }, () => this.ensureRunning());
    this.heartbeat = setInterval(() => void this.beat().catch(() => {}), heartbeatIntervalMs());
    this.heartbeat.unref();
  }

  private get prisma() {
    return this.store.prisma;
  }

  /** Set once the scan must not go on: runners stop starting accounts and finish. */
  get stopped(): boolean {
    return this.stopReason !== null;
  }

  /** Proof of life; also notices a lost lock, or a status decided by someone else. */
  private async beat(): Promise<void> {
    if (this.finished || this.stopReason) return;
    if (!(await this.lock.isHeld())) return this.stopAsInterrupted(SCAN_LOCK_LOST);
    const { count } = await this.prisma.scan.updateMany({ where: { id: this.id, status: "running" }, data: { heartbeatAt: new Date() } });
    if (count === 0) this.stopReason ??= `scan #${this.id} was ended by another process`;
  }

  /** Before each write: the scan still holds its lock (else it stops as interrupted). */
  async ensureRunning(): Promise<void> {
    if (!this.stopReason && !(await this.lock.isHeld())) await this.stopAsInterrupted(SCAN_LOCK_LOST);
    if (this.stopReason) throw new ScanStoppedError(this.stopReason);
  }

  private async stopAsInterrupted(reason: string): Promise<void> {
    this.stopReason ??= reason;
    // If the database is unreachable too, the stale heartbeat gets the scan interrupted later.
    await markInterrupted(this.prisma, { id: this.id }, reason).catch(() => {});
  }

  /** Records the organization's accounts. With a complete listing, members gone from it are removed at finish. */
  async recordOrganization(org: OrganizationListing, complete: boolean): Promise<void> {
    const scanId = this.id;
    await this.ensureRunning();
    await this.prisma.$transaction(async (tx) => {
      await assertScanRunning(tx, scanId);
      const gone = await recordMembers(tx, scanId, org, complete);
      if (gone) this.pendingRemovals = gone;
    }, LONG_TRANSACTION);
  }

  saveAccount(inventory: AccountInventory, meta: AccountMeta): Promise<{ changes: number }> {
    return this.writer.saveAccount(inventory, meta);
  }

  failAccount(accountId: string, error: string, meta: Pick<AccountMeta, "startedAt" | "durationMs" | "apiCalls" | "apiCallsByService">): Promise<boolean> {
    return this.writer.failAccount(accountId, error, meta);
  }

  /** The scan's counts so far, from its accounts (not kept on the Scan row while running: no hot row). */
  tally(): Promise<ScanTally> {
    return scanTally(this.prisma, this.id);
  }

  /** API calls made for the organization as a whole (discovery), not for one account. */
  addApiCalls(count: number, byService: Record<string, number> = { organizations: count }): void {
    this.apiCallsOutsideAccounts += count;
    for (const [service, calls] of Object.entries(byService)) this.apiCallsOutsideByService[service] = (this.apiCallsOutsideByService[service] ?? 0) + calls;
  }

  /** A notice about the scan as a whole, stored with its warnings when it finishes. */
  notice(message: string): void {
    this.notices.push(message);
  }

  async setOptions(options: Record<string, unknown>): Promise<void> {
    await this.updateWhileRunning({ options: options as Prisma.InputJsonObject });
  }

  /** Whether someone asked to cancel this scan (dashboard or `vendorscope cancel`). */
  async cancelRequested(): Promise<boolean> {
    const scan = await this.prisma.scan.findUnique({ where: { id: this.id }, select: { cancelRequested: true } });
    return scan?.cancelRequested ?? false;
  }

  async setTotal(accounts: number): Promise<void> {
    await this.updateWhileRunning({ accountsTotal: accounts });
  }

  private async updateWhileRunning(data: Prisma.ScanUpdateManyMutationInput): Promise<void> {
    await this.ensureRunning();
    const { count } = await this.prisma.scan.updateMany({ where: { id: this.id, status: "running" }, data });
    if (count === 0) {
      this.stopReason ??= `scan #${this.id} was ended by another process`;
      throw new ScanStoppedError(this.stopReason);
    }
  }

  /**
   * Ends the scan, its status as lib/db/scanStatusPolicy.ts judges it. A scan that lost its
   * lock ends interrupted; one whose status was already decided (interrupted by someone who
   * found it stale, or by the next scan) keeps that status: the decided result is returned.
   */
  async finish(outcome: ScanOutcome = {}): Promise<ScanResult> {
    if (this.finished) throw new Error("scan already finished");
    this.finished = true;
    clearInterval(this.heartbeat);
    const scanId = this.id;
    try {
      if (!this.stopReason && !(await this.lock.isHeld())) await this.stopAsInterrupted(SCAN_LOCK_LOST);
      if (this.stopReason) return await this.decidedResult();
      const scan = await this.tally();
      const decided = decidesChanges(outcome, scan);
      const status = finalStatus(outcome, scan);
      const finishedAt = new Date();
      const written = await this.prisma.$transaction(async (tx) => {
        // The row stays locked until the status is written: nobody decides it in between.
        const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Scan" WHERE id = ${scanId} FOR UPDATE`;
        if (row?.status !== "running") return false;
        let changes = 0;
        if (decided) {
          const parties = vendorEvents(this.vendorsBefore, await currentVendors(tx), outcome.namedBy);
          const events = [...(await removeAccounts(tx, scanId, this.pendingRemovals)), ...parties];
          await insertEvents(tx, scanId, events);
          changes = events.length;
        }
        await tx.scan.updateMany({
          where: { id: scanId, status: "running" },
          data: {
            status,
            finishedAt,
            heartbeatAt: finishedAt,
            error: finalError(outcome, scan),
            warnings: [...this.notices, ...(outcome.warnings ?? [])].slice(0, 1000),
            accountsOk: scan.accountsOk,
            accountsFailed: scan.accountsFailed,
            changes: scan.changes + changes,
            apiCalls: scan.apiCalls + this.apiCallsOutsideAccounts,
            apiCallsByService: await callsByService(tx, scanId, this.apiCallsOutsideByService),
            summary: { ...(await inventoryTotals(tx)) },
          },
        });
        return true;
      }, LONG_TRANSACTION);
      if (!written) return await this.decidedResult();
      await reclaimSpace(this.prisma);
      return { ...(await this.decidedResult()), durationMs: finishedAt.getTime() - this.startedAt.getTime() };
    } finally {
      await this.lock.release();
    }
  }

  /** The scan as its row says it ended. */
  private async decidedResult(): Promise<ScanResult> {
    const row = await this.prisma.scan.findUniqueOrThrow({ where: { id: this.id }, omit: { options: true } });
    return {
      id: row.id,
      status: row.status as ScanStatus,
      error: row.error,
      accountsOk: row.accountsOk,
      accountsFailed: row.accountsFailed,
      changes: row.changes,
      apiCalls: row.apiCalls,
      apiCallsByService: (row.apiCallsByService as Record<string, number> | null) ?? {},
      durationMs: (row.finishedAt ?? new Date()).getTime() - this.startedAt.getTime(),
    };
  }
}

/** The scan's calls per service: its accounts' counts summed in the database, plus the organization's own (jsonb keeps no key order). */
async function callsByService(tx: Prisma.TransactionClient, scanId: number, outside: Record<string, number>): Promise<Record<string, number>> {
  const rows = await tx.$queryRaw<{ service: string; calls: bigint }[]>`
    SELECT e.key AS service, SUM((e.value)::bigint) AS calls
    FROM "ScanAccount" a, jsonb_each_text(a."apiCallsByService") e
    WHERE a."scanId" = ${scanId} AND a."apiCallsByService" IS NOT NULL
    GROUP BY e.key`;
  const totals: Record<string, number> = { ...outside };
  for (const row of rows) totals[row.service] = (totals[row.service] ?? 0) + Number(row.calls);
  return Object.fromEntries(Object.entries(totals).filter(([, n]) => n > 0));
}
