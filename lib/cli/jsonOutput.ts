/**
 * Large JSON documents written in pieces: the same text as `JSON.stringify(value, null, 2)`,
 * without ever holding it as one string (V8 strings stop at about 512 M characters; the
 * inventory document of 60,000 roles is larger), and written as fast as stdout takes it.
 */
import { partsOf } from "../analysis/listOfParts";
import type { CommandIO } from "./command";

const INDENT = "  ";
/** Opened containers: the document, its lists (of trusts…), their items, each item's fields (a permission summary). */
const LEVELS = 4;
/** Writing pauses (for stdout to take a chunk) after each item of the document's lists. */
const PAUSE_LEVELS = 2;

/**
 * The text of `JSON.stringify(value, null, 2)`, in pieces. Arrays and objects are opened up to
 * `LEVELS` deep; what lies below is serialised one value at a time. An object found there more
 * than once (trusts of roles with the same policies share one summary) is serialised once: its
 * text is kept until its last use. A list built of shared parts (lib/analysis/listOfParts.ts)
 * is written from each part's text, serialised and encoded to UTF-8 once.
 */
export function* prettyJsonPieces(value: unknown): Generator<string> {
  const sink = new Sink();
  for (const _ of serialise(value, sink)) if (sink.pending > 0) yield sink.take().toString("utf8");
  if (sink.pending > 0) yield sink.take().toString("utf8");
}

/** Writes `value` as pretty JSON and a newline to stdout, in chunks of about `chunkBytes`. */
export async function writeJson(io: CommandIO, value: unknown, chunkBytes = 256 * 1024): Promise<void> {
  const write = io.write ?? (async (data: string | Uint8Array) => io.stdout(data));
  const sink = new Sink();
  for (const _ of serialise(value, sink)) if (sink.pending >= chunkBytes) await write(sink.take());
  sink.add("\n");
  await write(sink.take());
}

/**
 * Where the text goes: encoded straight into a buffer, and handed out as views of it. Bytes
 * handed out are never written over (a full buffer is replaced by a new one), so a view can wait
 * in stdout's queue or go to another thread.
 */
class Sink {
  private buffer: Buffer;
  private start = 0;
  private end = 0;

  constructor(private readonly bufferBytes = 1024 * 1024) {
    // Not from Node's shared pool: a view of it may be transferred to another thread.
    this.buffer = Buffer.allocUnsafeSlow(bufferBytes);
  }

  get pending(): number {
    return this.end - this.start;
  }

  add(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    this.room(text.length * 3);
    this.end += this.buffer.write(text, this.end);
  }

  addBytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.end);
    this.end += bytes.length;
  }

  take(): Buffer {
    const out = this.buffer.subarray(this.start, this.end);
    this.start = this.end;
    return out;
  }

  private room(bytes: number): void {
    if (this.end + bytes <= this.buffer.length) return;
    const pending = this.pending;
    const next = Buffer.allocUnsafeSlow(Math.max(this.bufferBytes, 2 * (pending + bytes)));
    this.buffer.copy(next, 0, this.start, this.end);
    this.buffer = next;
    this.start = 0;
    this.end = pending;
  }
}

interface Repeats {
  /** Uses left of each object met more than once at the leaf level. */
  uses: Map<object, number>;
  texts: Map<object, string>;
  /** By indentation, each shared part's text, encoded: as a list's first part and as a later one. */
  partBytes: Map<string, Map<object, [first: Buffer, later: Buffer]>>;
}

function* serialise(value: unknown, sink: Sink): Generator<void> {
  const root = prepared(value, "");
  const uses = new Map<object, number>();
  countLeaves(root, LEVELS, uses);
  for (const [leaf, count] of uses) if (count < 2) uses.delete(leaf);
  yield* pausing(root, "", LEVELS, PAUSE_LEVELS, { uses, texts: new Map(), partBytes: new Map() }, sink);
}

