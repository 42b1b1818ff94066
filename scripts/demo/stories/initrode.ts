/**
 * Initrode Security Scanner: deployed to every account by a StackSet, with an ExternalId and
 * read-only SecurityAudit; used daily.
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { awsPolicyArn } from "../awsManagedPolicies";
import { vendorAccount } from "../organization";
import { externalId, rootOf, trustAws } from "../policyDocuments";

export function initrodeScanner(b: AccountBuilder): void {
  b.role({
    name: "InitrodeSecurityScanner",
    created: "2024-06-03T08:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Initrode Security Scanner")), externalId("initrode-mf-4c1d9a7e")),
    managed: [awsPolicyArn("SecurityAudit")],
    lastUsed: { daysAgo: 1, region: "us-east-1" },
    tags: withTags("Initrode Security Scanner", ["managed-by", "stackset/security-baseline"]),
  });
}
