import { describe, expect, it } from "vitest";
import { changeSign } from "@/lib/web/changeStyle";

describe("a scan's diff", () => {
  it("marks additions, removals and changes", () => {
    expect(changeSign("TRUST_ADDED")).toBe("+");
    expect(changeSign("TRUST_REMOVED")).toBe("−");
    expect(changeSign("EXTERNAL_ID_CHANGED")).toBe("~");
  });
});
