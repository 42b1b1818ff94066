import type { Db } from "./types";

/** A scan's counts, from its accounts. */
export interface ScanTally {
  accountsOk: number;
  accountsFailed: number;
  apiCalls: number;
  changes: number;
}

/**
 * The counts of the accounts a scan has finished so far (kept on the Scan row only once the
 * scan ends: no hot row while it runs). For the finish and for interrupting alike.
 */
export async function scanTally(db: Db, scanId: number): Promise<ScanTally> {
  const groups = await db.scanAccount.groupBy({ by: ["status"], where: { scanId }, _count: true, _sum: { apiCalls: true, changes: true } });
  const of = (status: string) => groups.find((g) => g.status === status);
  return {
    accountsOk: of("ok")?._count ?? 0,
    accountsFailed: of("failed")?._count ?? 0,
    apiCalls: groups.reduce((n, g) => n + (g._sum.apiCalls ?? 0), 0),
    changes: groups.reduce((n, g) => n + (g._sum.changes ?? 0), 0),
  };
}
