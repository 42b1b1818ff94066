/**
 * Stark Incident Response: a break-glass retainer with AdministratorAccess. In the security
 * account it was exercised once in July (unused by snapshot 3); the StackSet copies in
 * payments-prod and customer-portal-prod were never used.
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { awsPolicyArn } from "../awsManagedPolicies";
import { REGION, vendorAccount } from "../organization";
import { externalId, rootOf, trustAws } from "../policyDocuments";

export function starkRetainer(b: AccountBuilder): void {
  b.role({
    name: "StarkIncidentResponse",
    created: "2025-06-01T10:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Stark Incident Response")), externalId("stark-ir-retainer-2025")),
    managed: [awsPolicyArn("AdministratorAccess")],
    lastUsed: { at: "2026-07-20T14:05:00+00:00", region: REGION },
    tags: withTags("Stark Incident Response", ["purpose", "break-glass"]),
  });
}

/** The StackSet copy in workload accounts: never used. */
export function starkStackSet(b: AccountBuilder): void {
  b.role({
    name: "StarkIncidentResponse",
    created: "2025-06-01T10:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Stark Incident Response")), externalId("stark-ir-retainer-2025")),
    managed: [awsPolicyArn("AdministratorAccess")],
    lastUsed: "never",
    tags: withTags("Stark Incident Response", ["purpose", "break-glass"]),
  });
}
