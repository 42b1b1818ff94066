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

/** Findings from the most to the least severe: how lists of findings are shown to people. */
export const FINDINGS_BY_SEVERITY: readonly FindingCode[] = [
  FINDING.WILDCARD_PRINCIPAL,
  FINDING.OIDC_UNRESTRICTED,
  FINDING.ADMIN_ACCESS,
  FINDING.PRIVILEGE_ESCALATION,
  FINDING.NO_EXTERNAL_ID,
  FINDING.WEAK_EXTERNAL_ID,
  FINDING.UNKNOWN_VENDOR,
  FINDING.DESTRUCTIVE_ACTIONS,
  FINDING.COST_IMPACT,
  FINDING.DATA_ACCESS,
  FINDING.WRITE_ACCESS,
  FINDING.ROOT_PRINCIPAL,
  FINDING.UNUSED,
  FINDING.DANGLING_PRINCIPAL,
];

/**
 * How alarming a finding is on its own, for colours: severe (anyone can get in, admin,
 * escalation, no ExternalId), warn (weak door, unknown owner, harm it can do), minor (the rest).
 */
export type FindingTier = "severe" | "warn" | "minor";
const SEVERE_FINDINGS: ReadonlySet<string> = new Set([FINDING.WILDCARD_PRINCIPAL, FINDING.OIDC_UNRESTRICTED, FINDING.ADMIN_ACCESS, FINDING.PRIVILEGE_ESCALATION, FINDING.NO_EXTERNAL_ID]);
const WARN_FINDINGS: ReadonlySet<string> = new Set([FINDING.WEAK_EXTERNAL_ID, FINDING.UNKNOWN_VENDOR, FINDING.DESTRUCTIVE_ACTIONS, FINDING.COST_IMPACT, FINDING.DATA_ACCESS]);

export function findingTier(code: string): FindingTier {
  return SEVERE_FINDINGS.has(code) ? "severe" : WARN_FINDINGS.has(code) ? "warn" : "minor";
}

/** The codes, the most severe first (unknown codes last, as given). */
export function bySeverity(codes: Iterable<FindingCode>): FindingCode[] {
  const rank = (c: FindingCode) => {
    const i = FINDINGS_BY_SEVERITY.indexOf(c);
    return i < 0 ? FINDINGS_BY_SEVERITY.length : i;
  };
  return [...new Set(codes)].sort((a, b) => rank(a) - rank(b));
}

/** What the party can do, in two tiers, and what leaves the door unlocked (the rule's table). */
const POWER_HIGH: readonly FindingCode[] = [FINDING.ADMIN_ACCESS, FINDING.PRIVILEGE_ESCALATION];
const POWER_SOME: readonly FindingCode[] = [FINDING.DESTRUCTIVE_ACTIONS, FINDING.COST_IMPACT, FINDING.WRITE_ACCESS, FINDING.DATA_ACCESS];
const UNGATED: readonly FindingCode[] = [FINDING.NO_EXTERNAL_ID, FINDING.WEAK_EXTERNAL_ID];

export function riskOf(findings: readonly FindingCode[], internal: boolean): Risk {
  const has = (code: FindingCode) => findings.includes(code);
  if (internal || has(FINDING.DANGLING_PRINCIPAL)) return "low";
  if (has(FINDING.WILDCARD_PRINCIPAL) || has(FINDING.OIDC_UNRESTRICTED)) return "critical";
  const power = POWER_HIGH.some(has) ? 2 : POWER_SOME.some(has) ? 1 : 0;
  const ungated = UNGATED.some(has) ? 1 : 0;
  const level = power + ungated + (has(FINDING.UNKNOWN_VENDOR) ? 1 : 0);
  return RISKS[Math.min(level, RISKS.length - 1)]!;
}

/**
 * The findings that set a trust's risk above low, by the rule above, the most severe first:
 * what the party can do, the unlocked door, the unknown owner. Empty for a low risk.
 */
export function riskDrivers(findings: readonly FindingCode[], internal: boolean): FindingCode[] {
  if (riskOf(findings, internal) === "low") return [];
  const has = (code: FindingCode) => findings.includes(code);
  const anyone = [FINDING.WILDCARD_PRINCIPAL, FINDING.OIDC_UNRESTRICTED].filter(has);
  if (anyone.length > 0) return bySeverity(anyone);
  const power = POWER_HIGH.some(has) ? POWER_HIGH.filter(has) : POWER_SOME.filter(has);
  return bySeverity([...power, ...UNGATED.filter(has), ...(has(FINDING.UNKNOWN_VENDOR) ? [FINDING.UNKNOWN_VENDOR] : [])]);
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
