/**
 * Soylent Billing (management account): a reader role without an ExternalId, and an IAM user
 * with an access key that exports the cost and usage reports.
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { vendorAccount } from "../organization";
import { allow, doc, rootOf, trustAws } from "../policyDocuments";

export function soylentBilling(b: AccountBuilder): void {
  b.role({
    name: "SoylentBillingReader",
    created: "2024-11-12T10:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Soylent Billing"))),
    inline: [["billing-read", doc(allow(["ce:Get*", "ce:Describe*", "budgets:ViewBudget", "cur:DescribeReportDefinitions", "organizations:DescribeOrganization", "organizations:ListAccounts"], "*"))]],
    lastUsed: { daysAgo: 2, region: "us-east-1" },
    tags: withTags("Soylent Billing", ["owner", "finance"]),
  });
  b.user({
    name: "soylent-billing-export",
    path: "/vendors/soylent-billing/",
    created: "2024-05-14T08:40:00+00:00",
    tags: [["vendor", "Soylent Billing"]],
    inline: [["cur-bucket-read", doc(allow(["s3:GetObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-cur-exports", "arn:aws:s3:::meridian-cur-exports/*"]))]],
    keys: [{ active: true, rotated: "2024-05-14T08:41:12+00:00", lastUsed: { daysAgo: 1 }, service: "s3", region: "us-east-1" }],
  });
}
