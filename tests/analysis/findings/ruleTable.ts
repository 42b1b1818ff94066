/**
 * The table every finding rule's test is written as: trusts (a trust policy statement, what
 * the role can do, who the principal turned out to be) that must raise the rule's finding and
 * trusts that must not. Facts come from the real trust and permission analysis.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { findingRule, findingsFor, type FindingCode, type FindingRule, type TrustFacts } from "@/lib/analysis/findings";
import { compilePolicy, effectivePermissions } from "@/lib/analysis/permissions";
import { parsePolicyDocument } from "@/lib/analysis/policyDocument";
import { RiskLists } from "@/lib/analysis/riskLists";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { allow, policy, trustGrants, type StatementInput } from "../../helpers/policies";

export const VENDOR_ACCOUNT = "464622532012";
export const NOW = new Date("2026-11-27T00:00:00Z");

/** A vendor's named role, held to an exact ExternalId: raises nothing by itself. */
export const VENDOR_ROLE = allow({ AWS: `arn:aws:iam::${VENDOR_ACCOUNT}:role/DatadogIntegration` }, { Condition: { StringEquals: { "sts:ExternalId": "dd-1" } } });
const READ_ONLY: StatementInput[] = [{ Effect: "Allow", Action: ["ec2:Describe*"], Resource: "*" }];

export interface TrustCase {
  /** The trust policy statement(s) letting the principal in (default VENDOR_ROLE). */
  trust?: StatementInput | StatementInput[];
  /** The role's permission policy statements (default: ec2:Describe* only). */
  permissions?: StatementInput[];
  internal?: boolean;
  /** Default "Datadog". */
  vendor?: string | null;
  awsService?: string | null;
  /** Default: created 2026-01-01, last used 2026-11-20, and the input says so. */
  role?: Partial<TrustFacts["role"]>;
}

let risk: RiskLists;

export function trustFacts(c: TrustCase): TrustFacts {
  const grants = trustGrants(...[c.trust ?? VENDOR_ROLE].flat());
  expect(grants, "the trust statement lets exactly one principal in").toHaveLength(1);
  const compiled = compilePolicy(parsePolicyDocument(policy(...(c.permissions ?? READ_ONLY))), risk.catalog);
  return {
    grant: grants[0]!,
    internal: c.internal ?? false,
    vendor: c.vendor === undefined ? "Datadog" : c.vendor,
    awsService: c.awsService ?? null,
    permissions: effectivePermissions([{ name: "policy", compiled }], null, [], risk).summary,
    role: { createDate: "2026-01-01T00:00:00Z", lastUsed: "2026-11-20T00:00:00Z", lastUsedKnown: true, ...c.role },
    now: NOW,
  };
}

/** The rule's specification: its text, and a table of trusts that raise it and that don't. */
export function describeRule(rule: FindingRule, code: FindingCode, table: { raises: [string, TrustCase][]; doesNotRaise: [string, TrustCase][] }): void {
  describe(`${code}: ${rule.title}`, () => {
    beforeAll(async () => {
      risk ??= new RiskLists(await loadActionCatalog());
    });

    it("is the rule listed for its code, with an explanation and a remediation", () => {
      expect(rule.code).toBe(code);
      expect(findingRule(code)).toBe(rule);
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.explanation.length).toBeGreaterThan(40);
      expect(rule.remediation.length).toBeGreaterThan(20);
    });

    it("is not raised by a vendor's named role held to an exact ExternalId and only reading", () => {
      expect(findingsFor(trustFacts({}))).toEqual([]);
    });

    it.each(table.raises)("raised for %s", (_, c) => {
      const facts = trustFacts(c);
      expect(rule.applies(facts)).toBe(true);
      expect(findingsFor(facts)).toContain(code);
    });

    it.each(table.doesNotRaise)("not raised for %s", (_, c) => {
      const facts = trustFacts(c);
      expect(rule.applies(facts)).toBe(false);
      expect(findingsFor(facts)).not.toContain(code);
    });
  });
}
