#!/usr/bin/env node
// npm start: build the dashboard if there is no build yet, bring the database's schema up to
// date (DATABASE_URL, or the embedded one in VENDORSCOPE_DATA_DIR), then serve it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const next = fileURLToPath(new URL("../node_modules/next/dist/bin/next", import.meta.url));
const port = process.env.PORT ?? "3000";
// Only this machine may reach the dashboard unless HOST says otherwise (e.g. HOST=0.0.0.0).
const host = process.env.HOST ?? "127.0.0.1";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", PORT: port, HOST: host };

function run(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`npm start: ${what} failed`);
    process.exit(result.status ?? 1);
  }
}

if (!["127.0.0.1", "localhost", "::1"].includes(host) && !process.env.VENDORSCOPE_URL) {
  console.warn(`npm start: HOST=${host} serves the dashboard to other machines: set VENDORSCOPE_URL to the URL they use (sign-in only accepts forms from that origin).`);
}

if (!existsSync(new URL("../.next/BUILD_ID", import.meta.url))) {
  console.log("No build found: building the dashboard (once)…");
  run([next, "build"], "building the dashboard");
}
// Migrate, first admin, known vendor list, and the demo organization on a fresh install.
const firstStart = spawnSync(process.execPath, ["--import", "tsx", "scripts/first-start.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
process.stdout.write(firstStart.stdout);
if (firstStart.status !== 0) {
  console.error("npm start: preparing the database failed");
  process.exit(firstStart.status ?? 1);
}
const signIn = String(firstStart.stdout).split("\n").filter((line) => line.startsWith("Sign in"));

const server = spawn(process.execPath, ["scripts/server.mjs"], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
server.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (String(chunk).includes("Ready")) console.log(`\nVendorscope is running at http://localhost:${port}\n${signIn.map((line) => `${line}\n`).join("")}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
