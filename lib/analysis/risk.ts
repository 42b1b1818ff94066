/**
 * The risk of one trust, as a deterministic function of its findings (docs/analysis.md).
 *
 * - Internal trusts are inventory, not third-party exposure: low.
 * - Anyone can get in (WILDCARD_PRINCIPAL, OIDC_UNRESTRICTED): critical.
 * - Otherwise risk = what the party can do × whether the door is locked:
 *
 *   | can do                                   | no/weak ExternalId | gated  |
 *   |------------------------------------------|--------------------|--------|
 *   | admin or privilege escalation            | critical           | high   |
 *   | destructive, cost, write or data access  | high               | medium |
 *   | read metadata only                       | medium             | low    |
 *
 * - UNKNOWN_VENDOR raises the result one level: nobody has said who holds the access.
 * - A DANGLING_PRINCIPAL can be used by nobody: low.
 */
import { FINDING, type FindingCode } from "./findings";

export const RISKS = ["low", "medium", "high", "critical"] as const;
export type Risk = (typeof RISKS)[number];

export function riskOf(findings: readonly FindingCode[], internal: boolean): Risk {
  const has = (code: FindingCode) => findings.includes(code);
  if (internal || has(FINDING.DANGLING_PRINCIPAL)) return "low";
  if (has(FINDING.WILDCARD_PRINCIPAL) || has(FINDING.OIDC_UNRESTRICTED)) return "critical";
  const power =
    has(FINDING.ADMIN_ACCESS) || has(FINDING.PRIVILEGE_ESCALATION)
      ? 2
      : has(FINDING.DESTRUCTIVE_ACTIONS) || has(FINDING.COST_IMPACT) || has(FINDING.WRITE_ACCESS) || has(FINDING.DATA_ACCESS)
        ? 1
        : 0;
  const ungated = has(FINDING.NO_EXTERNAL_ID) || has(FINDING.WEAK_EXTERNAL_ID) ? 1 : 0;
  const level = power + ungated + (has(FINDING.UNKNOWN_VENDOR) ? 1 : 0);
  return RISKS[Math.min(level, RISKS.length - 1)]!;
}

export function worstRisk(risks: Iterable<Risk>): Risk {
  let worst = 0;
  for (const r of risks) worst = Math.max(worst, RISKS.indexOf(r));
  return RISKS[worst]!;
}

export function compareRisk(a: Risk, b: Risk): number {
  return RISKS.indexOf(a) - RISKS.indexOf(b);
}
