// openDatabase (lib/db/client.ts) choices that need no database start: which backend an option
// selects, and the lock that keeps a PGlite directory to one opener. (Opening and migrating are
// covered by migrate.test.ts; a file-backed PGlite costs a ~3 s cold start, so none here.)
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, expect, test } from "vitest";
import { defaultDataDir, openDatabase } from "@/lib/db/client";

const tmp = mkdtempSync(join(tmpdir(), "vs-client-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const savedUrl = process.env.DATABASE_URL;
afterEach(() => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
});

/** A data directory whose lock is held by a live process (vitest's parent). */
function lockedDataDir(name: string): string {
  const dataDir = join(tmp, name);
  writeFileSync(`${dataDir}.lock`, String(process.ppid));
  return dataDir;
}

test("a PGlite directory locked by a live process is refused, and left untouched", async () => {
  const dataDir = lockedDataDir("busy");
  await expect(openDatabase({ dataDir })).rejects.toThrow(`in use by process ${process.ppid}`);
  expect(existsSync(dataDir)).toBe(false);
  expect(existsSync(`${dataDir}.lock`)).toBe(true);
});

test("an explicit dataDir wins over DATABASE_URL", async () => {
  process.env.DATABASE_URL = "postgresql://nobody@127.0.0.1:1/none";
  // Reaching the PGlite lock check (not a connection error) shows PGlite was chosen.
  await expect(openDatabase({ dataDir: lockedDataDir("chosen") })).rejects.toThrow(/in use by process/);
});

test("url and dataDir together are refused; VENDORSCOPE_DATA_DIR sets the default directory", async () => {
  await expect(openDatabase({ url: "postgresql://x", dataDir: "memory://" })).rejects.toThrow(/not both/);
  const saved = process.env.VENDORSCOPE_DATA_DIR;
  process.env.VENDORSCOPE_DATA_DIR = join(tmp, "custom");
  try {
    expect(defaultDataDir()).toBe(join(tmp, "custom"));
  } finally {
    if (saved === undefined) delete process.env.VENDORSCOPE_DATA_DIR;
    else process.env.VENDORSCOPE_DATA_DIR = saved;
  }
});
