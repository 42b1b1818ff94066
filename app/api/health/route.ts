import { NextResponse } from "next/server";
import { serverDatabase } from "@/lib/db/server";

export const dynamic = "force-dynamic";

const PROBE_TIMEOUT_MS = 3_000;

/**
 * Whether the server can reach its database: {"database":"ok"} (200) or "unavailable" (503).
 * Public on purpose — the error page asks it, also on the sign-in page, and load balancers
 * may — so it says nothing more: no error text, no host, no version.
 */
export async function GET(): Promise<NextResponse> {
  const reachable = await Promise.race([
    serverDatabase().then((db) => db.prisma.$queryRaw`SELECT 1`).then(() => true, () => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref()),
  ]);
  return NextResponse.json({ database: reachable ? "ok" : "unavailable" }, { status: reachable ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
