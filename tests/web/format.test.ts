import { describe, expect, it } from "vitest";
import { changeSign } from "@/lib/web/changeStyle";
import { absoluteTime, count, duration, relativeTime } from "@/lib/web/format";
import { vendorHref, withParams } from "@/lib/web/url";

describe("dates and numbers on pages", () => {
  const now = new Date("2026-11-27T12:00:00Z");
  it("says when, relatively and absolutely", () => {
    expect(relativeTime(new Date("2026-11-27T11:59:30Z"), now)).toBe("just now");
    expect(relativeTime(new Date("2026-11-27T09:00:00Z"), now)).toBe("3 hours ago");
    expect(relativeTime(new Date("2026-11-26T12:00:00Z"), now)).toBe("yesterday");
    expect(relativeTime(new Date("2025-11-01T12:00:00Z"), now)).toBe("last year");
    expect(absoluteTime(new Date("2026-11-27T09:05:00Z"))).toBe("2026-11-27 09:05 UTC");
  });
  it("counts and durations", () => {
    expect(count(1, "trust")).toBe("1 trust");
    expect(count(1200, "party", "parties")).toBe("1,200 parties");
    expect(duration(81_000)).toBe("1m 21s");
    expect(duration(3_700_000)).toBe("1h 1m");
  });
});

describe("links keep the page's filters", () => {
  it("changes one parameter, resets the page, and drops empty ones", () => {
    expect(withParams("/vendors", { risk: "critical", page: "3", q: "" }, { sort: "name" })).toBe("/vendors?risk=critical&sort=name");
    expect(withParams("/vendors", { risk: "critical" }, { page: 2 })).toBe("/vendors?risk=critical&page=2");
    expect(withParams("/vendors", { risk: "critical" }, { risk: null })).toBe("/vendors");
  });
  it("encodes vendor keys, hostile ones included", () => {
    expect(vendorHref("vendor:A/B <x>")).toBe("/vendors/vendor%3AA%2FB%20%3Cx%3E");
  });
});

describe("a scan's diff", () => {
  it("marks additions, removals and changes", () => {
    expect(changeSign("TRUST_ADDED")).toBe("+");
    expect(changeSign("TRUST_REMOVED")).toBe("−");
    expect(changeSign("EXTERNAL_ID_CHANGED")).toBe("~");
  });
});
