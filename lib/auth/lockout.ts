/**
 * Lockout after repeated failed password sign-ins. Counted per email as typed (lower-cased),
 * whether or not such a user exists, so the lockout message tells an attacker nothing about
 * which accounts exist. A success, or an admin's unlock, clears the count.
 *
 * Each attempt is counted before its password is checked, in one statement that also decides
 * whether it may go on (claimSignInAttempt): parallel attempts queue on the row, so however many
 * arrive at once, at most `attempts` passwords are checked before the lock. A failure then only
 * sets the lock when the count has reached the limit (recordFailedSignIn).
 */
import type { Db } from "../db/types";

export interface LockoutPolicy {
  attempts: number;
  minutes: number;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase().slice(0, 320);

/** Timestamps in the database are UTC without a zone (as Prisma stores them). */
const sqlTime = (date: Date) => date.toISOString();

/** When the lockout ends, or null when the email may try now. */
export async function lockedUntil(db: Db, email: string, now = new Date()): Promise<Date | null> {
  const row = await db.signInLockout.findUnique({ where: { email: normaliseEmail(email) } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

export type SignInAttempt = { allowed: true } | { allowed: false; until: Date; lockedNow: boolean };

/**
 * Counts one password attempt and decides, atomically, whether its password may be checked: not
 * while the email is locked, nor when `policy.attempts` attempts are counted already (those still
 * running included). An attempt refused for the count locks the email (lockedNow: this call did).
 */
export async function claimSignInAttempt(db: Db, email: string, policy: LockoutPolicy, now = new Date()): Promise<SignInAttempt> {
  const key = normaliseEmail(email);
  const at = sqlTime(now);
  // An expired lock starts a fresh count; a live one is left as it is (refused attempts don't count).
  const [row] = await db.$queryRaw<{ failures: number; lockedUntil: string | null }[]>`
    INSERT INTO "SignInLockout" AS l ("email", "failures", "lastFailureAt", "lockedUntil")
    VALUES (${key}, 1, ${at}::timestamp, NULL)
    ON CONFLICT ("email") DO UPDATE SET
      "failures" = CASE WHEN l."lockedUntil" > ${at}::timestamp THEN l."failures" WHEN l."lockedUntil" IS NOT NULL THEN 1 ELSE l."failures" + 1 END,
      "lastFailureAt" = CASE WHEN l."lockedUntil" > ${at}::timestamp THEN l."lastFailureAt" ELSE ${at}::timestamp END,
      "lockedUntil" = CASE WHEN l."lockedUntil" > ${at}::timestamp THEN l."lockedUntil" ELSE NULL END
    RETURNING "failures", to_char("lockedUntil", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lockedUntil"`;
  if (row!.lockedUntil) return { allowed: false, until: new Date(row!.lockedUntil), lockedNow: false };
  if (row!.failures <= policy.attempts) return { allowed: true };
  const lockedNow = await lockIfDue(db, key, policy, now);
  return { allowed: false, until: lockedNow ?? (await lockedUntil(db, key, now)) ?? new Date(now.getTime() + policy.minutes * 60_000), lockedNow: lockedNow !== null };
}

/** Sets the lock when the count has reached the limit and no lock is set; only one caller wins. */
async function lockIfDue(db: Db, key: string, policy: LockoutPolicy, now: Date): Promise<Date | null> {
  const until = new Date(now.getTime() + policy.minutes * 60_000);
  const locked = await db.$executeRaw`
    UPDATE "SignInLockout" SET "lockedUntil" = ${sqlTime(until)}::timestamp
    WHERE "email" = ${key} AND "failures" >= ${policy.attempts} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${sqlTime(now)}::timestamp)`;
  return locked === 1 ? until : null;
}

/**
 * A counted attempt failed (its password was wrong, or it got no session); returns the lockout's
 * end when this failure locks the email.
 */
export async function recordFailedSignIn(db: Db, email: string, policy: LockoutPolicy, now = new Date()): Promise<Date | null> {
  return lockIfDue(db, normaliseEmail(email), policy, now);
}

export async function clearFailedSignIns(db: Db, email: string): Promise<void> {
  await db.signInLockout.deleteMany({ where: { email: normaliseEmail(email) } });
}
