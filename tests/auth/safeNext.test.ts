/**
 * After signing in, the dashboard goes back only to one of its own paths: every value that a
 * browser would read as another host (after dropping tab/LF/CR, turning `\` into `/`,
 * normalising dot segments) falls back to "/".
 */
import { describe, expect, it } from "vitest";
import { loginPath, safeNextPath } from "@/lib/auth/safeNext";

const HOSTILE = [
  "//evil.example/phish",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/\t/evil.example/phish", // what ?next=/%09/evil.example/phish decodes to
  "/\n/evil.example",
  "/\r/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  "/\u0000/evil.example",
  "/\u001f/evil.example",
  "/\u007f/evil.example",
  "/\u0085/evil.example",
  "/ /evil.example",
  "/\u00a0/evil.example",
  "/\u2003/evil.example",
  "/\u2028/evil.example",
  "/\u3000/evil.example",
  "/\ufeff/evil.example",
  "/\u200b/evil.example",
  "/\u202e/evil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "/x/..//evil.example",
  "/%2e//evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "https://evil.example/phish",
  "http:evil.example",
  "https:/evil.example",
  "http://127.0.0.1:3000/vendors",
  "evil.example",
  "vendors",
  "",
  "?next=/x",
  "#top",
];

describe("the path to return to after signing in", () => {
  it.each(HOSTILE.map((value) => [JSON.stringify(value), value]))("refuses %s", (_label, value) => {
    expect(safeNextPath(value)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/vendors", "/vendors"],
    ["/vendors?risk=critical&q=a%20b", "/vendors?risk=critical&q=a%20b"],
    ["/roles/12#trusts", "/roles/12#trusts"],
    ["/%09/evil.example/phish", "/%09/evil.example/phish"], // encoded twice: still a path here
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/vendors/../audit", "/audit"],
    ["/vendors/Gr%C3%BC%C3%9Fe", "/vendors/Gr%C3%BC%C3%9Fe"],
  ])("keeps the same-origin path %s", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it("keeps every accepted path on the origin it is resolved against, whichever origin that is", () => {
    for (const value of [...HOSTILE, "/vendors", "/%09/x"]) {
      const path = safeNextPath(value);
      for (const origin of ["http://127.0.0.1:3000", "https://vendorscope.acme.test"]) expect(new URL(path, origin).origin).toBe(origin);
    }
  });

  it("ignores values that are not text", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(["//evil.example"])).toBe("/");
  });

  it("builds sign-in links that come back only to same-origin paths", () => {
    expect(loginPath("/vendors?risk=critical")).toBe("/login?next=%2Fvendors%3Frisk%3Dcritical");
    expect(loginPath("/\t/evil.example")).toBe("/login");
    expect(loginPath("//evil.example")).toBe("/login");
    expect(loginPath(null)).toBe("/login");
  });
});
