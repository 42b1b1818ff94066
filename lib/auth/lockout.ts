/**
 * Lockout after repeated failed password sign-ins. Counted per email as typed (lower-cased),
 * whether or not such a user exists, so the lockout message tells an attacker nothing about
 * which accounts exist. A success, or an admin's unlock, clears the count.
 */
import type { Db } from "../db/types";

export interface LockoutPolicy {
  attempts: number;
  minutes: number;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase().slice(0, 320);

/** When the lockout ends, or null when the email may try now. */
export async function lockedUntil(db: Db, email: string, now = new Date()): Promise<Date | null> {
  const row = await db.signInLockout.findUnique({ where: { email: normaliseEmail(email) } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Counts a failure; returns the lockout's end when this failure locks the email. */
export async function recordFailedSignIn(db: Db, email: string, policy: LockoutPolicy, now = new Date()): Promise<Date | null> {
  const key = normaliseEmail(email);
  const row = await db.signInLockout.upsert({
    where: { email: key },
    create: { email: key, failures: 1, lastFailureAt: now },
    update: { failures: { increment: 1 }, lastFailureAt: now },
  });
  // A lockout that has run out starts a fresh count.
  if (row.lockedUntil && row.lockedUntil <= now) {
    await db.signInLockout.update({ where: { email: key }, data: { failures: 1, lockedUntil: null } });
    return null;
  }
  if (row.failures < policy.attempts) return null;
  const until = new Date(now.getTime() + policy.minutes * 60_000);
  await db.signInLockout.update({ where: { email: key }, data: { lockedUntil: until } });
  return until;
}

export async function clearFailedSignIns(db: Db, email: string): Promise<void> {
  await db.signInLockout.deleteMany({ where: { email: normaliseEmail(email) } });
}
