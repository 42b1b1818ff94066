import { describe, expect, it } from "vitest";
import { FINDING, FINDING_RULES, type FindingCode } from "@/lib/analysis/findings";
import { riskOf, worstRisk } from "@/lib/analysis/risk";

const F = FINDING;
const risk = (...findings: FindingCode[]) => riskOf(findings, false);

describe("risk", () => {
  it("is critical for anyone-can-assume, whatever the role can do", () => {
    expect(risk(F.WILDCARD_PRINCIPAL, F.NO_EXTERNAL_ID)).toBe("critical");
    expect(risk(F.OIDC_UNRESTRICTED)).toBe("critical");
  });

  it("is critical for admin without ExternalId, high with it", () => {
    expect(risk(F.ADMIN_ACCESS, F.NO_EXTERNAL_ID)).toBe("critical");
    expect(risk(F.PRIVILEGE_ESCALATION, F.WEAK_EXTERNAL_ID)).toBe("critical");
    expect(risk(F.ADMIN_ACCESS)).toBe("high");
  });

  it("is high for destructive, cost, write or data access without ExternalId, medium with it", () => {
    for (const code of [F.DESTRUCTIVE_ACTIONS, F.COST_IMPACT, F.WRITE_ACCESS, F.DATA_ACCESS]) {
      expect(risk(code, F.NO_EXTERNAL_ID)).toBe("high");
      expect(risk(code)).toBe("medium");
    }
  });

  it("is low for a read-only vendor with ExternalId, medium without", () => {
    expect(risk()).toBe("low");
    expect(risk(F.ROOT_PRINCIPAL, F.UNUSED)).toBe("low");
    expect(risk(F.NO_EXTERNAL_ID)).toBe("medium");
  });

  it("goes up one level when nobody knows who the account belongs to", () => {
    expect(risk(F.UNKNOWN_VENDOR)).toBe("medium");
    expect(risk(F.UNKNOWN_VENDOR, F.NO_EXTERNAL_ID, F.DATA_ACCESS)).toBe("critical");
  });

  it("is low for internal trusts and for principals that no longer exist", () => {
    expect(riskOf([F.ADMIN_ACCESS], true)).toBe("low");
    expect(risk(F.DANGLING_PRINCIPAL, F.ADMIN_ACCESS)).toBe("low");
  });

  it("orders risks for summaries", () => {
    expect(worstRisk(["low", "high", "medium"])).toBe("high");
    expect(worstRisk([])).toBe("low");
  });
});

describe("finding rules", () => {
  it("cover every code exactly once, each with its explanation and remediation", () => {
    expect(FINDING_RULES.map((r) => r.code).sort()).toEqual(Object.values(FINDING).sort());
    for (const rule of FINDING_RULES) {
      expect(rule.title.length, rule.code).toBeGreaterThan(5);
      expect(rule.explanation.length, rule.code).toBeGreaterThan(40);
      expect(rule.remediation.length, rule.code).toBeGreaterThan(20);
    }
  });
});
