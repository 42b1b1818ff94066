// How many processes scripts/server.mjs serves from: VENDORSCOPE_WEB_PROCESSES, a number or
// `auto` (the default): one per core, at most 4, on PostgreSQL; always 1 on the embedded PGlite
// database, which one process owns. PostgreSQL whenever DATABASE_URL is set, as the server's
// openDatabase() decides.
import { availableParallelism } from "node:os";

export const MAX_AUTO_PROCESSES = 4;

export function webProcesses(env, cores = availableParallelism()) {
  const postgres = Boolean(env.DATABASE_URL);
  const setting = (env.VENDORSCOPE_WEB_PROCESSES ?? "").trim() || "auto";
  if (setting === "auto") return postgres ? Math.max(1, Math.min(cores, MAX_AUTO_PROCESSES)) : 1;
  const count = Number(setting);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new Error(`VENDORSCOPE_WEB_PROCESSES=${setting}: use a number from 1 to 64, or auto`);
  if (count > 1 && !postgres) throw new Error(`VENDORSCOPE_WEB_PROCESSES=${count} needs PostgreSQL (DATABASE_URL): the embedded database is served by one process`);
  return count;
}
