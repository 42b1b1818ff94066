/**
 * EBS snapshots and AMIs we own and who may use them: DescribeSnapshots / DescribeImages
 * (owner self), then each one's createVolumePermission / launchPermission attribute.
 */
import { DescribeImageAttributeCommand, DescribeSnapshotAttributeCommand, EC2Client, paginateDescribeImages, paginateDescribeSnapshots, type LaunchPermission } from "@aws-sdk/client-ec2";
import { absentIsNothing, allPages, type ResourceReader } from "./regionRead";

const GONE = /^Invalid(Snapshot|AMIID)\.(NotFound|Unavailable)$/;

/** An account id, "all", or an organization / OU ARN, as the export writes who a resource is shared with. */
function sharedWith(permissions: readonly LaunchPermission[] | undefined): string[] {
  return (permissions ?? []).flatMap((p) => {
    if (p.Group === "all") return ["all"];
    return [p.UserId, p.OrganizationArn, p.OrganizationalUnitArn].filter((v): v is string => typeof v === "string" && v !== "");
  });
}

export const ebsSnapshotReader: ResourceReader = {
  services: ["ebs-snapshot"],
  sdkService: "ec2",
  async read(ctx) {
    const client = ctx.client(EC2Client, "ec2");
    const snapshots = await allPages(paginateDescribeSnapshots({ client, pageSize: 1000 }, { OwnerIds: ["self"] }), (page) => page.Snapshots);
    const arnOf = (id: string) => `arn:${ctx.partition}:ec2:${ctx.region}::snapshot/${id}`;
    const ids = snapshots.flatMap((s) => (s.SnapshotId ? [s.SnapshotId] : []));
    await ctx.each(ids, "ebs-snapshot", arnOf, async (id) => {
      const answer = await absentIsNothing(() => client.send(new DescribeSnapshotAttributeCommand({ SnapshotId: id, Attribute: "createVolumePermission" })), GONE);
      const shared = sharedWith(answer?.CreateVolumePermissions);
      if (shared.length > 0) ctx.share("ebs-snapshot", arnOf(id), shared);
    });
  },
};

export const amiReader: ResourceReader = {
  services: ["ami"],
  sdkService: "ec2",
  async read(ctx) {
    const client = ctx.client(EC2Client, "ec2");
    const images = await allPages(paginateDescribeImages({ client, pageSize: 1000 }, { Owners: ["self"] }), (page) => page.Images);
    const arnOf = (id: string) => `arn:${ctx.partition}:ec2:${ctx.region}::image/${id}`;
    const ids = images.flatMap((i) => (i.ImageId ? [i.ImageId] : []));
    await ctx.each(ids, "ami", arnOf, async (id) => {
      const answer = await absentIsNothing(() => client.send(new DescribeImageAttributeCommand({ ImageId: id, Attribute: "launchPermission" })), GONE);
      const shared = sharedWith(answer?.LaunchPermissions);
      if (shared.length > 0) ctx.share("ami", arnOf(id), shared);
    });
  },
};
