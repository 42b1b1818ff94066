/**
 * The organization's guardrails as last read (SCPs, RCPs, their targets, the tree), kept on
 * the organization's row: what `reanalyze` and a file import without them apply again, and
 * what the guardrails page shows. A read that found none does not erase what was read before.
 */
import { guardrailInputFromJson, guardrailInputToJson, isEmptyGuardrailInput, type GuardrailInput } from "../analysis/guardrails/organizationPolicies";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "./types";

export interface StoredGuardrails {
  input: GuardrailInput;
  scanId: number | null;
  managementAccountId: string | null;
}

export async function loadGuardrails(db: Db): Promise<StoredGuardrails | null> {
  const org = await db.organization.findFirst({ where: { guardrails: { not: Prisma.DbNull } }, select: { guardrails: true, guardrailsScanId: true, managementAccountId: true }, orderBy: { updatedAt: "desc" } });
  const input = org ? guardrailInputFromJson(org.guardrails) : null;
  return input && !isEmptyGuardrailInput(input) ? { input, scanId: org!.guardrailsScanId, managementAccountId: org!.managementAccountId } : null;
}

/** Stores what a scan read on the organization's row (recorded earlier in the scan). */
export async function saveGuardrails(db: Db, orgRowId: string, scanId: number, input: GuardrailInput): Promise<void> {
  if (isEmptyGuardrailInput(input)) return;
  await db.organization.updateMany({ where: { id: orgRowId }, data: { guardrails: guardrailInputToJson(input) as object, guardrailsScanId: scanId } });
}
