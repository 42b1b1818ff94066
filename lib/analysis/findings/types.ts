import type { PermissionSummary } from "../permissions";
import type { TrustGrant } from "../trustPolicy";

export const FINDING = {
  ROOT_PRINCIPAL: "ROOT_PRINCIPAL",
  NO_EXTERNAL_ID: "NO_EXTERNAL_ID",
  WEAK_EXTERNAL_ID: "WEAK_EXTERNAL_ID",
  WILDCARD_PRINCIPAL: "WILDCARD_PRINCIPAL",
  DANGLING_PRINCIPAL: "DANGLING_PRINCIPAL",
  OIDC_UNRESTRICTED: "OIDC_UNRESTRICTED",
  UNKNOWN_VENDOR: "UNKNOWN_VENDOR",
  UNUSED: "UNUSED",
  ADMIN_ACCESS: "ADMIN_ACCESS",
  PRIVILEGE_ESCALATION: "PRIVILEGE_ESCALATION",
  DESTRUCTIVE_ACTIONS: "DESTRUCTIVE_ACTIONS",
  COST_IMPACT: "COST_IMPACT",
  DATA_ACCESS: "DATA_ACCESS",
  WRITE_ACCESS: "WRITE_ACCESS",
} as const;

export type FindingCode = (typeof FINDING)[keyof typeof FINDING];

/** Everything a rule may look at for one (role, principal) trust. */
export interface TrustFacts {
  grant: TrustGrant;
  /** The principal belongs to our organization (or is pinned to it by condition). */
  internal: boolean;
  vendor: string | null;
  /** Set when the account belongs to AWS itself (`type: aws` in the known-accounts list). */
  awsService: string | null;
  permissions: PermissionSummary;
  role: { createDate: string | null; lastUsed: string | null; lastUsedKnown: boolean };
  now: Date;
}

/** What a party's trusts grant from each risk list (lib/analysis/riskLists.ts): escalation method ids, action names. */
export interface RiskyHoldings {
  privilegeEscalation: string[];
  destructive: string[];
  costImpact: string[];
  dataAccess: string[];
}

export interface FindingRule {
  code: FindingCode;
  /** A word or two for badges and table cells. */
  label: string;
  title: string;
  /** Why it matters, in a sentence or two a reviewer can read to the vendor's owner. */
  explanation: string;
  /** What to change. */
  remediation: string;
  applies(facts: TrustFacts): boolean;
  /** The permissions behind the finding that a party holds, so that the fix can name them. */
  held?(holdings: RiskyHoldings): string[];
}
