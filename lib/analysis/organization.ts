/** An AWS Organization as `aws organizations list-accounts` describes it. */
import { isRecord } from "./policyDocument";

export interface MemberAccount {
  id: string;
  name: string | null;
  email: string | null;
  status: string | null;
}

export interface OrganizationInput {
  /** From the account ARNs (`arn:aws:organizations::MGMT:account/o-xxxx/ID`). */
  orgId: string | null;
  managementAccountId: string | null;
  accounts: MemberAccount[];
}

export function isListAccountsOutput(value: unknown): value is { Accounts: unknown[] } {
  return isRecord(value) && Array.isArray(value.Accounts);
}

export function parseListAccounts(value: { Accounts: unknown[] }): OrganizationInput {
  let orgId: string | null = null;
  let managementAccountId: string | null = null;
  const accounts: MemberAccount[] = [];
  for (const item of value.Accounts) {
    if (!isRecord(item) || typeof item.Id !== "string" || !/^\d{12}$/.test(item.Id)) continue;
    const arn = typeof item.Arn === "string" ? /^arn:[^:]+:organizations::(\d{12}):account\/(o-[a-z0-9]+)\//.exec(item.Arn) : null;
    if (arn) {
      managementAccountId ??= arn[1]!;
      orgId ??= arn[2]!;
    }
    accounts.push({
      id: item.Id,
      name: typeof item.Name === "string" ? item.Name : null,
      email: typeof item.Email === "string" ? item.Email : null,
      status: typeof item.Status === "string" ? item.Status : null,
    });
  }
  return { orgId, managementAccountId, accounts };
}

/** Several list-accounts outputs (pages, or one per file) as one organization. */
export function mergeOrganizations(parts: readonly OrganizationInput[]): OrganizationInput | null {
  if (parts.length === 0) return null;
  const byId = new Map<string, MemberAccount>();
  for (const part of parts) for (const account of part.accounts) byId.set(account.id, account);
  return {
    orgId: parts.find((p) => p.orgId)?.orgId ?? null,
    managementAccountId: parts.find((p) => p.managementAccountId)?.managementAccountId ?? null,
    accounts: [...byId.values()],
  };
}
