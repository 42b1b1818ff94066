/**
 * Pied Piper Compression (data-platform-dev): its access is removed in snapshot 3.
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { REGION, vendorAccount } from "../organization";
import { allow, doc, externalId, rootOf, trustAws } from "../policyDocuments";

export function piedPiperCompression(b: AccountBuilder): void {
  if (b.from(3)) return;
  b.role({
    name: "PiedPiperCompression",
    created: "2025-05-19T13:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Pied Piper Compression")), externalId("pp-middle-out-3141")),
    inline: [["compress", doc(allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-dev-raw", "arn:aws:s3:::meridian-dev-raw/*"]))]],
    lastUsed: { daysAgo: 5, region: REGION },
    tags: withTags("Pied Piper Compression"),
  });
}
