/**
 * Wayne Compliance: view-only audit access with an ExternalId in the management account (never
 * used) and the security account.
 */
import { withTags, type AccountBuilder, type LastUsed } from "../accountBuilder";
import { awsPolicyArn } from "../awsManagedPolicies";
import { vendorAccount } from "../organization";
import { externalId, rootOf, trustAws } from "../policyDocuments";

export function wayneCompliance(b: AccountBuilder, lastUsed: LastUsed): void {
  b.role({
    name: "WayneComplianceAudit",
    created: "2025-03-03T09:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Wayne Compliance")), externalId("wayne-audit-7731")),
    managed: [awsPolicyArn("ViewOnlyAccess")],
    lastUsed,
    tags: withTags("Wayne Compliance", ["owner", "grc"]),
  });
}
