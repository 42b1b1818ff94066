import { describe, expect, it } from "vitest";
import { isSameOrigin, requestInfo } from "@/lib/auth/requestInfo";
import { clientAddress } from "@/scripts/clientAddress.mjs";

const TRUSTED = ["http://localhost:3000", "http://127.0.0.1:3000"];

describe("same-origin check for state-changing requests (CSRF)", () => {
  it("accepts the dashboard's own origins", () => {
    expect(isSameOrigin(new Headers({ origin: "http://127.0.0.1:3000" }), TRUSTED)).toBe(true);
    expect(isSameOrigin(new Headers({ referer: "http://localhost:3000/settings" }), TRUSTED)).toBe(true);
  });

  it("refuses other origins, the opaque origin, and requests that carry neither Origin nor Referer", () => {
    expect(isSameOrigin(new Headers({ origin: "https://evil.example" }), TRUSTED)).toBe(false);
    expect(isSameOrigin(new Headers({ origin: "http://127.0.0.1:3001" }), TRUSTED)).toBe(false);
    expect(isSameOrigin(new Headers({ origin: "null" }), TRUSTED)).toBe(false);
    expect(isSameOrigin(new Headers({ origin: "https://evil.example", referer: "http://localhost:3000/" }), TRUSTED)).toBe(false);
    expect(isSameOrigin(new Headers({ referer: "not a url" }), TRUSTED)).toBe(false);
    expect(isSameOrigin(new Headers(), TRUSTED)).toBe(false);
  });
});

describe("where a request came from", () => {
  it("is the address the server saw, whatever X-Forwarded-For a client sends", () => {
    expect(clientAddress("::ffff:198.51.100.7", "1.2.3.4", new Set())).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7", undefined, new Set(["10.0.0.5"]))).toBe("198.51.100.7");
  });

  it("behind a trusted proxy, is the first address in the chain that is not one of ours", () => {
    const proxies = new Set(["10.0.0.5", "10.0.0.6"]);
    expect(clientAddress("10.0.0.5", "1.2.3.4, 203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5", "1.2.3.4, 203.0.113.9, 10.0.0.6", proxies)).toBe("203.0.113.9");
  });

  it("is read back from the header the server set, with the user agent", () => {
    expect(requestInfo(new Headers({ "x-forwarded-for": "203.0.113.9", "user-agent": "Firefox" }))).toEqual({ ip: "203.0.113.9", userAgent: "Firefox" });
    expect(requestInfo(new Headers())).toEqual({ ip: null, userAgent: null });
  });
});
