/**
 * For the benchmarks: runs the real `vendorscope` CLI in its own process as a user would,
 * stdout read through a pipe and counted (not kept), and measures it: wall time and peak memory
 * (max RSS, from GNU time when installed).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

const BIN = new URL("../bin/vendorscope.mjs", import.meta.url).pathname;
const TIME = "/usr/bin/time";

export interface TimedRun {
  code: number | null;
  /** Bytes printed on stdout. */
  bytes: number;
  seconds: number;
  /** Null without GNU time. */
  maxRssMb: number | null;
  stderr: string;
}

export function runTimedCli(args: string[], env: Record<string, string> = {}): Promise<TimedRun> {
  const timed = existsSync(TIME);
  const argv = timed ? ["-f", "__time__ %M", process.execPath, BIN, ...args] : [BIN, ...args];
  const started = performance.now();
  const child = spawn(timed ? TIME : process.execPath, argv, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let bytes = 0;
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (bytes += chunk.length));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on("close", (code) => {
      const match = /__time__ (\d+)/.exec(stderr);
      resolve({ code, bytes, seconds: (performance.now() - started) / 1000, maxRssMb: match ? Number(match[1]) / 1024 : null, stderr: stderr.replace(/.*__time__.*\n?/, "") });
    }),
  );
}
