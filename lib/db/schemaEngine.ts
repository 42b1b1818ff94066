// Prisma's schema engine compiled to wasm (@prisma/schema-engine-wasm), run on a driver adapter:
// replaces the native engine, which can't be downloaded here. Node 20 can't import the package's
// .wasm directly, so it is instantiated by hand (once per process).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "../paths";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

export type { SchemaEngine };

// The engine races some operations against 10 s timers it never clears (the wasm has no
// clearTimeout import), which would keep Node alive for 10 s after the work is done. Track them
// and clear the leftovers once no engine is running.
const timers = new Set<NodeJS.Timeout>();
let running = 0;

function trackedSetTimeout(callback: () => void, ms: number): NodeJS.Timeout {
  const timer = setTimeout(() => {
    timers.delete(timer);
    callback();
  }, ms >>> 0);
  timers.add(timer);
  return timer;
}

/**
 * The engine's .wasm beside its JS. Bundlers (Next's server build) replace `require.resolve`
 * with a module id; then look in the repository's node_modules.
 */
function wasmPath(): string {
  const entry: unknown = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const dir = typeof entry === "string" ? dirname(entry) : join(REPO_ROOT, "node_modules", "@prisma", "schema-engine-wasm");
  return join(dir, "schema_engine_bg.wasm");
}

let loading: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  loading ??= (async () => {
    const bytes = await readFile(wasmPath());
    const imports: WebAssembly.ModuleImports = { ...bg };
    for (const name of Object.keys(imports)) {
      if (name.startsWith("__wbg_setTimeout_")) imports[name] = trackedSetTimeout;
    }
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
    bg.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start !== "function") throw new Error("schema_engine_bg.wasm has no __wbindgen_start export");
    start();
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

/**
 * Runs `run` with a schema engine for `schema` (a Prisma schema file's path and content) on
 * `factory`'s database, then frees the engine. Disposing the adapters is the caller's job.
 */
export async function withSchemaEngine<T>(
  schema: { path: string; content: string },
  factory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  running++;
  let engine: SchemaEngine | undefined;
  try {
    engine = await bg.SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      () => {},
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await run(engine);
  } finally {
    engine?.free();
    if (--running === 0) {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    }
  }
}
