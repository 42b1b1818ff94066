import { guardedRoute } from "@/lib/auth/access";
import { NextResponse } from "next/server";
import { interruptStaleScans } from "@/lib/db/scanLiveness";
import { prisma } from "@/lib/db/server";
import { runningScanProgress } from "@/lib/queries/scanProgress";

export const dynamic = "force-dynamic";

/** The running scan's progress (or null), polled by the live indicator; a scan whose process died is interrupted first. */
export const GET = guardedRoute("viewer", async () => {
  const db = await prisma();
  await interruptStaleScans(db);
  return NextResponse.json({ running: await runningScanProgress(db) }, { headers: { "Cache-Control": "no-store" } });
});
