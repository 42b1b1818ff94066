/**
 * Which vendor an IAM user belongs to: the admin's attribution first, then a tag naming the
 * vendor, then a path such as /vendors/acme/. Null when nothing says.
 */
export interface UserAttributionFacts {
  path: string;
  tags: Record<string, string>;
  adminVendor: string | null;
}

export type AttributionSource = "admin" | "tag" | "path";

const VENDOR_TAG = /^(vendor|vendor[-_ ]?name|third[-_ ]?party|partner|supplier)$/i;
const VENDOR_PATH = /^\/(?:vendors?|third[-_]?party|partners?|external)\/([^/]+)\//i;

export function attributeUser(user: UserAttributionFacts): { vendor: string; source: AttributionSource } | null {
  if (user.adminVendor) return { vendor: user.adminVendor, source: "admin" };
  for (const [key, value] of Object.entries(user.tags)) if (VENDOR_TAG.test(key) && value.trim()) return { vendor: value.trim(), source: "tag" };
  const path = VENDOR_PATH.exec(user.path);
  if (path) return { vendor: decodePathPart(path[1]!), source: "path" };
  return null;
}

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