/** Counts the plain objects at the leaf level; values with a toJSON are left to serialisation (it calls them once, lazily). */
function countLeaves(value: unknown, levels: number, uses: Map<object, number>): void {
  if (value === null || typeof value !== "object" || typeof (value as { toJSON?: unknown }).toJSON === "function") return;
  if (levels <= 0) {
    if (!(Array.isArray(value) && partsOf(value))) uses.set(value, (uses.get(value) ?? 0) + 1);
    return;
  }
  for (const child of Array.isArray(value) ? value : Object.values(value)) countLeaves(child, levels - 1, uses);
}

/** `write`, as a generator that pauses after each value `pauseLevels` deep. */
function* pausing(value: unknown, indent: string, levels: number, pauseLevels: number, repeats: Repeats, sink: Sink): Generator<void> {
  if (pauseLevels === 0 || levels <= 0 || value === null || typeof value !== "object") {
    write(value, indent, levels, repeats, sink);
    return void (yield);
  }
  const inner = indent + INDENT;
  let empty = true;
  for (const [prefix, item] of membersOf(value, indent)) {
    sink.add(prefix);
    empty = false;
    yield* pausing(item, inner, levels - 1, pauseLevels - 1, repeats, sink);
  }
  sink.add(closing(value, indent, empty));
}

function write(value: unknown, indent: string, levels: number, repeats: Repeats, sink: Sink): void {
  if (levels <= 0 || value === null || typeof value !== "object") return writeLeaf(value, indent, repeats, sink);
  const inner = indent + INDENT;
  let empty = true;
  for (const [prefix, item] of membersOf(value, indent)) {
    sink.add(prefix);
    empty = false;
    write(item, inner, levels - 1, repeats, sink);
  }
  sink.add(closing(value, indent, empty));
}

/** An opened array's or object's values as JSON.stringify writes them (one at a time: toJSON is called lazily), each with the text before it. */
function* membersOf(value: object, indent: string): Generator<[prefix: string, item: unknown]> {
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = prepared(value[i], String(i));
      yield [i === 0 ? `[\n${inner}` : `,\n${inner}`, omitted(item) ? null : item];
    }
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const item = prepared((value as Record<string, unknown>)[key], key);
    if (omitted(item)) continue;
    yield [`${first ? "{" : ","}\n${inner}${JSON.stringify(key)}: `, item];
    first = false;
  }
}

function closing(value: object, indent: string, empty: boolean): string {
  if (Array.isArray(value)) return empty ? "[]" : `\n${indent}]`;
  return empty ? "{}" : `\n${indent}}`;
}

function writeLeaf(value: unknown, indent: string, repeats: Repeats, sink: Sink): void {
  if (value === null || typeof value !== "object") return sink.add(indented(value, indent));
  const parts = Array.isArray(value) ? partsOf(value) : null;
  if (parts) return writeParts(parts, indent, repeats, sink);
  if (!repeats.uses.has(value)) return sink.add(indented(value, indent));
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
  sink.add(text);
}

/** A list of shared parts: `[`, each part's encoded text (with the separator before it), `]`. */
function writeParts(parts: readonly (readonly unknown[])[], indent: string, repeats: Repeats, sink: Sink): void {
  const inner = indent + INDENT;
  let known = repeats.partBytes.get(indent);
  if (!known) repeats.partBytes.set(indent, (known = new Map()));
  let first = true;
  for (const part of parts) {
    if (part.length === 0) continue;
    let encoded = known.get(part);
    if (!encoded) {
      const text = part.map((item) => indented(item, inner)).join(`,\n${inner}`);
      encoded = [Buffer.from(`[\n${inner}${text}`), Buffer.from(`,\n${inner}${text}`)];
      known.set(part, encoded);
    }
    sink.addBytes(encoded[first ? 0 : 1]);
    first = false;
  }
  sink.add(first ? "[]" : `\n${indent}]`);
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
