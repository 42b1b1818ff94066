/** IAM-style wildcards: `*` is any run of characters, `?` exactly one; always anchored. */

const cache = new Map<string, RegExp>();

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

/** Case-insensitive matcher for an IAM wildcard pattern (action names, ARNs, condition values). */
export function wildcardRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, "is");
    if (cache.size > 50_000) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

export function wildcardMatch(pattern: string, value: string): boolean {
  if (!hasWildcard(pattern)) return pattern.toLowerCase() === value.toLowerCase();
  return wildcardRegExp(pattern).test(value);
}
