/**
 * Reading filters, sort and page from the URL. Everything arrives as untrusted text: values
 * are length-limited, enums checked against their allowed values, numbers bounded.
 */
export type SearchParams = Record<string, string | string[] | undefined>;

const MAX_LENGTH = 200;

export function text(params: SearchParams, key: string): string | undefined {
  const raw = params[key];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value.slice(0, MAX_LENGTH) : undefined;
}

export function oneOf<T extends string>(params: SearchParams, key: string, allowed: readonly T[]): T | undefined {
  const value = text(params, key);
  return allowed.find((a) => a === value);
}

export function page(params: SearchParams): number {
  const n = Number(text(params, "page") ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export function accountId(params: SearchParams, key = "account"): string | undefined {
  const value = text(params, key);
  return value && /^\d{12}$/.test(value) ? value : undefined;
}

export const PAGE_SIZE = 50;

export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}
