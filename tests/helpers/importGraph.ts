/**
 * The import graph of the repository's own source, for tests/architecture.test.ts.
 *
 * Specifiers come from TypeScript's own light scanner (`ts.preProcessFile`: `import … from`,
 * `import type`, `export … from`, side-effect imports, `import("x")` and `import("x")` types,
 * `require("x")`; comments and strings are skipped). Local specifiers (relative, or through
 * the tsconfig `paths` aliases such as `@/…`) are resolved to repository files; anything else
 * is a package and kept by name.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "@/lib/paths";

const SOURCE = /\.(ts|tsx|mts|mjs)$/;
const SKIPPED_DIRECTORIES = new Set(["node_modules", "generated", ".next"]);
/** How a module specifier without its extension may be written on disk, in lookup order. */
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".mjs", ".js", "/index.ts", "/index.tsx", "/index.mjs"];

export interface Import {
  /** As written in the file. */
  specifier: string;
  line: number;
  /** The repository file it names (posix path from the root), for a local import. */
  file?: string;
  /** The package it names (`@scope/name` or `name`), for anything else. */
  packageName?: string;
}

export interface SourceFile {
  /** Posix path from the repository root. */
  path: string;
  imports: Import[];
}

const toPosix = (path: string) => path.split(sep).join(posix.sep);

/** Every .ts/.tsx/.mts/.mjs file under the given directories (skips lib/generated), and the files given by name. */
export function sourceFiles(directories: string[], root = REPO_ROOT): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.mts") && !entry.name.endsWith(".d.ts")) {
        out.push(path);
      }
    }
  };
  for (const dir of directories) {
    if (!existsSync(join(root, dir))) continue;
    if (statSync(join(root, dir)).isDirectory()) walk(dir);
    else out.push(dir);
  }
  return out.sort();
}

/** The tsconfig `paths` aliases, as [prefix, replacement] pairs (`"@/*": ["./*"]` → ["@/", ""]). */
function pathAliases(root: string): [string, string][] {
  const { config, error } = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  const paths: Record<string, string[]> = config.compilerOptions?.paths ?? {};
  return Object.entries(paths).map(([pattern, [target]]) => [pattern.replace(/\*$/, ""), posix.normalize((target ?? "").replace(/\*$/, "")).replace(/^\.\/?$/, "")]);
}

function resolveFile(candidate: string, root: string): string | undefined {
  const bare = candidate.replace(/\.js$/, "");
  for (const base of candidate === bare ? [candidate] : [candidate, bare]) {
    for (const extension of EXTENSIONS) {
      const path = join(root, base + extension);
      if (existsSync(path) && statSync(path).isFile()) return toPosix(relative(root, path));
    }
  }
  return undefined;
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Reads and resolves the imports of every source file under `directories` (or named in it). */
export function scanImports(directories: string[], root = REPO_ROOT): SourceFile[] {
  const aliases = pathAliases(root);
  return sourceFiles(directories, root).map((path) => {
    const text = readFileSync(join(root, path), "utf8");
    const imports = ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: specifier, pos }): Import => {
      const line = text.slice(0, pos).split("\n").length;
      let local: string | undefined;
      if (specifier.startsWith(".")) local = posix.join(posix.dirname(path), specifier);
      else {
        const alias = aliases.find(([prefix]) => specifier.startsWith(prefix));
        if (alias) local = posix.join(alias[1], specifier.slice(alias[0].length));
      }
      if (local === undefined) return { specifier, line, packageName: packageName(specifier) };
      return { specifier, line, file: resolveFile(local, root) ?? `${local} (missing)` };
    });
    return { path, imports };
  });
}

export const isUnder = (path: string, directory: string) => path === directory || path.startsWith(directory.replace(/\/?$/, "/"));

/**
 * The import cycles among `files` (type-only imports included): one shortest cycle through
 * each file that is on one, each as a chain "a → b → a" starting at its smallest path.
 */
export function importCycles(files: SourceFile[]): string[] {
  const edges = new Map<string, string[]>();
  for (const file of files) edges.set(file.path, [...new Set(file.imports.flatMap((i) => (i.file ? [i.file] : [])))].sort());
  for (const targets of edges.values()) targets.splice(0, targets.length, ...targets.filter((t) => edges.has(t)));

  const cycles = new Set<string>();
  for (const start of edges.keys()) {
    // Breadth-first from start's imports back to start: the shortest cycle through it.
    const previous = new Map<string, string>();
    const queue = [...edges.get(start)!];
    for (const next of queue) if (!previous.has(next)) previous.set(next, start);
    let found = false;
    for (let i = 0; i < queue.length && !found; i++) {
      const node = queue[i]!;
      if (node === start) {
        found = true;
        break;
      }
      for (const next of edges.get(node)!) {
        if (!previous.has(next)) {
          previous.set(next, node);
          queue.push(next);
        }
      }
    }
    if (!found) continue;
    const chain = [start];
    for (let node = previous.get(start)!; node !== start; node = previous.get(node)!) chain.unshift(node);
    // chain is start's path back to itself without the final start: rotate to the smallest path.
    const smallest = chain.indexOf([...chain].sort()[0]!);
    const rotated = [...chain.slice(smallest), ...chain.slice(0, smallest)];
    cycles.add([...rotated, rotated[0]].join(" → "));
  }
  return [...cycles].sort();
}
