/**
 * Reads the files a user points Vendorscope at: one file, or every file under a directory
 * (hidden files skipped), each parsed as JSON — or kept as text when it is an IAM credential
 * report (CSV). A file that can't be read, isn't JSON or nests deeper than any IAM document
 * is reported with why, and the others are still read.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { isCredentialReportText } from "../analysis/credentialReport";
import { excessiveNesting, nestingMessage } from "../analysis/jsonNesting";

/** V8 cannot hold a longer string; no real export comes near it. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

export type InputDocument =
  | { source: string; value: unknown }
  | { source: string; credentialReport: string }
  | InputError;

export interface InputError {
  source: string;
  error: string;
  /**
   * The file was meant as input but could not be read: unreadable, truncated or bad JSON,
   * binary, nested too deeply. False for a plain text file that isn't JSON at all (a README
   * beside the exports), which is only noted.
   */
  broken: boolean;
}

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
    if (info.size > MAX_FILE_BYTES) return { source: file, error: `file is ${info.size} bytes, over the ${MAX_FILE_BYTES} byte limit`, broken: true };
    text = await readFile(file, "utf8");
  } catch (error) {
    return { source: file, error: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, broken: true };
  }
  if (isCredentialReportText(text)) return { source: file, credentialReport: text };
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const deep = excessiveNesting(json);
  if (deep !== -1) return { source: file, error: `not read: JSON ${nestingMessage(deep)}`, broken: true };
  try {
    return { source: file, value: JSON.parse(json) };
  } catch (error) {
    // Not the parser's message for binary data: it quotes the bytes (NUL included, which PostgreSQL text refuses).
    if (BINARY.test(json)) return { source: file, error: "not valid JSON: the file holds binary data (control characters or bytes that are not UTF-8)", broken: true };
    return { source: file, error: `not valid JSON: ${(error as Error).message}`, broken: /\.json$/i.test(file) || /^\s*[[{]/.test(json) };
  }
}

/** Control characters other than whitespace, or bytes that are not UTF-8 (decoded as U+FFFD). */
const BINARY = /[\u0000-\u0008\u000e-\u001f\ufffd]/;

const ACCOUNT_ID_IN_NAME = /(?<!\d)(\d{12})(?!\d)/;

/**
 * The account a file was exported from, judged by its name: a 12-digit account id in it
 * (`123456789012-authz.json`), else the one member of `members` whose name it contains as a
 * whole word (`acme-prod.json` for account "acme-prod"). Null when neither says.
 */
export function accountOfFile(file: string, members: readonly { id: string; name: string | null }[] = []): string | null {
  const name = basename(file).toLowerCase();
  const id = ACCOUNT_ID_IN_NAME.exec(name)?.[1];
  if (id) return id;
  const named = members.filter((m) => m.name && containsWord(name, m.name.toLowerCase()));
  return named.length === 1 ? named[0]!.id : null;
}

function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1];
    const after = text[at + word.length];
    if ((before === undefined || !/[a-z0-9]/.test(before)) && (after === undefined || !/[a-z0-9]/.test(after))) return true;
  }
  return false;
}

/** Every document under `path`, read one at a time. */
export async function* readInputDocuments(path: string): AsyncGenerator<InputDocument> {
  for (const file of await listInputFiles(path)) yield readInputDocument(file);
}
