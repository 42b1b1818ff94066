/**
 * Vitest global setup: one temporary directory per test run, shared by every test file (for
 * fixtures that are expensive to build and the same for many files), removed at the end.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    runDirectory: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "vs-test-run-"));
  project.provide("runDirectory", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
