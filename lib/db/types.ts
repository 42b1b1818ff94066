import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** The client or an open transaction: store functions work with either. */
export type Db = PrismaClient | Prisma.TransactionClient;

export function toDate(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}

export function toIso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
