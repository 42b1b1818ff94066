import { describe, expect, it } from "vitest";
import { accountFilters, actionSearchInput, trustFilters, userFilters, vendorFilters } from "@/lib/queries/filters";
import { dateParam, MAX_INT4, oneOf, page, pathSegment, rowId, text } from "@/lib/queries/params";
import { dateParam as reportDate, periodFromQuery } from "@/lib/reports/reportBasis";

const HOSTILE = ["\u0000", "a\u0000b", "%00", "x".repeat(100_000), "%", "%zz", "\ud800", "😀".repeat(150), "-1", "99999999999999999999", "0001-01-01", "\u202etxt", "\r\n"];

describe("URL parameters", () => {
  it("text drops NUL and other control characters, trims and bounds the length", () => {
    expect(text({ q: "data\u0000dog" }, "q")).toBe("datadog");
    expect(text({ q: "\u0000" }, "q")).toBeUndefined();
    expect(text({ q: " \r\n\t " }, "q")).toBeUndefined();
    expect(text({ q: "x".repeat(100_000) }, "q")).toHaveLength(200);
    expect(text({ q: ["first", "second"] }, "q")).toBe("first");
    expect(text({ q: "100% %41" }, "q")).toBe("100% %41");
  });

  it("text never leaves half a surrogate pair, so the value is valid UTF-8", () => {
    const cut = text({ q: "a" + "😀".repeat(150) }, "q")!;
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(Buffer.from(cut, "utf8").toString("utf8")).toBe(cut);
    expect(text({ q: "\ud800x" }, "q")).toBe("\ufffdx");
  });

  it("enums, pages and account ids accept only their values", () => {
    expect(oneOf({ risk: "critical\u0000" }, "risk", ["critical"])).toBe("critical");
    expect(oneOf({ risk: "%00" }, "risk", ["critical"])).toBeUndefined();
    for (const value of ["0", "-1", "1.5", "1e3", "99999999999", "\u0000"]) expect(page({ page: value })).toBe(1);
    expect(page({ page: "3" })).toBe(3);
  });

  it("row ids are PostgreSQL integers from 1 to 2^31 − 1, anything else is no row", () => {
    expect(rowId("1")).toBe(1);
    expect(rowId(String(MAX_INT4))).toBe(MAX_INT4);
    for (const value of [String(MAX_INT4 + 1), "99999999999999999999", "0", "-1", "1.0", "1e3", " 1", "0x10", "\u0000", "", "١٢", undefined, null]) expect(rowId(value as string)).toBeUndefined();
  });

  it("dates are read between 1970 and 9999, anything else is invalid", () => {
    expect(dateParam("2026-03-01")).toEqual(new Date("2026-03-01T00:00:00Z"));
    expect(dateParam("2026-03-01", true)).toEqual(new Date("2026-03-01T23:59:59.999Z"));
    expect(dateParam(undefined)).toBeUndefined();
    expect(dateParam("")).toBeUndefined();
    for (const value of ["0001-01-01", "1969-12-31", "+275760-09-13", "10000-01-01", "not a date", "\u0000", "2026-13-45"]) expect(dateParam(value), value).toBe("invalid");
  });

  it("a path segment is decoded exactly once; bad encoding or control characters are no segment", () => {
    expect(pathSegment("vendor%3A100%25%20Off")).toBe("vendor:100% Off");
    expect(pathSegment("vendor%3A%2541")).toBe("vendor:%41");
    expect(pathSegment("vendor%3A50%")).toBeUndefined();
    expect(pathSegment("%zz")).toBeUndefined();
    expect(pathSegment("a%00b")).toBeUndefined();
    expect(pathSegment("%ED%A0%80")).toBeUndefined();
    expect(pathSegment("x".repeat(2000))).toBeUndefined();
    expect(pathSegment("vendor%3A%F0%9F%98%80")).toBe("vendor:😀");
  });

  it("every list's filters take hostile values without throwing and without control characters", () => {
    for (const value of HOSTILE) {
      const params = { q: value, party: value, risk: value, finding: value, account: value, sort: value, page: value, state: value, scope: value, level: value, attribution: value };
      for (const filters of [vendorFilters(params), trustFilters(params), accountFilters(params), userFilters(params), actionSearchInput(params) ?? {}]) {
        for (const v of Object.values(filters)) if (typeof v === "string") expect(v).not.toMatch(/[\u0000-\u001f]/);
      }
    }
  });
});

describe("a report's period from the URL", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  it("defaults to the last 90 days and reads since and until", () => {
    expect(periodFromQuery(null, null, now)).toEqual({ since: new Date("2026-03-03T12:00:00Z"), until: now });
    expect(periodFromQuery("2026-01-01", "2026-01-31", now)).toEqual({ since: new Date("2026-01-01T00:00:00Z"), until: new Date("2026-01-31T23:59:59.999Z") });
  });
  it("refuses dates out of range, unreadable dates and a reversed period", () => {
    expect(periodFromQuery(null, "0001-01-01", now)).toEqual({ error: expect.stringContaining("until") });
    expect(periodFromQuery("0001-01-01", null, now)).toEqual({ error: expect.stringContaining("since") });
    expect(periodFromQuery("\u0000", null, now)).toHaveProperty("error");
    expect(periodFromQuery("2026-02-01", "2026-01-01", now)).toEqual({ error: "since must be before until" });
  });
  it("the CLI's reader gives undefined for the same bad dates", () => {
    expect(reportDate("0001-01-01")).toBeUndefined();
    expect(reportDate("2026-01-01")).toEqual(new Date("2026-01-01T00:00:00Z"));
  });
});
