import { describe, expect, it } from "vitest";
import { decodablePath, requestSegment, segmentAt, vendorHref, withParams } from "@/lib/web/url";

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

describe("path segments are decoded exactly once", () => {
  const hostile = "vendor:100% <b>Pure</b> & Co %41 %zz";
  it("a link's segment reads back as the name it was built from", () => {
    expect(segmentAt(vendorHref(hostile), 1)).toBe(hostile);
    expect(segmentAt(`${vendorHref(hostile)}?page=2`, 1)).toBe(hostile);
    expect(requestSegment(new Request(`http://127.0.0.1${vendorHref(hostile)}/report?format=pdf`), 1)).toBe(hostile);
    expect(segmentAt("/vendors/vendor%3A%2541", 1)).toBe("vendor:%41");
  });
  it("a missing or malformed segment is no segment", () => {
    expect(segmentAt("/vendors", 1)).toBeUndefined();
    expect(segmentAt("/vendors/vendor%3A50%", 1)).toBeUndefined();
  });
  it("a path Next could not decode is recognised", () => {
    for (const path of ["/", "/vendors/vendor%3ADatadog", "/vendors/vendor%3A100%25", vendorHref(hostile), "/accounts/%F0%9F%98%80"]) expect(decodablePath(path), path).toBe(true);
    for (const path of ["/accounts/%", "/vendors/vendor%3A50%", "/x/%zz", "/roles/%ED%A0%80", "/scans/%/changes.csv"]) expect(decodablePath(path), path).toBe(false);
  });
});
