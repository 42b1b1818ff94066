/**
 * The risky lists as the role's own policies had them, before the guardrails cut them: each
 * list after plus the `removed` actions of its category, escalation methods as kept in
 * `beforeGuardrails`. Pure: what the pages show as "before / after guardrails".
 */
import type { PermissionSummary } from "../permissions";
import type { RiskLists } from "../riskLists";

export interface RiskyLists {
  privilegeEscalation: string[];
  destructive: string[];
  costImpact: string[];
  dataAccess: string[];
}

export const RISKY_CATEGORIES = ["privilegeEscalation", "destructive", "costImpact", "dataAccess"] as const;
export type RiskyCategory = (typeof RISKY_CATEGORIES)[number];

export function riskyAfter(summary: PermissionSummary): RiskyLists {
  return { privilegeEscalation: summary.privilegeEscalation, destructive: summary.destructive, costImpact: summary.costImpact, dataAccess: summary.dataAccess };
}

export function riskyBefore(summary: PermissionSummary, risk: RiskLists): RiskyLists {
  if (summary.guardrails.length === 0) return riskyAfter(summary);
  const { catalog } = risk;
  const removed = catalog.empty();
  for (const entry of summary.guardrails) for (const pattern of entry.removed) removed.addAll(catalog.match(pattern).actions);
  const plus = (after: readonly string[], category: Parameters<typeof catalog.categoryActionNames>[1]) => [...new Set([...after, ...catalog.categoryActionNames(removed, category)])].sort();
  return {
    privilegeEscalation: summary.beforeGuardrails?.privilegeEscalation ?? summary.privilegeEscalation,
    destructive: plus(summary.destructive, risk.destructive),
    costImpact: plus(summary.costImpact, risk.costImpact),
    dataAccess: plus(summary.dataAccess, risk.dataAccess),
  };
}
