/**
 * Manual RDS DB and cluster snapshots and who may restore them: DescribeDBSnapshots /
 * DescribeDBClusterSnapshots (manual), then each one's `restore` attribute.
 */
import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBSnapshotAttributesCommand,
  paginateDescribeDBClusterSnapshots,
  paginateDescribeDBSnapshots,
  RDSClient,
} from "@aws-sdk/client-rds";
import { absentIsNothing, allPages, type ResourceReader } from "./regionRead";

function restoreValues(attributes: readonly { AttributeName?: string; AttributeValues?: string[] }[] | undefined): string[] {
  return (attributes ?? []).filter((a) => a.AttributeName === "restore").flatMap((a) => a.AttributeValues ?? []);
}

export const rdsSnapshotReader: ResourceReader = {
  services: ["rds-snapshot"],
  sdkService: "rds",
  async read(ctx) {
    const client = ctx.client(RDSClient, "rds");
    const [instances, clusters] = await Promise.all([
      allPages(paginateDescribeDBSnapshots({ client, pageSize: 100 }, { SnapshotType: "manual" }), (page) => page.DBSnapshots),
      allPages(paginateDescribeDBClusterSnapshots({ client, pageSize: 100 }, { SnapshotType: "manual" }), (page) => page.DBClusterSnapshots),
    ]);
    const instanceSnapshots = instances.filter((s) => s.DBSnapshotIdentifier && s.DBSnapshotArn);
    await ctx.each(instanceSnapshots, "rds-snapshot", (s) => s.DBSnapshotArn!, async (snapshot) => {
      const answer = await absentIsNothing(() => client.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: snapshot.DBSnapshotIdentifier! })), /^DBSnapshotNotFound/);
      const shared = restoreValues(answer?.DBSnapshotAttributesResult?.DBSnapshotAttributes);
      if (shared.length > 0) ctx.share("rds-snapshot", snapshot.DBSnapshotArn!, shared);
    });
    const clusterSnapshots = clusters.filter((s) => s.DBClusterSnapshotIdentifier && s.DBClusterSnapshotArn);
    await ctx.each(clusterSnapshots, "rds-snapshot", (s) => s.DBClusterSnapshotArn!, async (snapshot) => {
      const answer = await absentIsNothing(
        () => client.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: snapshot.DBClusterSnapshotIdentifier! })),
        /^DBClusterSnapshotNotFound/,
      );
      const shared = restoreValues(answer?.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes);
      if (shared.length > 0) ctx.share("rds-snapshot", snapshot.DBClusterSnapshotArn!, shared);
    });
  },
};
