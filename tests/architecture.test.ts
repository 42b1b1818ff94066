/**
 * Which part of the repository may import which. The arrows point one way:
 *
 *   app/ → components/ → lib/        scripts/ → testkit/ → lib/        bin/ → lib/        tests/ → anything
 *
 * app/ is the Next.js app (pages, routes, server actions) and nothing imports it; components/
 * are the React pieces the pages share; lib/ is everything else the app is made of; testkit/
 * is what tests and scripts share (the fake AWS, test databases, export helpers); tests/ are
 * the specifications, and only they import from tests/. lib/analysis, the analysis engine,
 * stays pure: no database, no AWS SDK, no Next.js. And there are no import cycles.
 *
 * Imports are read from every .ts/.tsx/.mts/.mjs file (type-only imports count: they tie the
 * files together as much as the others); "@/…" and relative specifiers name repository files,
 * anything else is a package. lib/generated (the Prisma client) is generated, and skipped.
 */
import { describe, expect, it } from "vitest";
import { importCycles, isUnder, scanImports, type SourceFile } from "./helpers/importGraph";

/** The source under test: every top-level directory that is not tests/, and the root files. */
const SOURCE_DIRECTORIES = ["app", "components", "lib", "scripts", "testkit", "bin"];
const ROOT_FILES = ["proxy.ts", "instrumentation.ts", "next.config.js", "playwright.config.ts", "vitest.config.ts", "prisma.config.ts", "postcss.config.mjs"];

const files = scanImports(SOURCE_DIRECTORIES);
const rootFiles = scanImports(ROOT_FILES);

/** "file:line imports target" for each import of a file under `from` that `forbidden` refuses. */
function violations(sources: SourceFile[], from: string | ((path: string) => boolean), forbidden: (target: string) => boolean): string[] {
  const inScope = typeof from === "string" ? (path: string) => isUnder(path, from) : from;
  return sources
    .filter((file) => inScope(file.path))
    .flatMap((file) =>
      file.imports
        .map((i) => ({ i, target: i.file ?? i.packageName! }))
        .filter(({ target }) => forbidden(target))
        .map(({ i, target }) => `${file.path}:${i.line} imports ${target}`),
    );
}

const all = [...files, ...rootFiles];

describe("the import rules", () => {
  it("reads the imports of every source directory", () => {
    for (const directory of SOURCE_DIRECTORIES) expect(files.some((file) => isUnder(file.path, directory)), directory).toBe(true);
    expect(files.some((file) => file.path.startsWith("lib/generated/"))).toBe(false);
    expect(files.flatMap((file) => file.imports).length).toBeGreaterThan(500);
  });

  it("resolves every local import to a file of the repository", () => {
    expect(violations(all, () => true, (target) => target.endsWith("(missing)"))).toEqual([]);
  });

  it("lets nothing outside app/ import from app/", () => {
    expect(violations(all, (path) => !isUnder(path, "app"), (target) => isUnder(target, "app"))).toEqual([]);
  });

  it("lets nothing outside tests/ import from tests/", () => {
    expect(violations(all, () => true, (target) => isUnder(target, "tests"))).toEqual([]);
  });

  it("keeps components/ away from app/", () => {
    expect(violations(files, "components", (target) => isUnder(target, "app"))).toEqual([]);
  });

  it("keeps lib/ away from components/ and app/", () => {
    expect(violations(files, "lib", (target) => isUnder(target, "components") || isUnder(target, "app"))).toEqual([]);
  });

  it("keeps the analysis engine (lib/analysis) pure: no database, AWS SDK or Next.js, not even through another file", () => {
    const impure = (target: string) =>
      ["lib/db", "lib/generated", "lib/aws", "app", "components"].some((directory) => isUnder(target, directory)) ||
      /^(@prisma\/|prisma$|pg$|pg-boss$|@electric-sql\/|pglite-prisma-adapter$|@aws-sdk\/|@smithy\/|next$|react$|react-dom$|better-auth$|server-only$)/.test(target);
    // lib/analysis and every file it reaches through its local imports, up to the first impure one.
    const byPath = new Map(files.map((file) => [file.path, file]));
    const reached = new Set(files.filter((file) => isUnder(file.path, "lib/analysis")).map((file) => file.path));
    for (const path of reached) for (const i of byPath.get(path)?.imports ?? []) if (i.file && byPath.has(i.file) && !impure(i.file)) reached.add(i.file);
    expect(violations(files, (path) => reached.has(path), impure)).toEqual([]);
  });

  it("has no import cycles among app/, components/, lib/, scripts/, testkit/, bin/ and the root files", () => {
    expect(importCycles(all)).toEqual([]);
  });
});
