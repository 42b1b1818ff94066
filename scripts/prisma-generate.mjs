#!/usr/bin/env node
// `npm run db:generate` and the `postinstall` hook: generates the Prisma client into
// lib/generated/prisma, offline. `prisma generate` wants the native schema engine, which can't be
// downloaded here, but only checks that one exists: point PRISMA_SCHEMA_ENGINE_BINARY at any
// executable unless the caller set it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const hook = process.env.npm_lifecycle_event === "postinstall" ? "postinstall: " : "";

let cli;
try {
  cli = join(dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");
} catch {
  console.error(`${hook}the prisma package is not installed: skipping Prisma client generation (run \`npm run db:generate\` once it is).`);
  process.exit(hook ? 0 : 1);
}

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || (existsSync("/bin/true") ? "/bin/true" : process.execPath),
  CHECKPOINT_DISABLE: "1", // no update check: we may be offline
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const result = spawnSync(process.execPath, [cli, "generate"], { cwd: root, env, stdio: "inherit" });
if (result.status !== 0) {
  console.error(`\n${hook}Prisma client generation failed (see above). The app imports lib/generated/prisma: fix the error, then run \`npm run db:generate\`.`);
  process.exit(result.status ?? 1);
}
