/** Links that keep the page's filters: filters, sort and page live in the URL. */
import { pathSegment, type SearchParams } from "../queries/params";

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

/** A path's segments as sent (still percent-encoded), without its query. */
function rawSegments(path: string): string[] {
  return path.split(/[?#]/, 1)[0]!.split("/").filter(Boolean);
}

/**
 * The `index`-th segment of a path as the client sent it (0 = the first after `/`), decoded
 * exactly once; undefined when it is missing or not valid percent-encoding.
 */
export function segmentAt(path: string, index: number): string | undefined {
  return pathSegment(rawSegments(path)[index]);
}

/** The `index`-th segment of a request's path, decoded exactly once (route handlers: Next hands them an already decoded value). */
export function requestSegment(request: Request, index: number): string | undefined {
  return segmentAt(new URL(request.url).pathname, index);
}

/**
 * Whether every segment of a path is valid percent-encoding. Next decodes each segment before
 * routing and answers one that fails (a stray `%`, `%zz`, bytes that are not UTF-8) with a 500
 * of its own, before any page runs; proxy.ts refuses such paths first.
 */
export function decodablePath(pathname: string): boolean {
  return rawSegments(pathname).every((segment) => {
    try {
      decodeURIComponent(segment);
      return true;
    } catch {
      return false;
    }
  });
}
