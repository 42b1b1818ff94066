/**
 * RDS operations on the caller's manual snapshots in the call's region: DescribeDBSnapshots
 * and DescribeDBClusterSnapshots (SnapshotType, identifier filters, MaxRecords 20–100 /
 * Marker) and DescribeDBSnapshotAttributes / DescribeDBClusterSnapshotAttributes (the
 * "restore" attribute: the account ids, or "all", the snapshot is shared with).
 */
import { type ServiceContext, callerResources, intParam, stringParam } from "./context";
import { AwsApiError } from "./errors";
import { decodeCursor, encodeCursor, pageSize } from "./paging";
import { unitFor } from "./prng";
import { XmlList } from "./queryProtocol";
import type { FakeSharedResource } from "./types";

export async function handleRds(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { inRegion, resources } = await callerResources(ctx);
  const arn = (kind: string, id: string) => `arn:aws:rds:${ctx.region}:${ctx.caller.accountId}:${kind}:${id}`;
  switch (operation) {
    case "DescribeDBSnapshots": {
      const snapshots = listed(inRegion(resources.dbSnapshots), params, stringParam(params.DBSnapshotIdentifier), () => dbSnapshotNotFound(params.DBSnapshotIdentifier));
      const { items, marker } = page(ctx, operation, snapshots, params);
      const render = (s: FakeSharedResource) => ({
        DBSnapshotIdentifier: s.id,
        DBInstanceIdentifier: `db-${s.id}`,
        SnapshotCreateTime: createdAt(s),
        Engine: "postgres",
        AllocatedStorage: 20,
        Status: "available",
        Port: 5432,
        AvailabilityZone: `${ctx.region}a`,
        InstanceCreateTime: createdAt(s),
        MasterUsername: "postgres",
        EngineVersion: "16.3",
        LicenseModel: "postgresql-license",
        SnapshotType: "manual",
        PercentProgress: 100,
        StorageType: "gp2",
        Encrypted: false,
        DBSnapshotArn: arn("snapshot", s.id),
        IAMDatabaseAuthenticationEnabled: false,
      });
      return { DBSnapshots: new XmlList("DBSnapshot", items.map(render)), Marker: marker };
    }
    case "DescribeDBClusterSnapshots": {
      const snapshots = listed(inRegion(resources.dbClusterSnapshots), params, stringParam(params.DBClusterSnapshotIdentifier), () => clusterSnapshotNotFound(params.DBClusterSnapshotIdentifier));
      const { items, marker } = page(ctx, operation, snapshots, params);
      const render = (s: FakeSharedResource) => ({
        AvailabilityZones: new XmlList("AvailabilityZone", [`${ctx.region}a`, `${ctx.region}b`, `${ctx.region}c`]),
        DBClusterSnapshotIdentifier: s.id,
        DBClusterIdentifier: `cluster-${s.id}`,
        SnapshotCreateTime: createdAt(s),
        Engine: "aurora-postgresql",
        AllocatedStorage: 0,
        Status: "available",
        Port: 0,
        ClusterCreateTime: createdAt(s),
        MasterUsername: "postgres",
        EngineVersion: "16.3",
        LicenseModel: "postgresql-license",
        SnapshotType: "manual",
        PercentProgress: 100,
        StorageEncrypted: false,
        DBClusterSnapshotArn: arn("cluster-snapshot", s.id),
        IAMDatabaseAuthenticationEnabled: false,
      });
      return { DBClusterSnapshots: new XmlList("DBClusterSnapshot", items.map(render)), Marker: marker };
    }
    case "DescribeDBSnapshotAttributes": {
      const snapshot = inRegion(resources.dbSnapshots).find((s) => s.id === params.DBSnapshotIdentifier);
      if (!snapshot) throw dbSnapshotNotFound(params.DBSnapshotIdentifier);
      return {
        DBSnapshotAttributesResult: { DBSnapshotIdentifier: snapshot.id, DBSnapshotAttributes: new XmlList("DBSnapshotAttribute", [restore(snapshot)]) },
      };
    }
    case "DescribeDBClusterSnapshotAttributes": {
      const snapshot = inRegion(resources.dbClusterSnapshots).find((s) => s.id === params.DBClusterSnapshotIdentifier);
      if (!snapshot) throw clusterSnapshotNotFound(params.DBClusterSnapshotIdentifier);
      return {
        DBClusterSnapshotAttributesResult: { DBClusterSnapshotIdentifier: snapshot.id, DBClusterSnapshotAttributes: new XmlList("DBClusterSnapshotAttribute", [restore(snapshot)]) },
      };
    }
    default:
      throw new AwsApiError("InvalidAction", 400, `The fake does not serve ${operation}`);
  }
}

/** The snapshots a Describe call selects: all fixtures are manual; one identifier narrows to it. */
function listed(snapshots: FakeSharedResource[], params: Record<string, unknown>, id: string | undefined, notFound: () => AwsApiError): FakeSharedResource[] {
  const type = stringParam(params.SnapshotType);
  if (type !== undefined && type !== "manual") return [];
  if (id === undefined) return snapshots;
  const snapshot = snapshots.find((s) => s.id === id);
  if (!snapshot) throw notFound();
  return [snapshot];
}

function restore(snapshot: FakeSharedResource): Record<string, unknown> {
  const values = snapshot.sharedWith.filter((p) => p === "all" || /^\d{12}$/.test(p));
  return { AttributeName: "restore", AttributeValues: new XmlList("AttributeValue", values) };
}

function page<T>(ctx: ServiceContext, operation: string, items: T[], params: Record<string, unknown>): { items: T[]; marker?: string } {
  const max = intParam(params.MaxRecords);
  if (max !== undefined && !(max >= 20 && max <= 100)) throw new AwsApiError("InvalidParameterValue", 400, "Invalid value for MaxRecords. Must be between 20 and 100");
  const scope = `${operation}/${ctx.caller.accountId}/${ctx.region}/${stringParam(params.SnapshotType) ?? ""}`;
  const token = stringParam(params.Marker);
  const offset = token === undefined ? 0 : decodeCursor(token, scope)?.offset;
  if (offset === undefined) throw new AwsApiError("InvalidParameterValue", 400, "Invalid value for Marker.");
  const end = Math.min(items.length, offset + pageSize(max, 100, ctx.faults.maxItemsCap));
  return { items: items.slice(offset, end), ...(end < items.length ? { marker: encodeCursor(scope, { offset: end }) } : {}) };
}

function dbSnapshotNotFound(id: unknown): AwsApiError {
  return new AwsApiError("DBSnapshotNotFound", 404, `DBSnapshot ${String(id ?? "")} not found.`);
}

function clusterSnapshotNotFound(id: unknown): AwsApiError {
  return new AwsApiError("DBClusterSnapshotNotFoundFault", 404, `DBClusterSnapshot ${String(id ?? "")} not found.`);
}

function createdAt(snapshot: FakeSharedResource): Date {
  return new Date(Date.UTC(2023, 0, 1) + Math.floor(unitFor("db-snapshot", snapshot.id) * 365 * 86_400) * 1000);
}
