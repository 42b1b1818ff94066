/**
 * Writes one account's outcome into a running scan, each in its own transaction: a completely
 * read account's inventory diff, change events and raw export; or a failure, which keeps the
 * account's last known inventory and marks it stale. Used by the scanning process and by
 * queue workers alike. Nothing is written to a scan that is no longer running (interrupted,
 * cancelled or finished elsewhere): each write checks first, and throws ScanStoppedError.
 */
import type { ActionCatalog } from "../analysis/actionCatalog";
import { diffAccount } from "../history/accountDiff";
import type { AccountInventory } from "../inventory/accountInventory";
import type { ActionIds } from "./actionIds";
import { loadCurrentInventory, writeAccountDiff } from "./accountRows";
import { insertEvents, upsertRawExport } from "./bulkInsert";
import { ensurePermissionSets, storedActionNames } from "./permissionSets";
import { assertScanRunning } from "./scanLiveness";
import type { AccountMeta } from "./scanTypes";
import { LONG_TRANSACTION } from "./types";
import type { PrismaClient } from "@/lib/generated/prisma/client";


export class ScanWriter {
  constructor(
    private readonly db: PrismaClient,
    private readonly catalog: ActionCatalog,
    private readonly actionIds: ActionIds,
    readonly scanId: number,
    private readonly startedAt: Date,
    /** Runs before each write (the scanning process: is the scan lock still held?). */
    private readonly beforeWrite: () => Promise<void> = async () => {},
  ) {}

  /** Saves a completely read account: its inventory diff, events and raw export, in one transaction. */
  async saveAccount(inventory: AccountInventory, meta: AccountMeta): Promise<{ changes: number }> {
    const scanId = this.scanId;
    const { accountId } = inventory;
    let changes = 0;
    await this.beforeWrite();
    await this.db.$transaction(async (tx) => {
      await assertScanRunning(tx, scanId);
      const current = await loadCurrentInventory(tx, accountId);
      const permissionSetIds = await ensurePermissionSets(tx, inventory.permissionSets, this.actionIds);
      const actions = new Map<string, ReadonlySet<string>>();
      const oldFingerprints = new Map(current.roles.map((r) => [r.row.arn, r.row.fingerprint]));
      for (const role of inventory.roles) {
        const before = oldFingerprints.get(role.arn);
        if (before === undefined || before === role.fingerprint) continue;
        if (!actions.has(before)) actions.set(before, await storedActionNames(tx, before, this.actionIds));
        if (!actions.has(role.fingerprint)) {
          actions.set(role.fingerprint, new Set(this.catalog.actionNames(inventory.permissionSets.get(role.fingerprint)!.allowed)));
        }
      }
      const diff = diffAccount(current, inventory, (fingerprint) => actions.get(fingerprint)!);
      await writeAccountDiff(tx, current, diff, { scanId, accountId, permissionSetIds });
      await insertEvents(tx, scanId, diff.events);
      changes = diff.events.length;
      if (meta.rawExport) await upsertRawExport(tx, accountId, scanId, meta.rawExport);
      await tx.account.upsert({
        where: { id: accountId },
        create: { id: accountId, firstSeenScanId: scanId, lastScanId: scanId, lastSuccessScanId: scanId, lastSuccessAt: this.startedAt },
        update: meta.fromStoredExport ? {} : { lastScanId: scanId, lastSuccessScanId: scanId, lastSuccessAt: this.startedAt, lastError: null, staleSince: null },
      });
      await tx.scanAccount.create({
        data: {
          scanId,
          accountId,
          status: "ok",
          error: meta.warnings?.length ? meta.warnings.join("; ").slice(0, 4000) : null,
          startedAt: meta.startedAt,
          finishedAt: new Date(),
          durationMs: Math.round(meta.durationMs),
          apiCalls: meta.apiCalls,
          ...(meta.apiCallsByService ? { apiCallsByService: meta.apiCallsByService } : {}),
          roles: meta.roles,
          users: meta.users,
          trusts: inventory.trusts.length,
          changes,
        },
      });
    }, LONG_TRANSACTION);
    return { changes };
  }

  /**
   * Records an account that could not be read; its stored inventory stays, marked stale.
   * Returns false, writing nothing, when the account already has its outcome in this scan: a
   * queued scan's coordinator and a slow worker may both try to settle the same account.
   */
  async failAccount(accountId: string, error: string, meta: Pick<AccountMeta, "startedAt" | "durationMs" | "apiCalls" | "apiCallsByService">): Promise<boolean> {
    const scanId = this.scanId;
    await this.beforeWrite();
    return this.db.$transaction(async (tx) => {
      await assertScanRunning(tx, scanId);
      const { count } = await tx.scanAccount.createMany({
        data: [{ scanId, accountId, status: "failed", error: error.slice(0, 4000), startedAt: meta.startedAt, finishedAt: new Date(), durationMs: Math.round(meta.durationMs), apiCalls: meta.apiCalls, ...(meta.apiCallsByService ? { apiCallsByService: meta.apiCallsByService } : {}) }],
        skipDuplicates: true,
      });
      if (count === 0) return false;
      const account = await tx.account.findUnique({ where: { id: accountId } });
      if (account) {
        await tx.account.update({ where: { id: accountId }, data: { lastScanId: scanId, lastError: error, staleSince: account.staleSince ?? this.startedAt } });
      } else {
        await tx.account.create({ data: { id: accountId, firstSeenScanId: scanId, lastScanId: scanId, lastError: error, staleSince: this.startedAt } });
      }
      return true;
    }, LONG_TRANSACTION);
  }
}
