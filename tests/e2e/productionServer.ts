/** The built dashboard as an operator runs it (scripts/server.mjs), for specs that need their own server. */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";

const root = new URL("../../", import.meta.url).pathname;

/** Starts scripts/server.mjs on `port` against `databaseUrl` (PostgreSQL), scheduler off; `env` adds or overrides. */
export function startProductionServer(port: number, databaseUrl: string, options: { env?: Record<string, string>; stdio?: StdioOptions } = {}): ChildProcess {
  return spawn(process.execPath, ["scripts/server.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      VENDORSCOPE_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl,
      VENDORSCOPE_SCHEDULER: "off",
      VENDORSCOPE_AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
      ...options.env,
    },
    stdio: options.stdio ?? ["ignore", "ignore", "ignore"],
  });
}
