/**
 * A scan's life in the database: start (one at a time; a scan left `running` by a dead
 * process is marked interrupted), the organization's membership, each account saved in its
 * own transaction (or recorded as failed, keeping its last known inventory), and the finish,
 * which decides account removals and vendor appearances — but only for a scan that was not
 * cancelled and did not fail.
 */
import type { ActionCatalog } from "../analysis/actionCatalog";
import { CHANGE, type ChangeDraft } from "../history/changeKinds";
import type { AccountInventory } from "../inventory/accountInventory";
import { ActionIds } from "./actionIds";
import type { Database } from "./client";
import { insertEvents } from "./bulkInsert";
import { inventoryTotals } from "./inventoryTotals";
import { parseParty, partyLabel } from "../inventory/party";
import { acquireScanLock, type ScanLock } from "./scanLock";
import { ScanWriter } from "./scanWriter";
import { LONG_TRANSACTION, type Db } from "./types";
import type { Prisma } from "@/lib/generated/prisma/client";

export type ScanSource = "aws" | "files" | "stored";
export type ScanStatus = "running" | "succeeded" | "partial" | "failed" | "interrupted" | "cancelled";

export interface ScanStart {
  trigger: string;
  source: ScanSource;
  executor?: "inline" | "queue";
  startedBy?: string | null;
  /** Settings worth recording; never credentials or ExternalIds. */
  options?: Record<string, unknown>;
}

export interface MemberAccountInfo {
  id: string;
  name: string | null;
  email: string | null;
  status: string | null;
  ouPath: string | null;
}

export interface AccountMeta {
  startedAt: Date;
  durationMs: number;
  apiCalls: number;
  roles: number;
  users: number;
  rawExport?: { gzip: Uint8Array; sha256: string; credentialReport: Uint8Array | null };
  /** Problems that did not stop the account (a missing credential report, bad policies). */
  warnings?: string[];
}

