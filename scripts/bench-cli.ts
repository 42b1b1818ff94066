/**
 * npm run bench:cli [-- --runs 5]
 *
 * What a user waits for at the terminal: the whole `vendorscope` process, from start to exit,
 * next to a bare `node -e 0` on the same machine. `--help`; `analyze` of the fixture
 * organization (4 accounts); `scans` on the embedded database, the first call (it creates and
 * migrates the database) and later ones. Prints the median of the runs and the ratio to node.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const RUNS = Number(values.runs);
const root = new URL("..", import.meta.url).pathname;
const BIN = join(root, "bin/vendorscope.mjs");
const FIXTURES = join(root, "tests/fixtures/acme-org/exports");

function timed(args: string[], env: Record<string, string> = {}): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"], cwd: tmpdir() });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${args.join(" ")} exited with ${run.status}: ${run.stderr}`);
  return ms;
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
const repeat = (f: () => number) => median(Array.from({ length: RUNS }, f));

timed([BIN, "--help"]); // builds the compiled CLI if the sources changed, not counted
const node = repeat(() => timed(["-e", "0"]));
const rows: [string, number][] = [
  ["node -e 0", node],
  ["vendorscope --help", repeat(() => timed([BIN, "--help"]))],
  ["vendorscope analyze (4 accounts)", repeat(() => timed([BIN, "analyze", FIXTURES]))],
];
const firstScans: number[] = [];
const laterScans: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const dataDir = mkdtempSync(join(tmpdir(), "vs-bench-cli-"));
  try {
    const env = { DATABASE_URL: "", VENDORSCOPE_DATA_DIR: dataDir };
    firstScans.push(timed([BIN, "scans"], env));
    laterScans.push(timed([BIN, "scans"], env));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
rows.push(["vendorscope scans (new embedded db)", median(firstScans)], ["vendorscope scans (embedded db)", median(laterScans)]);

console.log(`median of ${RUNS} runs, load average ${loadavg()[0]!.toFixed(1)}`);
for (const [what, ms] of rows) console.log(`${what.padEnd(38)} ${ms.toFixed(0).padStart(6)} ms ${(ms / node).toFixed(1).padStart(6)}x node`);
