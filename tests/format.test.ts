import { describe, expect, it } from "vitest";
import { absoluteTime, count, duration, relativeTime, shortName } from "@/lib/format";

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

  it("shortens long ARNs to the account and the resource's type and name, and other long names in the middle", () => {
    expect(shortName("arn:aws:iam::123456789012:role/vendors/datadog/DatadogIntegrationRole")).toBe("123456789012:role/…/DatadogIntegrationRole");
    expect(shortName("arn:aws:iam::123456789012:root")).toBe("arn:aws:iam::123456789012:root"); // short enough
    expect(shortName("arn:aws:iam::aws:policy/service-role/AWSGlueServiceNotebookRole")).toBe("aws:policy/…/AWSGlueServiceNotebookRole");
    expect(shortName("Datadog")).toBe("Datadog");
    const long = shortName("x".repeat(30) + "y".repeat(30));
    expect(long).toHaveLength(44);
    expect(long).toMatch(/^x+…y+$/);
    expect(shortName(`arn:aws:iam::123456789012:role/${"a".repeat(80)}`)).toHaveLength(44);
  });
});
