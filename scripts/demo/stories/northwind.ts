/**
 * Northwind Monitoring: monitors production, and the new ml-research account from the day it
 * joined (snapshot 2); a customer managed policy of metrics and log reads.
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { vendorAccount } from "../organization";
import { allow, doc, externalId, rootOf, trustAws } from "../policyDocuments";

function northwindPolicy(b: AccountBuilder): string {
  return b.policy({
    name: "NorthwindMonitoringPolicy",
    created: "2024-05-06T09:00:00+00:00",
    versions: [
      {
        id: "v1",
        created: "2024-05-06T09:00:00+00:00",
        document: doc(
          allow(
            [
              "cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*", "ec2:Describe*", "ecs:Describe*", "ecs:List*", "elasticloadbalancing:Describe*",
              "lambda:List*", "logs:DescribeLogGroups", "logs:FilterLogEvents", "rds:Describe*", "sqs:ListQueues", "tag:GetResources",
            ],
            "*",
            "NorthwindMetricsAndLogs",
          ),
        ),
      },
    ],
  });
}

export function northwindMonitoring(b: AccountBuilder): void {
  if (b.account.env === "prod" || b.account.name === "ml-research") {
    b.role({
      name: "NorthwindMonitoringIntegration",
      created: b.account.since > 1 ? "2026-08-25T10:00:00+00:00" : "2024-05-06T09:30:00+00:00",
      trust: trustAws(rootOf(vendorAccount("Northwind Monitoring")), externalId("nw-5f0c2b9d41")),
      managed: [northwindPolicy(b)],
      lastUsed: { daysAgo: 1, region: "us-east-1" },
      tags: withTags("Northwind Monitoring", ["owner", "sre"]),
    });
  }
}