export interface ScanResult {
  id: number;
  status: ScanStatus;
  error: string | null;
  accountsOk: number;
  accountsFailed: number;
  changes: number;
  apiCalls: number;
  durationMs: number;
}


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
  writerFor(scan: { id: number; startedAt: Date }): ScanWriter {
    return new ScanWriter(this.prisma, this.catalog, this.actionIds, scan.id, scan.startedAt);
  }

  /** Starts a scan, or throws ScanInProgressError when one is running. */
  async startScan(start: ScanStart): Promise<ScanSession> {
    const lock = await acquireScanLock(this.db);
    try {
      await this.prisma.scan.updateMany({
        where: { status: "running" },
        data: { status: "interrupted", finishedAt: new Date(), error: "the scanning process stopped before the scan finished" },
      });
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

export class ScanSession {
  private pendingRemovals: string[] = [];
  private apiCallsOutsideAccounts = 0;
  private readonly heartbeat: NodeJS.Timeout;
  private finished = false;
  readonly writer: ScanWriter;

  constructor(
    private readonly store: InventoryStore,
    readonly id: number,
    readonly startedAt: Date,
    private readonly lock: ScanLock,
    private readonly vendorsBefore: Set<string>,
  ) {
    this.writer = store.writerFor({ id, startedAt });
    this.heartbeat = setInterval(() => {
      void this.prisma.scan.update({ where: { id }, data: { heartbeatAt: new Date() } }).catch(() => {});
    }, 15_000);
    this.heartbeat.unref();
  }

  private get prisma() {
    return this.store.prisma;
  }

  /** Records the organization's accounts. With a complete listing, members gone from it are removed at finish. */
  async recordOrganization(org: { orgId: string | null; managementAccountId: string | null; accounts: MemberAccountInfo[] }, complete: boolean): Promise<void> {
    const scanId = this.id;
    const orgRowId = org.orgId ?? `standalone:${org.accounts[0]?.id ?? "unknown"}`;
    await this.prisma.$transaction(async (tx) => {
      await tx.organization.upsert({
        where: { id: orgRowId },
        create: { id: orgRowId, managementAccountId: org.managementAccountId },
        update: { managementAccountId: org.managementAccountId },
      });
      const existing = new Map((await tx.account.findMany()).map((a) => [a.id, a]));
      const events: ChangeDraft[] = [];
      const fresh = org.accounts.filter((a) => !existing.has(a.id));
      await tx.account.createMany({ data: fresh.map((a) => ({ ...a, firstSeenScanId: scanId })) });
      for (const a of fresh) events.push({ kind: CHANGE.ACCOUNT_ADDED, accountId: a.id, summary: `Account ${a.id}${a.name ? ` (${a.name})` : ""} joined the organization` });
      for (const a of org.accounts) {
        const old = existing.get(a.id);
        if (!old) continue;
        const rejoined = old.removedScanId !== null;
        if (rejoined) events.push({ kind: CHANGE.ACCOUNT_ADDED, accountId: a.id, summary: `Account ${a.id}${a.name ? ` (${a.name})` : ""} is back in the organization` });
        if (rejoined || old.name !== a.name || old.email !== a.email || old.status !== a.status || old.ouPath !== a.ouPath) {
          await tx.account.update({ where: { id: a.id }, data: { name: a.name, email: a.email, status: a.status, ouPath: a.ouPath, removedScanId: null } });
        }
      }
      await insertEvents(tx, scanId, events);
      if (complete) {
        const listed = new Set(org.accounts.map((a) => a.id));
        this.pendingRemovals = [...existing.values()].filter((a) => a.removedScanId === null && !listed.has(a.id)).map((a) => a.id);
      }
    }, LONG_TRANSACTION);
  }

  saveAccount(inventory: AccountInventory, meta: AccountMeta): Promise<{ changes: number }> {
    return this.writer.saveAccount(inventory, meta);
  }

  failAccount(accountId: string, error: string, meta: Pick<AccountMeta, "startedAt" | "durationMs" | "apiCalls">): Promise<void> {
    return this.writer.failAccount(accountId, error, meta);
  }

  /** The scan's counts so far, from its accounts (not kept on the Scan row while running: no hot row). */
  async tally(): Promise<{ accountsOk: number; accountsFailed: number; apiCalls: number; changes: number }> {
    const groups = await this.prisma.scanAccount.groupBy({ by: ["status"], where: { scanId: this.id }, _count: true, _sum: { apiCalls: true, changes: true } });
    const of = (status: string) => groups.find((g) => g.status === status);
    return {
      accountsOk: of("ok")?._count ?? 0,
      accountsFailed: of("failed")?._count ?? 0,
      apiCalls: groups.reduce((n, g) => n + (g._sum.apiCalls ?? 0), 0),
      changes: groups.reduce((n, g) => n + (g._sum.changes ?? 0), 0),
    };
  }

  /** API calls made for the organization as a whole (discovery), not for one account. */
  addApiCalls(count: number): void {
    this.apiCallsOutsideAccounts += count;
  }

  async setOptions(options: Record<string, unknown>): Promise<void> {
    await this.prisma.scan.update({ where: { id: this.id }, data: { options: options as Prisma.InputJsonObject } });
  }

  /** Whether someone asked to cancel this scan (dashboard or `vendorscope cancel`). */
  async cancelRequested(): Promise<boolean> {
    const scan = await this.prisma.scan.findUnique({ where: { id: this.id }, select: { cancelRequested: true } });
    return scan?.cancelRequested ?? false;
  }

  async setTotal(accounts: number): Promise<void> {
    await this.prisma.scan.update({ where: { id: this.id }, data: { accountsTotal: accounts } });
  }

  /**
   * Ends the scan. Removals (accounts that left the organization) and vendor appearances are
   * decided only when the scan was not cancelled and did not fail.
   */
  async finish(outcome: { error?: string; cancelled?: boolean; warnings?: string[] } = {}): Promise<ScanResult> {
    if (this.finished) throw new Error("scan already finished");
    this.finished = true;
    clearInterval(this.heartbeat);
    const scanId = this.id;
    try {
      const scan = await this.tally();
      const decided = !outcome.cancelled && !outcome.error && scan.accountsOk > 0;
      let changes = 0;
      if (decided) {
        await this.prisma.$transaction(async (tx) => {
          const events = [...(await removeAccounts(tx, scanId, this.pendingRemovals)), ...vendorEvents(this.vendorsBefore, await currentVendors(tx))];
          await insertEvents(tx, scanId, events);
          changes = events.length;
        }, LONG_TRANSACTION);
      }
      const status: ScanStatus = outcome.cancelled
        ? "cancelled"
        : outcome.error || scan.accountsOk === 0
          ? "failed"
          : scan.accountsFailed > 0
            ? "partial"
            : "succeeded";
      const finishedAt = new Date();
      const done = await this.prisma.scan.update({
        where: { id: scanId },
        data: {
          status,
          finishedAt,
          heartbeatAt: finishedAt,
          error: outcome.error ?? (scan.accountsOk === 0 && scan.accountsFailed > 0 ? "no account could be read" : null),
          warnings: (outcome.warnings ?? []).slice(0, 1000),
          accountsOk: scan.accountsOk,
          accountsFailed: scan.accountsFailed,
          changes: scan.changes + changes,
          apiCalls: scan.apiCalls + this.apiCallsOutsideAccounts,
          summary: { ...(await inventoryTotals(this.prisma)) },
        },
      });
      await reclaimSpace(this.prisma);
      return {
        id: scanId,
        status,
        error: done.error,
        accountsOk: done.accountsOk,
        accountsFailed: done.accountsFailed,
        changes: done.changes,
        apiCalls: done.apiCalls,
        durationMs: finishedAt.getTime() - this.startedAt.getTime(),
      };
    } finally {
      await this.lock.release();
    }
  }
}

/**
 * Each scan rewrites the raw exports that changed and the roles whose "last used" moved:
 * reclaim the dead row versions now, so the database grows with change, not with scans —
 * also where autovacuum is off or slow, and in the embedded PGlite, which has none. The raw
 * exports are rewritten almost whole by every scan, so their table is compacted when more
 * than a third of it is free space (it is small: tens of megabytes for 1,000 accounts).
 */
async function reclaimSpace(db: Database["prisma"]): Promise<void> {
  try {
    await db.$executeRawUnsafe(`VACUUM (ANALYZE) "RawExport", "Role", "Trust", "Account", "IamUser", "AccessKey", "Scan"`);
    const [size] = await db.$queryRaw<{ total: number; live: number }[]>`
      SELECT pg_total_relation_size('"RawExport"')::float8 AS total, coalesce(sum(pg_column_size(r.*)), 0)::float8 AS live FROM "RawExport" r`;
    if (size && size.total > 1.5 * size.live + 1_000_000) await db.$executeRawUnsafe(`VACUUM FULL "RawExport"`);
  } catch {
    // Housekeeping only: without ownership of the tables, autovacuum does this.
  }
}

/** Parties (vendors, unknown accounts, anyone…) with at least one current third-party trust. */
async function currentVendors(db: Db): Promise<Set<string>> {
  const rows = await db.trust.findMany({ where: { removedScanId: null, internal: false }, distinct: ["party"], select: { party: true } });
  return new Set(rows.map((r) => r.party));
}

function vendorEvents(before: ReadonlySet<string>, after: ReadonlySet<string>): ChangeDraft[] {
  const event = (kind: ChangeDraft["kind"], party: string, summary: string): ChangeDraft => {
    const { kind: partyKind, value } = parseParty(party);
    return { kind, accountId: null, party, vendorName: partyKind === "vendor" ? value : null, externalAccountId: partyKind === "account" ? value : null, summary };
  };
  return [
    ...[...after].filter((p) => !before.has(p)).sort().map((p) => event(CHANGE.VENDOR_APPEARED, p, `New party with access: ${partyLabel(p)}`)),
    ...[...before].filter((p) => !after.has(p)).sort().map((p) => event(CHANGE.VENDOR_DISAPPEARED, p, `${partyLabel(p)} no longer has access to any account`)),
  ];
}

/** Closes everything of accounts that left the organization. */
async function removeAccounts(db: Db, scanId: number, accountIds: readonly string[]): Promise<ChangeDraft[]> {
  const events: ChangeDraft[] = [];
  for (const accountId of accountIds) {
    const current = { accountId, removedScanId: null };
    const trusts = await db.trust.findMany({ where: current, include: { role: { select: { arn: true, name: true } } } });
    for (const t of trusts) {
      events.push({
        kind: CHANGE.TRUST_REMOVED,
        accountId,
        roleArn: t.role.arn,
        principal: t.principal,
        vendorName: t.vendorName,
        externalAccountId: t.externalAccountId,
        party: t.party,
        summary: `${t.vendorName ?? t.externalAccountId ?? t.principal} can no longer assume ${accountId}/${t.role.name} (account left the organization)`,
      });
    }
    const closing = { removedScanId: scanId };
    await db.trust.updateMany({ where: current, data: closing });
    await db.role.updateMany({ where: current, data: closing });
    await db.accessKey.updateMany({ where: { removedScanId: null, user: current }, data: closing });
    await db.iamUser.updateMany({ where: current, data: closing });
    await db.account.update({ where: { id: accountId }, data: closing });
    events.push({ kind: CHANGE.ACCOUNT_REMOVED, accountId, summary: `Account ${accountId} left the organization` });
  }
  return events;
}
