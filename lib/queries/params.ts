/**
 * Reading filters, sort, page, ids and dates from the URL. Everything arrives as untrusted
 * text: values are length-limited and cleaned of characters no stored value contains (NUL and
 * other control characters, which PostgreSQL refuses in text), enums checked against their
 * allowed values, numbers and dates bounded to what the database can hold. Every page and
 * route reads its parameters through here.
 */
import { clipText } from "../text";

export type SearchParams = Record<string, string | string[] | undefined>;

const MAX_LENGTH = 200;
// C0 controls (NUL included), DEL and C1 controls: never part of a name, ARN or search.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Untrusted text made safe to compare with stored text: no control characters, well-formed UTF-16, at most `max` characters. */
export function cleanText(value: string, max = MAX_LENGTH): string {
  const cleaned = value.replace(CONTROL, "").trim();
  return clipText(cleaned, max);
}

function first(params: SearchParams, key: string): string | undefined {
  const raw = params[key];
  return Array.isArray(raw) ? raw[0] : raw;
}

export function text(params: SearchParams, key: string): string | undefined {
  const raw = first(params, key);
  const value = raw === undefined ? undefined : cleanText(raw);
  return value ? value : undefined;
}

export function oneOf<T extends string>(params: SearchParams, key: string, allowed: readonly T[]): T | undefined {
  const value = text(params, key);
  return allowed.find((a) => a === value);
}

export function page(params: SearchParams): number {
  const value = text(params, "page");
  const n = value && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return n >= 1 && n <= 100_000 ? n : 1;
}

export function accountId(params: SearchParams, key = "account"): string | undefined {
  const value = text(params, key);
  return value && /^\d{12}$/.test(value) ? value : undefined;
}

/** Largest PostgreSQL `integer` (int4): every id column. */
export const MAX_INT4 = 2_147_483_647;

/** A row id from a URL segment or parameter: digits only, 1 to 2^31 − 1; anything else is no row (undefined). */
export function rowId(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^\d{1,10}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= MAX_INT4 ? n : undefined;
}

/** Dates a report may cover: from 1970 to 9999 (PostgreSQL and ISO strings hold them, arithmetic on them stays in range). */
export const EARLIEST_DATE = Date.UTC(1970, 0, 1);
export const LATEST_DATE = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * A date from a query parameter (YYYY-MM-DD or ISO) or undefined when absent; a date-only
 * `until` means the end of that day. "invalid" when it is given but unreadable or outside
 * 1970–9999, so a route can refuse it (400) rather than guess.
 */
export function dateParam(value: string | null | undefined, endOfDay = false): Date | undefined | "invalid" {
  if (value === null || value === undefined || value === "") return undefined;
  const cleaned = cleanText(value, 40);
  const time = Date.parse(cleaned);
  if (Number.isNaN(time)) return "invalid";
  const at = endOfDay && /^\d{4}-\d{2}-\d{2}$/.test(cleaned) ? time + 86_400_000 - 1 : time;
  return at >= EARLIEST_DATE && at <= LATEST_DATE ? new Date(at) : "invalid";
}

/**
 * A dynamic route segment decoded exactly once (`%25` is a literal `%`), or undefined when it
 * is not valid percent-encoding or decodes to control characters. Pass the raw segment of
 * the request path, never a value something already decoded.
 */
export function pathSegment(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (decoded.length === 0 || decoded.length > 1000 || CONTROL.test(decoded)) {
    CONTROL.lastIndex = 0;
    return undefined;
  }
  CONTROL.lastIndex = 0;
  return clipText(decoded, 1000) === decoded ? decoded : undefined;
}

export const PAGE_SIZE = 50;

export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}
