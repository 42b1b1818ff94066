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

/** The risk rule above, in words, for one trust's findings (reports and the dashboard). */
export function riskReason(findings: readonly FindingCode[], internal: boolean): string {
  const has = (code: FindingCode) => findings.includes(code);
  if (internal) return "the principal belongs to our organization";
  if (has(FINDING.DANGLING_PRINCIPAL)) return "the trusted principal no longer exists, so nobody can use it";
  if (has(FINDING.WILDCARD_PRINCIPAL)) return "anyone can assume the role";
  if (has(FINDING.OIDC_UNRESTRICTED)) return "any user of the identity provider can assume the role";
  const power = has(FINDING.ADMIN_ACCESS)
    ? "it is an administrator"
    : has(FINDING.PRIVILEGE_ESCALATION)
      ? "it can escalate to administrator"
      : [FINDING.DESTRUCTIVE_ACTIONS, FINDING.COST_IMPACT, FINDING.WRITE_ACCESS, FINDING.DATA_ACCESS].some(has)
        ? "it can change, delete, launch or read data"
        : "it can read metadata only";
  const gate = has(FINDING.NO_EXTERNAL_ID) ? "without an ExternalId" : has(FINDING.WEAK_EXTERNAL_ID) ? "with an ExternalId that accepts any value" : "behind an ExternalId or a pinned identity provider";
  return `${power}, ${gate}${has(FINDING.UNKNOWN_VENDOR) ? ", and nobody has recorded who owns the account" : ""}`;
}
