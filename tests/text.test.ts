/** clipText: the one rule for cutting untrusted text, so what is stored or compared is valid UTF-8. */
import { describe, expect, it } from "vitest";
import { clipText } from "@/lib/text";

describe("clipText", () => {
  it("keeps text within the limit as it is", () => {
    expect(clipText("Datadog", 10)).toBe("Datadog");
    expect(clipText("😀😀", 4)).toBe("😀😀");
  });

  it("cuts to the limit without leaving half a surrogate pair", () => {
    const cut = clipText("a" + "😀".repeat(10), 4);
    expect(cut).toBe("a😀\ufffd");
    expect(Buffer.from(cut, "utf8").toString("utf8")).toBe(cut);
  });

  it("replaces lone surrogates anywhere", () => {
    expect(clipText("\ud800x\udc00", 10)).toBe("\ufffdx\ufffd");
  });
});
