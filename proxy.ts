/**
 * Runs before every page and route: a fresh nonce per request for a Content-Security-Policy
 * without inline script, and the path for "sign in, then come back". It does not decide who may
 * see what: pages, routes and server actions check that themselves (lib/auth/access.ts). A path with a
 * segment that is not valid percent-encoding (`/accounts/%`) gets the not-found page: Next
 * itself would fail decoding it, with a bare 500, before any page could refuse it.
 */
import { NextResponse, type NextRequest } from "next/server";
import { PATH_HEADER } from "./lib/auth/requestInfo";
import { decodablePath } from "./lib/web/url";

/** No page or route has this path: a rewrite to it renders the app's not-found page, with a 404. */
const NOT_FOUND_PATH = "/_not-found";

export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // Charts position their elements with style attributes; attributes cannot run script.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  const response = decodablePath(request.nextUrl.pathname)
    ? NextResponse.next({ request: { headers: requestHeaders } })
    : NextResponse.rewrite(new URL(NOT_FOUND_PATH, request.url), { request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (process.env.VENDORSCOPE_URL?.startsWith("https://")) response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg).*)" }],
};
