import { AccountAnalyzer } from "@/lib/analysis/accountAnalyzer";
import { parsePolicyDocument } from "@/lib/analysis/policyDocument";
import { analyzeTrustPolicy, type TrustGrant } from "@/lib/analysis/trustPolicy";
import { loadActionCatalog } from "@/lib/catalog/iamActions";

export type StatementInput = Record<string, unknown>;

export function policy(...statements: StatementInput[]) {
  return { Version: "2012-10-17", Statement: statements };
}

/** The grants of a trust policy made of these statements. */
export function trustGrants(...statements: StatementInput[]): TrustGrant[] {
  return analyzeTrustPolicy(parsePolicyDocument(policy(...statements))).grants;
}


export const allow = (principal: unknown, extra: StatementInput = {}): StatementInput => ({
  Effect: "Allow",
  Principal: principal,
  Action: "sts:AssumeRole",
  ...extra,
});

export async function analyzer(): Promise<AccountAnalyzer> {
  return new AccountAnalyzer(await loadActionCatalog());
}
