/**
 * Tyrell Analytics (analytics-prod): "*" narrowed to Tyrell's account by aws:PrincipalAccount;
 * can invoke Bedrock models.
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { awsPolicyArn } from "../awsManagedPolicies";
import { REGION, vendorAccount } from "../organization";
import { allow, doc, trustAws } from "../policyDocuments";

export function tyrellAnalytics(b: AccountBuilder): void {
  b.role({
    name: "TyrellAnalyticsRole",
    created: "2026-01-26T10:00:00+00:00",
    trust: trustAws("*", { StringEquals: { "aws:PrincipalAccount": vendorAccount("Tyrell Analytics"), "sts:ExternalId": "tyrell-nx6-0912" } }),
    managed: [awsPolicyArn("ReadOnlyAccess")],
    inline: [["bedrock", doc(allow(["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], `arn:aws:bedrock:${REGION}::foundation-model/*`))]],
    lastUsed: { daysAgo: 1, region: REGION },
    tags: withTags("Tyrell Analytics"),
  });
}
