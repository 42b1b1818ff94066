/**
 * Umbrella Cost Optimizer (management account): a weak ExternalId (any value); its customer
 * managed policy gains stop/modify actions in snapshot 2 (a new default version).
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { vendorAccount } from "../organization";
import { allow, doc, rootOf, trustAws } from "../policyDocuments";

export function umbrellaCostOptimizer(b: AccountBuilder): void {
  const umbrellaVersions = [
    {
      id: "v1",
      created: "2025-09-01T12:00:00+00:00",
      document: doc(allow(["ce:Get*", "ce:Describe*", "ce:List*", "cur:DescribeReportDefinitions", "ec2:Describe*", "rds:Describe*", "cloudwatch:GetMetricStatistics", "savingsplans:Describe*"], "*", "CostVisibility")),
    },
    {
      id: "v2",
      created: "2026-08-28T09:45:00+00:00",
      document: doc(
        allow(["ce:Get*", "ce:Describe*", "ce:List*", "cur:DescribeReportDefinitions", "ec2:Describe*", "rds:Describe*", "cloudwatch:GetMetricStatistics", "savingsplans:Describe*"], "*", "CostVisibility"),
        allow(["ec2:StopInstances", "ec2:ModifyInstanceAttribute", "ec2:DeleteSnapshot", "ec2:DeleteVolume", "rds:StopDBInstance", "rds:ModifyDBInstance"], "*", "RightsizingActions"),
      ),
    },
  ];
  b.role({
    name: "UmbrellaCostOptimizerRole",
    created: "2025-09-01T12:10:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Umbrella Cost Optimizer")), { StringLike: { "sts:ExternalId": "*" } }),
    managed: [b.policy({ name: "UmbrellaCostOptimizerPolicy", created: "2025-09-01T12:00:00+00:00", versions: b.from(2) ? umbrellaVersions : umbrellaVersions.slice(0, 1) })],
    lastUsed: { daysAgo: 1, region: "us-east-1" },
    tags: withTags("Umbrella Cost Optimizer", ["owner", "finops"]),
  });
}
