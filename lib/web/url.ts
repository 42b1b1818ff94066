/** Links that keep the page's filters: filters, sort and page live in the URL. */
import type { SearchParams } from "../queries/params";

export function withParams(path: string, current: SearchParams, changes: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(current)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first) params.set(key, first);
  }
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") params.delete(key);
    else params.set(key, String(value));
  }
  if (!("page" in changes)) params.delete("page");
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export function vendorHref(party: string): string {
  return `/vendors/${encodeURIComponent(party)}`;
}
