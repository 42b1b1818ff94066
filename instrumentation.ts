/** Next.js calls this once when the server starts: the first admin, then the scan schedule. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { announceFirstAdmin } = await import("./lib/auth/firstAdmin");
  await announceFirstAdmin().catch((error: unknown) => console.error(`auth: could not create the first admin: ${(error as Error).message}`));
  if (process.env.VENDORSCOPE_SCHEDULER === "off") return;
  const { startWebScheduler } = await import("./lib/schedule/webScheduler");
  await startWebScheduler().catch((error: unknown) => console.error(`schedule: not started: ${(error as Error).message}`));
}
