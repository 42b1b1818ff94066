/**
 * The CLI runs compiled (bin/vendorscope.mjs): built once into its cache, reused while the
 * sources are unchanged, rebuilt as soon as one changes. Tried on a copy of the sources, so
 * that changing one does not disturb the other tests.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

const ROOT = new URL("../../", import.meta.url).pathname;
const copy = mkdtempSync(join(tmpdir(), "vendorscope-cli-"));
const cache = join(copy, "node_modules", ".cache", "vendorscope-cli");
afterAll(() => rmSync(copy, { recursive: true, force: true }));

for (const part of ["bin", "lib", "prisma", "tsconfig.json", "package.json", "package-lock.json"]) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
// The packages, linked one by one: the copy's node_modules/.cache is its own.
mkdirSync(join(copy, "node_modules"));
for (const name of readdirSync(join(ROOT, "node_modules"))) if (name !== ".cache") symlinkSync(join(ROOT, "node_modules", name), join(copy, "node_modules", name));

const run = (...args: string[]) => execFileSync(process.execPath, [join(copy, "bin/vendorscope.mjs"), ...args], { encoding: "utf8", cwd: tmpdir() });
const builds = () => readdirSync(cache).filter((name) => !name.endsWith(".tmp"));

it("builds the CLI once, reuses the build, and rebuilds when a source file changes", { timeout: 60_000 }, () => {
  expect(run("--help")).toContain("Usage: vendorscope <command> [options]");
  const [first] = builds();
  expect(builds()).toHaveLength(1);
  expect(readdirSync(join(cache, first!))).toContain("entry.mjs");

  expect(run("analyze", join(ROOT, "tests/fixtures/acme-org/exports"))).toContain("Analysed 4 accounts");
  expect(builds()).toEqual([first]);

  const main = join(copy, "lib/cli/main.ts");
  writeFileSync(main, readFileSync(main, "utf8").replace("Vendorscope keeps an inventory", "Vendorscope (changed) keeps an inventory"));
  expect(run("--help")).toContain("Vendorscope (changed) keeps an inventory");
  expect(builds()).toHaveLength(2); // the previous build stays a week, for processes still running it
  expect(builds()).toContain(first);
});
