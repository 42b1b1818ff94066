/**
 * Reads the files a user points Vendorscope at: one file, or every file under a directory
 * (hidden files skipped), each parsed as JSON — or kept as text when it is an IAM credential
 * report (CSV). A file that can't be read or isn't JSON is
 * reported with why, and the others are still read.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { isCredentialReportText } from "../analysis/credentialReport";

/** V8 cannot hold a longer string; no real export comes near it. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

export type InputDocument =
  | { source: string; value: unknown }
  | { source: string; credentialReport: string }
  | { source: string; error: string };

export class InputPathError extends Error {
  override name = "InputPathError";
}

/** The files under `path`, sorted; throws InputPathError when `path` does not exist. */
export async function listInputFiles(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputPathError(`no such file or directory: ${path}`);
  }
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith("."))
    .map((e) => join(e.parentPath, e.name))
    .filter((file) => !file.slice(path.length).split("/").some((part) => part.startsWith(".")))
    .sort();
}

export async function readInputDocument(file: string): Promise<InputDocument> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.size > MAX_FILE_BYTES) return { source: file, error: `file is ${info.size} bytes, over the ${MAX_FILE_BYTES} byte limit` };
    text = await readFile(file, "utf8");
  } catch (error) {
    return { source: file, error: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  if (isCredentialReportText(text)) return { source: file, credentialReport: text };
  try {
    return { source: file, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (error) {
    return { source: file, error: `not valid JSON: ${(error as Error).message}` };
  }
}

/** Every document under `path`, read one at a time. */
export async function* readInputDocuments(path: string): AsyncGenerator<InputDocument> {
  for (const file of await listInputFiles(path)) yield readInputDocument(file);
}
