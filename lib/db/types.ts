import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** The client or an open transaction: store functions work with either. */
export type Db = PrismaClient | Prisma.TransactionClient;

export function toDate(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}

export function toIso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

/** For transactions that write a whole account (or an organization's membership). */
export const LONG_TRANSACTION = { timeout: 120_000, maxWait: 120_000 };
