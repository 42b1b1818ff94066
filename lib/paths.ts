/** Where the repository is on disk, for the files the app reads from it (schema, migrations, demo, fonts). */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root: the nearest directory above this module holding prisma/schema.prisma
 * (the module may be a bundle: the compiled CLI lives in node_modules/.cache), or the working
 * directory if a bundler left no file path.
 */
export const REPO_ROOT: string = (() => {
  let dir = import.meta.url.startsWith("file:") ? dirname(fileURLToPath(import.meta.url)) : "";
  for (let depth = 0; dir && depth < 6; depth++, dir = dirname(dir)) {
    if (existsSync(join(dir, "prisma", "schema.prisma"))) return dir;
  }
  return process.cwd();
})();
