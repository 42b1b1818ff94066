/**
 * Puts IAM entities into the shape real IAM sends: every policy document (trust, inline,
 * managed version) URL-encoded per RFC 3986, timestamps as ISO 8601 in UTC without
 * milliseconds. The fixture may hold documents as objects, JSON text or already-encoded text.
 */
import { isoSeconds } from "./queryProtocol";

const DOCUMENT_KEYS = new Set(["AssumeRolePolicyDocument", "PolicyDocument", "Document"]);
const DATE_KEYS = new Set(["CreateDate", "UpdateDate", "LastUsedDate"]);

/** encodeURIComponent plus the sub-delimiters it leaves alone: only A–Z a–z 0–9 - _ . ~ stay literal. */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function encodeDocument(document: unknown): string {
  if (typeof document !== "string") return rfc3986(JSON.stringify(document));
  // JSON text is encoded; anything else is taken to be encoded already, as IAM sent it.
  return document.trimStart().startsWith("{") ? rfc3986(document) : document;
}

/** A copy of the entity with its documents encoded and dates normalised. */
export function toWireEntity(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toWireEntity);
  if (value instanceof Date) return isoSeconds(value);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (DOCUMENT_KEYS.has(key) && child !== undefined && child !== null) out[key] = encodeDocument(child);
    else if (DATE_KEYS.has(key) && (typeof child === "string" || child instanceof Date)) out[key] = wireDate(child);
    else out[key] = toWireEntity(child);
  }
  return out;
}

function wireDate(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : isoSeconds(date);
}

/** The document as an object, whichever of the three encodings it is in (for fixture loading). */
export function decodeDocument(document: unknown): unknown {
  if (typeof document !== "string") return document;
  const text = document.trimStart().startsWith("{") ? document : decodeURIComponent(document);
  return JSON.parse(text);
}

/** A copy of exported details with every document decoded to an object. */
export function decodeDocuments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeDocuments);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    out[key] = DOCUMENT_KEYS.has(key) ? decodeDocument(child) : decodeDocuments(child);
  }
  return out;
}
