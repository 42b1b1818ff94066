/**
 * Wonka Support (customer-portal-prod): a read-only role last used in February, and a support
 * agent user whose access key was never used.
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { awsPolicyArn } from "../awsManagedPolicies";
import { REGION, vendorAccount } from "../organization";
import { externalId, rootOf, trustAws } from "../policyDocuments";

export function wonkaSupport(b: AccountBuilder): void {
  b.role({
    name: "WonkaSupportAccess",
    created: "2025-10-20T09:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Wonka Support")), externalId("wonka-golden-ticket-88")),
    managed: [awsPolicyArn("ReadOnlyAccess")],
    lastUsed: { at: "2026-02-11T15:20:00+00:00", region: REGION },
    tags: withTags("Wonka Support"),
  });
  b.user({
    name: "wonka-support-agent",
    created: "2025-10-20T09:10:00+00:00",
    tags: [["vendor", "Wonka Support"], ["ticket", "SUP-4411"]],
    managed: [awsPolicyArn("ReadOnlyAccess")],
    keys: [{ active: true, rotated: "2025-10-20T09:11:27+00:00" }],
  });
}
