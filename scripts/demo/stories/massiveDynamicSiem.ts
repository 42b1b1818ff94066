/**
 * Massive Dynamic SIEM: arrives in snapshot 2 in the security account (GuardDuty and Security
 * Hub findings) and the log archive (CloudTrail).
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { REGION, vendorAccount } from "../organization";
import { allow, doc, externalId, roleArnIn, trustAws } from "../policyDocuments";

export function massiveDynamicSiem(b: AccountBuilder): void {
  if (!b.from(2)) return;
  const security = b.account.kind === "security";
  b.role({
    name: "MassiveDynamicSIEM",
    created: "2026-09-03T11:00:00+00:00",
    trust: trustAws(roleArnIn(vendorAccount("Massive Dynamic SIEM"), "md-siem-collector"), externalId("mdsiem-9f31aa02")),
    inline: [
      [
        "collect",
        security
          ? doc(allow(["guardduty:Get*", "guardduty:List*", "securityhub:Get*", "securityhub:List*"]), allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], `arn:aws:sqs:${REGION}:${b.id}:siem-findings`))
          : doc(allow(["s3:GetObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-org-cloudtrail", "arn:aws:s3:::meridian-org-cloudtrail/*"]), allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], `arn:aws:sqs:${REGION}:${b.id}:cloudtrail-notifications`), allow("kms:Decrypt", `arn:aws:kms:${REGION}:${b.id}:key/*`)),
      ],
    ],
    lastUsed: { daysAgo: 1, region: REGION },
    tags: withTags("Massive Dynamic SIEM"),
  });
}
