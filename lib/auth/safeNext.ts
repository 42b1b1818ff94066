/**
 * Where to go after signing in: only a path on this dashboard, never another site (no open
 * redirect). Decided the way the browser will read it: the value is resolved as a URL against a
 * placeholder origin and must stay on that origin. Browsers drop tab, LF and CR anywhere in a URL
 * and treat `\` as `/`, so `/\t/evil.example` or `/\evil.example` resolve to another host and are
 * refused here, as are absolute URLs, `javascript:` and anything with a control or whitespace
 * character. Pure: used by the server (login page, sign-in links) and the sign-in form.
 */
const PLACEHOLDER = new URL("https://vendorscope.invalid");

/** Control (C0, DEL, C1), whitespace (incl. Unicode spaces, line/paragraph separators), zero-width and bidi characters. */
const UNSAFE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/;

function sameOriginPath(value: string): string | null {
  if (!value.startsWith("/") || UNSAFE.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER);
  } catch {
    return null;
  }
  if (url.origin !== PLACEHOLDER.origin) return null;
  // What we hand back is the parser's own serialisation; it must itself be a plain path
  // (e.g. "/.//evil.example" normalises to "//evil.example", which a browser reads as a host).
  const path = url.pathname + url.search + url.hash;
  if (path.startsWith("//") || new URL(path, PLACEHOLDER).origin !== PLACEHOLDER.origin) return null;
  return path;
}

/** The same-origin path `value` names, or `fallback` ("/") for anything else. */
export function safeNextPath(value: unknown, fallback = "/"): string {
  return typeof value === "string" ? (sameOriginPath(value) ?? fallback) : fallback;
}

/** The sign-in page's address, coming back to `next` when that is a same-origin path. */
export function loginPath(next: string | null | undefined): string {
  const path = safeNextPath(next, "");
  return path ? `/login?next=${encodeURIComponent(path)}` : "/login";
}
