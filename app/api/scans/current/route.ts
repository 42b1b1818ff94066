import { guardedRoute } from "@/lib/auth/access";
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db/server";
import { runningScanProgress } from "@/lib/queries/scanProgress";

export const dynamic = "force-dynamic";

/** The running scan's progress (or null), polled by the live indicator. */
export const GET = guardedRoute("viewer", async () =>
  NextResponse.json({ running: await runningScanProgress(await prisma()) }, { headers: { "Cache-Control": "no-store" } }),
);
