import { describe, expect, it } from "vitest";
import { CHANGE } from "@/lib/history/changeKinds";
import { changeMeaning, changeRank, kindLabel } from "@/lib/history/changeMeaning";

const tone = (kind: string, before?: unknown, after?: unknown) => changeMeaning({ kind, before, after }).tone;

describe("what a change means", () => {
  it("is alarming when access is gained or widened, or risk or a severe finding is raised", () => {
    expect(tone(CHANGE.TRUST_ADDED)).toBe("alarm");
    expect(tone(CHANGE.VENDOR_APPEARED)).toBe("alarm");
    expect(tone(CHANGE.PERMISSIONS_WIDENED)).toBe("alarm");
    expect(tone(CHANGE.RISK_CHANGED, "medium", "critical")).toBe("alarm");
    expect(tone(CHANGE.FINDING_RAISED, null, "ADMIN_ACCESS")).toBe("alarm");
    expect(tone(CHANGE.EXTERNAL_ID_CHANGED, "required", "missing")).toBe("alarm");
  });

  it("is good news when access goes, risk falls or a finding is resolved — not red because something was removed", () => {
    expect(tone(CHANGE.TRUST_REMOVED)).toBe("good");
    expect(tone(CHANGE.VENDOR_DISAPPEARED)).toBe("good");
    expect(tone(CHANGE.PERMISSIONS_NARROWED)).toBe("good");
    expect(tone(CHANGE.FINDING_RESOLVED, "NO_EXTERNAL_ID")).toBe("good");
    expect(tone(CHANGE.RISK_CHANGED, "high", "low")).toBe("good");
    expect(tone(CHANGE.EXTERNAL_ID_CHANGED, "weak", "required")).toBe("good");
  });

  it("is worth a look for a minor finding, a new key or a changed principal; a rename is neutral", () => {
    expect(tone(CHANGE.FINDING_RAISED, null, "WRITE_ACCESS")).toBe("warn");
    expect(tone(CHANGE.KEY_CREATED)).toBe("warn");
    expect(tone(CHANGE.PRINCIPAL_CHANGED)).toBe("warn");
    expect(tone(CHANGE.ATTRIBUTED)).toBe("neutral");
    expect(tone(CHANGE.VENDOR_CHANGED)).toBe("neutral");
  });

  it("reads in words, never as a code, and sorts the alarming first", () => {
    for (const kind of Object.values(CHANGE)) {
      expect(kindLabel(kind), kind).not.toMatch(/_/);
      expect(changeMeaning({ kind }).label, kind).not.toMatch(/[A-Z]{2,}_/);
    }
    expect(changeMeaning({ kind: CHANGE.RISK_CHANGED, before: "low", after: "high" }).label).toBe("Risk raised");
    const sorted = [
      { kind: CHANGE.TRUST_REMOVED },
      { kind: CHANGE.ATTRIBUTED },
      { kind: CHANGE.KEY_CREATED },
      { kind: CHANGE.RISK_CHANGED, before: "low", after: "high" },
    ].sort((a, b) => changeRank(a) - changeRank(b));
    expect(sorted.map((e) => e.kind)).toEqual([CHANGE.RISK_CHANGED, CHANGE.KEY_CREATED, CHANGE.ATTRIBUTED, CHANGE.TRUST_REMOVED]);
  });
});
