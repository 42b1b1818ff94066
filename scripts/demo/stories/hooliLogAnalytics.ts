/**
 * Hooli Log Analytics (log archive): reads the organization trail; no ExternalId until
 * snapshot 3, and the IAM user it replaced still has an active access key.
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { REGION, vendorAccount } from "../organization";
import { allow, doc, externalId, rootOf, trustAws } from "../policyDocuments";

export function hooliLogAnalytics(b: AccountBuilder): void {
  const bucket = "arn:aws:s3:::meridian-org-cloudtrail";
  // No ExternalId until snapshot 3.
  b.role({
    name: "HooliLogAnalytics",
    created: "2024-09-09T11:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Hooli Log Analytics")), b.from(3) ? externalId("hooli-7e21c0b4") : undefined),
    inline: [["read-trails", doc(allow(["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"], [bucket, `${bucket}/*`]), allow("kms:Decrypt", `arn:aws:kms:${REGION}:${b.id}:key/*`))]],
    lastUsed: { daysAgo: 1, region: REGION },
    tags: withTags("Hooli Log Analytics"),
  });
  b.user({
    name: "hooli-shipper",
    path: "/vendors/hooli/",
    created: "2023-06-19T10:00:00+00:00",
    tags: [["vendor", "Hooli Log Analytics"], ["note", "replaced by HooliLogAnalytics role"]],
    inline: [["read-trails", doc(allow(["s3:GetObject", "s3:ListBucket"], [bucket, `${bucket}/*`]))]],
    keys: [{ active: true, rotated: "2023-06-19T10:01:33+00:00", lastUsed: { at: "2024-09-30T03:12:00+00:00" }, service: "s3", region: REGION }],
  });
}
