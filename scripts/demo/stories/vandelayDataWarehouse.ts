/**
 * Vandelay Data Warehouse (data-platform-prod): AdministratorAccess on paper, but a permissions
 * boundary keeps it to the warehouse buckets and Glue/Athena; an SFTP user with a rotated key.
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { awsPolicyArn } from "../awsManagedPolicies";
import { REGION, vendorAccount } from "../organization";
import { allow, doc, externalId, roleArnIn, trustAws } from "../policyDocuments";

export function vandelayDataWarehouse(b: AccountBuilder): void {
  b.role({
    name: "VandelayWarehouseLoader",
    created: "2024-12-02T09:00:00+00:00",
    trust: trustAws(roleArnIn(vendorAccount("Vandelay Data Warehouse"), "vandelay-loader"), externalId("vdw-2b7f11c8")),
    managed: [awsPolicyArn("AdministratorAccess")],
    boundary: b.policy({
      name: "VendorDataBoundary",
      created: "2024-12-02T08:50:00+00:00",
      versions: [
        {
          id: "v1",
          created: "2024-12-02T08:50:00+00:00",
          document: doc(
            allow(["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-warehouse-*", "arn:aws:s3:::meridian-warehouse-*/*"], "WarehouseBuckets"),
            allow(["glue:GetDatabase*", "glue:GetTable*", "glue:GetPartition*", "glue:CreateTable", "glue:UpdateTable", "athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults"], "*", "Catalog"),
          ),
        },
      ],
    }),
    lastUsed: { daysAgo: 1, region: REGION },
    tags: withTags("Vandelay Data Warehouse"),
  });
  b.user({
    name: "vandelay-sftp",
    path: "/third-party/vandelay/",
    created: "2024-12-02T09:30:00+00:00",
    inline: [["drop-zone", doc(allow(["s3:PutObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-warehouse-dropzone", "arn:aws:s3:::meridian-warehouse-dropzone/*"]))]],
    keys: [
      { active: true, rotated: "2026-06-30T10:00:00+00:00", lastUsed: { daysAgo: 1 }, service: "s3", region: REGION },
      { active: false, rotated: "2024-12-02T09:31:00+00:00", lastUsed: { at: "2026-06-29T23:50:00+00:00" }, service: "s3", region: REGION },
    ],
  });
}
