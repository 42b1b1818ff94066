/** What the contract says of a guardrail that cuts a trust's access (docs/analysis.md, "Guardrails"). */
import type { GuardrailType } from "./organizationPolicies";

export interface GuardrailEntry {
  policyId: string;
  name: string;
  type: GuardrailType;
  /** The root, OU or account the policy is attached to on the account's path. */
  target: string;
  /** Actions the policy takes away (`service:*`: every action of that service). */
  removed: string[];
  /** Actions a Deny takes away only when a condition we cannot judge holds: counted as still possible (past 100, their services: `service:*`). */
  mayRemove: string[];
  /** The condition keys that decide `mayRemove`. */
  conditionKeys: string[];
}

/** The guardrail that stops a trust or resource grant outright (an RCP Deny). */
export interface BlockedBy {
  policyId: string;
  name: string;
  target: string;
}
