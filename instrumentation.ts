/** Next.js calls this once when the server starts: the web server runs the scan schedule too. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.VENDORSCOPE_SCHEDULER === "off") return;
  const { startWebScheduler } = await import("./lib/schedule/webScheduler");
  await startWebScheduler().catch((error: unknown) => console.error(`schedule: not started: ${(error as Error).message}`));
}
