/**
 * Large JSON documents written in pieces: the same text as `JSON.stringify(value, null, 2)`,
 * without ever holding it as one string (V8 strings stop at about 512 M characters; the
 * inventory document of 60,000 roles is larger), and written as fast as stdout takes it.
 */
import type { CommandIO } from "./command";

const INDENT = "  ";

/**
 * The pieces of `JSON.stringify(value, null, 2)`. Arrays and objects are opened up to
 * `levels` deep (an inventory document's lists of trusts, each trust's fields); what lies
 * below is serialised one element at a time. An object found there more than once (trusts of
 * roles with the same policies share one permissions object) is serialised once: its text is
 * kept until its last use.
 */
export function* prettyJsonPieces(value: unknown, levels = 3): Generator<string> {
  const root = prepared(value, "");
  const uses = new Map<object, number>();
  countLeaves(root, levels, uses);
  for (const [leaf, count] of uses) if (count < 2) uses.delete(leaf);
  yield* pieces(root, "", levels, { uses, texts: new Map() });
}

interface Repeats {
  /** Uses left of each object met more than once at the leaf level. */
  uses: Map<object, number>;
  texts: Map<object, string>;
}

/** Counts the plain objects at the leaf level; values with a toJSON are left to serialisation (it calls them once, lazily). */
function countLeaves(value: unknown, levels: number, uses: Map<object, number>): void {
  if (value === null || typeof value !== "object" || typeof (value as { toJSON?: unknown }).toJSON === "function") return;
  if (levels <= 0) {
    uses.set(value, (uses.get(value) ?? 0) + 1);
    return;
  }
  for (const child of Array.isArray(value) ? value : Object.values(value)) countLeaves(child, levels - 1, uses);
}

function leafText(value: unknown, indent: string, repeats: Repeats): string {
  if (value === null || typeof value !== "object" || !repeats.uses.has(value)) return indented(value, indent);
  // Every use of a leaf is at the same depth, so one text serves them all.
  const text = repeats.texts.get(value) ?? indented(value, indent);
  const left = repeats.uses.get(value)! - 1;
  if (left === 0) {
    repeats.uses.delete(value);
    repeats.texts.delete(value);
  } else {
    repeats.uses.set(value, left);
    repeats.texts.set(value, text);
  }
  return text;
}

function* pieces(value: unknown, indent: string, levels: number, repeats: Repeats): Generator<string> {
  if (levels <= 0 || value === null || typeof value !== "object") {
    yield leafText(value, indent, repeats);
    return;
  }
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return void (yield "[]");
    yield "[";
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? `\n${inner}` : `,\n${inner}`;
      const item = prepared(value[i], String(i));
      yield* pieces(omitted(item) ? null : item, inner, levels - 1, repeats);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const item = prepared((value as Record<string, unknown>)[key], key);
    if (omitted(item)) continue;
    yield `${first ? "{" : ","}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* pieces(item, inner, levels - 1, repeats);
  }
  yield first ? "{}" : `\n${indent}}`;
}

/** What JSON.stringify serialises in place of `value` (a Date's string…). */
function prepared(value: unknown, key: string): unknown {
  const toJSON = (value as { toJSON?: unknown } | null | undefined)?.toJSON;
  return typeof toJSON === "function" ? (toJSON as (key: string) => unknown).call(value, key) : value;
}

/** Values JSON.stringify leaves out of objects (and writes as null in arrays). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/**
 * `JSON.stringify(value, null, 2)` as it reads `indent` deep: the value is serialised wrapped in
 * as many arrays as its depth, so that the engine itself writes every line's indentation, and
 * the wrapping is cut off (no second pass over the text to re-indent it).
 */
function indented(value: unknown, indent: string): string {
  const depth = indent.length / INDENT.length;
  if (depth === 0) return JSON.stringify(value, null, 2) ?? "null";
  let wrapped: unknown = value === undefined ? null : value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each wrapper adds "[\n" plus its indent before, "\n" plus its indent and "]" after.
  const wrapping = depth * (depth + 1);
  return text.slice(wrapping + indent.length, text.length - wrapping);
}

/** Writes `value` as pretty JSON and a newline to stdout, in chunks of about `chunkChars`. */
export async function writeJson(io: CommandIO, value: unknown, chunkChars = 256 * 1024): Promise<void> {
  const write = io.write ?? (async (text: string) => io.stdout(text));
  let buffer = "";
  for (const piece of prettyJsonPieces(value)) {
    buffer += piece;
    if (buffer.length >= chunkChars) {
      await write(buffer);
      buffer = "";
    }
  }
  await write(buffer + "\n");
}
