/**
 * The scan queue on pg-boss (PostgreSQL only): one job per account of a queued scan, taken by
 * any `vendorscope worker` on any machine with the database URL. Jobs are retried with
 * exponential backoff; a job whose worker died is handed out again once its lease expires.
 */
import PgBoss from "pg-boss";

export const ACCOUNT_QUEUE = "vendorscope-account";

export interface AccountJob {
  scanId: number;
  accountId: string;
}

export interface QueueSettings {
  /** How long a worker holds an account before the job is considered abandoned. */
  leaseSeconds: number;
  /** Attempts after the first. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** How often expired leases are looked for. */
  maintenanceSeconds: number;
}

export function queueSettings(env: Record<string, string | undefined> = process.env): QueueSettings {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    leaseSeconds: number("VENDORSCOPE_JOB_LEASE_SECONDS", 600),
    retryLimit: number("VENDORSCOPE_JOB_RETRIES", 3),
    retryDelaySeconds: number("VENDORSCOPE_JOB_RETRY_DELAY_SECONDS", 10),
    maintenanceSeconds: number("VENDORSCOPE_QUEUE_MAINTENANCE_SECONDS", 30),
  };
}

/** Connects pg-boss (creating its schema and the queue when missing). */
export async function openQueue(url: string, settings: QueueSettings = queueSettings()): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    application_name: "vendorscope-queue",
    max: 4,
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
    schedule: false,
  });
  boss.on("error", (error: Error) => console.error(`queue: ${error.message}`));
  await boss.start();
  await createQueue(boss, settings);
  return boss;
}

const DEADLOCK = "40P01";
const CREATE_ATTEMPTS = 8;

/**
 * pg-boss creates a queue with DDL (a table per queue) that deadlocks when processes starting
 * together on a new database — workers and a coordinator — create it at the same moment:
 * PostgreSQL aborts all but one, and those try again (the queue exists by then, or soon).
 */
async function createQueue(boss: PgBoss, settings: QueueSettings): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(ACCOUNT_QUEUE, {
        name: ACCOUNT_QUEUE,
        retryLimit: settings.retryLimit,
        retryDelay: settings.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: settings.leaseSeconds,
      });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK || attempt >= CREATE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 100 * attempt));
    }
  }
}

/** One job per account; the singleton key makes sending the same account twice harmless. */
export async function enqueueAccounts(boss: PgBoss, scanId: number, accountIds: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const accountId of accountIds) {
    const job: AccountJob = { scanId, accountId };
    const id = await boss.send(ACCOUNT_QUEUE, job, { singletonKey: `${scanId}:${accountId}` });
    if (id) ids.set(accountId, id);
  }
  return ids;
}
