/** IAM users holding active access keys — the other way third parties get in. */
import type { Db } from "../db/types";
import { attributeUser, type AttributionSource } from "../inventory/userAttribution";
import { PAGE_SIZE, type Paged } from "./params";

export const KEY_STATES = ["never-used", "unused-90d", "older-than-90d"] as const;
export type KeyState = (typeof KEY_STATES)[number];
export const ATTRIBUTIONS = ["attributed", "unattributed"] as const;

export interface UserFilters {
  account?: string;
  state?: KeyState;
  attribution?: (typeof ATTRIBUTIONS)[number];
  q?: string;
  page?: number;
  pageSize?: number;
  now?: Date;
}

export interface UserKeyRow {
  userId: number;
  arn: string;
  name: string;
  path: string;
  accountId: string;
  vendor: string | null;
  attributedBy: AttributionSource | null;
  keys: { slot: number; lastRotated: Date | null; lastUsed: Date | null; lastUsedService: string | null }[];
}

const DAY = 86_400_000;

export async function listUsersWithKeys(db: Db, filters: UserFilters): Promise<Paged<UserKeyRow>> {
  const now = filters.now ?? new Date();
  const users = await db.iamUser.findMany({
    where: {
      removedScanId: null,
      ...(filters.account ? { accountId: filters.account } : {}),
      ...(filters.q ? { OR: [{ name: { contains: filters.q, mode: "insensitive" } }, { arn: { contains: filters.q } }] } : {}),
      keys: { some: { removedScanId: null, active: true } },
    },
    include: { keys: { where: { removedScanId: null, active: true }, orderBy: { slot: "asc" } } },
    orderBy: [{ accountId: "asc" }, { name: "asc" }],
  });
  const admin = new Map((await db.userAttribution.findMany({ where: { userArn: { in: users.map((u) => u.arn) } } })).map((a) => [a.userArn, a.vendorName]));
  const rows = users
    .map((u): UserKeyRow => {
      const attribution = attributeUser({ path: u.path, tags: u.tags as Record<string, string>, adminVendor: admin.get(u.arn) ?? null });
      return {
        userId: u.id,
        arn: u.arn,
        name: u.name,
        path: u.path,
        accountId: u.accountId,
        vendor: attribution?.vendor ?? null,
        attributedBy: attribution?.source ?? null,
        keys: u.keys.map((k) => ({ slot: k.slot, lastRotated: k.lastRotated, lastUsed: k.lastUsed, lastUsedService: k.lastUsedService })),
      };
    })
    .filter((u) => {
      if (filters.attribution === "attributed" && !u.vendor) return false;
      if (filters.attribution === "unattributed" && u.vendor) return false;
      if (filters.state === "never-used") return u.keys.some((k) => !k.lastUsed);
      if (filters.state === "unused-90d") return u.keys.some((k) => !k.lastUsed || now.getTime() - k.lastUsed.getTime() > 90 * DAY);
      if (filters.state === "older-than-90d") return u.keys.some((k) => k.lastRotated && now.getTime() - k.lastRotated.getTime() > 90 * DAY);
      return true;
    });
  const page = filters.page ?? 1;
  const size = filters.pageSize ?? PAGE_SIZE;
  return { rows: rows.slice((page - 1) * size, page * size), total: rows.length, page, pageSize: size };
}
