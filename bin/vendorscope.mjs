#!/usr/bin/env node
// The vendorscope CLI. It runs compiled: the TypeScript sources are bundled once with esbuild
// into node_modules/.cache/vendorscope-cli/<stamp>/ and reused until a source file changes
// (the stamp is the path, size and modification time of every file the CLI is built from).
// Building takes a fraction of a second; if it cannot be done (a read-only install), the sources
// run through tsx. The cache lives inside node_modules so that the bundle's own imports of
// packages resolve from there.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, existsSync, utimesSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const SOURCES = ["lib", "tsconfig.json", "package-lock.json"];
const cache = join(root, "node_modules", ".cache", "vendorscope-cli");

function stamp() {
  const hash = createHash("sha256").update(process.version);
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else if (/\.(ts|tsx|mts|js|mjs|json|wasm)$/.test(path)) {
      hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  for (const source of SOURCES) visit(join(root, source));
  return hash.digest("hex").slice(0, 16);
}

async function compiled() {
  const dir = join(cache, stamp());
  const entry = join(dir, "entry.mjs");
  if (existsSync(entry)) {
    // Its age is its last use: builds unused for a week are removed (see below).
    const now = new Date();
    try {
      utimesSync(dir, now, now);
    } catch {
      // another process is replacing it; the import below says if it is gone
    }
    return entry;
  }
  const { build } = await import("esbuild");
  const building = `${dir}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  await build({
    // The resource reader thread (lib/aws/resources/readerThreads.ts) loads reader-thread.mjs beside the chunks.
    entryPoints: { entry: join(root, "lib/cli/entry.ts"), "reader-thread": join(root, "lib/aws/resources/readerThread.ts") },
    outdir: building,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: `node${process.versions.node.split(".")[0]}`,
    packages: "external",
    tsconfig: join(root, "tsconfig.json"),
    sourcemap: true,
    outExtension: { ".js": ".mjs" },
    logLevel: "silent",
  });
  try {
    renameSync(building, dir); // another process may have finished first: its build is the same
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  // Builds unused for a week go (a long-running worker may still load chunks of its own build).
  const weekAgo = Date.now() - 7 * 86_400_000;
  for (const old of readdirSync(cache)) {
    const path = join(cache, old);
    const stat = statSync(path, { throwIfNoEntry: false }); // another process may be removing it
    if (path !== dir && stat && stat.mtimeMs < weekAgo) rmSync(path, { recursive: true, force: true });
  }
  return entry;
}

let entry = null;
try {
  mkdirSync(cache, { recursive: true });
  entry = await compiled();
} catch (error) {
  if (process.env.VENDORSCOPE_DEBUG) console.error(`vendorscope: running from sources (${error.message})`);
}
if (entry) {
  process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: join(root, "tsconfig.json") });
  await import("../lib/cli/entry.ts");
}
