/**
 * A vendor with hundreds of roles across the organization, as exported files: the stress case
 * for its review pack (tables over many pages) in tests and in `npm run bench:reports`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { authorizationDetails, listAccounts, type RoleSpec } from "./exports";

export const BIG_VENDOR = { name: "Megavendor Cloud Services", accountId: "555566667777" };

const doc = (statements: object[]) => ({ Version: "2012-10-17", Statement: statements });
const POLICIES = [
  doc([{ Effect: "Allow", Action: ["ec2:Describe*", "cloudwatch:GetMetricData", "logs:FilterLogEvents"], Resource: "*" }]),
  doc([{ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket", "s3:DeleteObject"], Resource: "*" }]),
  doc([{ Effect: "Allow", Action: "*", Resource: "*" }]),
  doc([{ Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances", "lambda:*"], Resource: "*" }]),
];

export function bigVendorRoleName(account: number, role: number): string {
  return `megavendor-integration-${String(account).padStart(2, "0")}-${String(role).padStart(3, "0")}`;
}

/**
 * Writes `accounts` exports with `rolesPerAccount` roles each trusting the vendor (a quarter
 * without ExternalId, varied permissions), plus list-accounts. Generation 0 has two more roles
 * per account that generation 1 no longer has, so importing 0 then 1 leaves history to report.
 */
export function writeBigVendorExports(dir: string, options: { accounts: number; rolesPerAccount: number; generation?: number }): string[] {
  mkdirSync(dir, { recursive: true });
  const ids = Array.from({ length: options.accounts }, (_, i) => `3100000${String(i).padStart(5, "0")}`);
  writeFileSync(join(dir, "list-accounts.json"), JSON.stringify(listAccounts("o-bigvendor1", ids[0]!, ids)));
  const count = options.rolesPerAccount + (options.generation === 1 ? 0 : 2);
  ids.forEach((id, a) => {
    const roles: RoleSpec[] = Array.from({ length: count }, (_, r) => ({
      name: bigVendorRoleName(a, r),
      trust: doc([
        {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${BIG_VENDOR.accountId}:root` },
          Action: "sts:AssumeRole",
          ...(r % 4 === 0 ? {} : { Condition: { StringEquals: { "sts:ExternalId": `mv-${id}-${r}` } } }),
        },
      ]),
      inline: { access: POLICIES[r % POLICIES.length] },
      lastUsed: r % 3 === 0 ? null : "2026-11-01T00:00:00Z",
    }));
    writeFileSync(join(dir, `${id}-authz.json`), JSON.stringify(authorizationDetails(id, { roles })));
  });
  return ids;
}
