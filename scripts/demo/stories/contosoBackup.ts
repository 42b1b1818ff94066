/**
 * Contoso Backup (data-platform-prod, backup-vault): snapshots with an account-specific
 * ExternalId, including destructive DeleteSnapshot/DeleteRecoveryPoint.
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { hex } from "../deterministic";
import { REGION, vendorAccount } from "../organization";
import { allow, doc, externalId, rootOf, trustAws } from "../policyDocuments";

export function contosoBackup(b: AccountBuilder): void {
  b.role({
    name: "ContosoBackupRole",
    created: "2024-01-29T10:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Contoso Backup")), externalId(`contoso-${hex(b.id, 8)}`)),
    inline: [
      [
        "backup",
        doc(
          allow(["backup:StartBackupJob", "backup:Describe*", "backup:List*", "backup:DeleteRecoveryPoint", "ec2:CreateSnapshot", "ec2:DeleteSnapshot", "ec2:DescribeSnapshots", "ec2:DescribeVolumes", "ebs:ListSnapshotBlocks", "ebs:GetSnapshotBlock"], "*", "Snapshots"),
          allow(["s3:GetObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-*", "arn:aws:s3:::meridian-*/*"], "ReadBuckets"),
        ),
      ],
    ],
    lastUsed: { daysAgo: 1, region: REGION },
    tags: withTags("Contoso Backup"),
  });
}
