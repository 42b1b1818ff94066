/** Who may do what. A viewer reads everything and downloads reports; an admin also changes things. */
export const ROLES = ["viewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 1, admin: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether a user with `role` may do what `required` allows. An unknown role may do nothing. */
export function hasRole(role: unknown, required: Role): boolean {
  return isRole(role) && RANK[role] >= RANK[required];
}
