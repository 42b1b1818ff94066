import { describe, expect, it } from "vitest";
import { FINDING, FINDING_RULES, type FindingCode } from "@/lib/analysis/findings";
import { bySeverity, FINDINGS_BY_SEVERITY, riskDrivers, riskOf, worstRisk } from "@/lib/analysis/risk";

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

describe("the findings that set a risk", () => {
  const drivers = (...findings: FindingCode[]) => riskDrivers(findings, false);

  it("are what the party can do and the unlocked door, the most severe first", () => {
    expect(drivers(F.WRITE_ACCESS, F.PRIVILEGE_ESCALATION, F.ROOT_PRINCIPAL, F.WEAK_EXTERNAL_ID)).toEqual([F.PRIVILEGE_ESCALATION, F.WEAK_EXTERNAL_ID]);
    expect(drivers(F.ADMIN_ACCESS, F.PRIVILEGE_ESCALATION)).toEqual([F.ADMIN_ACCESS, F.PRIVILEGE_ESCALATION]);
    expect(drivers(F.DATA_ACCESS, F.DESTRUCTIVE_ACTIONS, F.UNUSED)).toEqual([F.DESTRUCTIVE_ACTIONS, F.DATA_ACCESS]);
    expect(drivers(F.NO_EXTERNAL_ID, F.UNUSED)).toEqual([F.NO_EXTERNAL_ID]);
    expect(drivers(F.UNKNOWN_VENDOR, F.ROOT_PRINCIPAL)).toEqual([F.UNKNOWN_VENDOR]);
  });

  it("are the open door alone when anyone can get in", () => {
    expect(drivers(F.NO_EXTERNAL_ID, F.ADMIN_ACCESS, F.WILDCARD_PRINCIPAL)).toEqual([F.WILDCARD_PRINCIPAL]);
    expect(drivers(F.OIDC_UNRESTRICTED, F.WRITE_ACCESS)).toEqual([F.OIDC_UNRESTRICTED]);
  });

  it("are none for a low risk: internal, deleted principal, or read-only behind an ExternalId", () => {
    expect(riskDrivers([F.ADMIN_ACCESS, F.NO_EXTERNAL_ID], true)).toEqual([]);
    expect(drivers(F.DANGLING_PRINCIPAL, F.ADMIN_ACCESS)).toEqual([]);
    expect(drivers(F.ROOT_PRINCIPAL, F.UNUSED)).toEqual([]);
  });

  it("always raise the risk: every driver found for any risk above low is one the rule counts", () => {
    for (let mask = 0; mask < 1 << FINDINGS_BY_SEVERITY.length; mask += 7) {
      const findings = FINDINGS_BY_SEVERITY.filter((_, i) => mask & (1 << i));
      const found = drivers(...findings);
      expect(found.length > 0, findings.join(" ")).toBe(risk(...findings) !== "low");
      // The drivers alone set the same risk.
      if (found.length) expect(risk(...found), findings.join(" ")).toBe(risk(...findings));
    }
  });

  it("are listed by severity: anyone, admin, escalation, the door, then what it can touch", () => {
    expect(bySeverity([F.UNUSED, F.WRITE_ACCESS, F.NO_EXTERNAL_ID, F.ADMIN_ACCESS, F.WILDCARD_PRINCIPAL])).toEqual([F.WILDCARD_PRINCIPAL, F.ADMIN_ACCESS, F.NO_EXTERNAL_ID, F.WRITE_ACCESS, F.UNUSED]);
    expect([...FINDINGS_BY_SEVERITY].sort()).toEqual(Object.values(FINDING).sort());
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
