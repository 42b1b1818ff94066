/**
 * EC2 operations: DescribeRegions (the account's enabled regions; with AllRegions also the
 * others, "not-opted-in"; RegionName filter), DescribeSnapshots and DescribeImages (the
 * caller's own in the call's region — Owner "self" or the account id —, SnapshotId / ImageId
 * filters, MaxResults/NextToken), DescribeSnapshotAttribute (createVolumePermission) and
 * DescribeImageAttribute (launchPermission: accounts, group "all", organization and OU ARNs).
 */
import { type ServiceContext, DEFAULT_ENABLED_REGIONS, callerResources, intParam, listParam, stringParam } from "./context";
import { AwsApiError } from "./errors";
import { decodeCursor, encodeCursor, pageSize } from "./paging";
import { idFor, unitFor } from "./prng";
import type { FakeSharedResource } from "./types";

const STANDARD_REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "sa-east-1"];
const OPT_IN_REGIONS = ["af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1", "mx-central-1"];

export async function handleEc2(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { account, inRegion, resources } = await callerResources(ctx);
  switch (operation) {
    case "DescribeRegions":
      return { regionInfo: describeRegions(account.enabledRegions ?? DEFAULT_ENABLED_REGIONS, params) };
    case "DescribeSnapshots": {
      const snapshots = selected(ctx, inRegion(resources.snapshots), params.Owner, params.SnapshotId, "InvalidSnapshot.NotFound", "snapshot");
      const { items, next } = page(ctx, "DescribeSnapshots", snapshots, params, 5);
      return { snapshotSet: items.map((s) => snapshotJson(ctx, s)), nextToken: next };
    }
    case "DescribeSnapshotAttribute": {
      const snapshot = find(inRegion(resources.snapshots), params.SnapshotId, "InvalidSnapshot.NotFound", "snapshot");
      requireAttribute(params.Attribute, "createVolumePermission");
      const permissions = snapshot.sharedWith.filter((p) => p === "all" || /^\d{12}$/.test(p)).map((p) => (p === "all" ? { group: "all" } : { userId: p }));
      return { snapshotId: snapshot.id, createVolumePermission: permissions };
    }
    case "DescribeImages": {
      const images = selected(ctx, inRegion(resources.images), params.Owner, params.ImageId, "InvalidAMIID.NotFound", "image");
      const { items, next } = page(ctx, "DescribeImages", images, params, 6);
      return { imagesSet: items.map((i) => imageJson(ctx, i)), nextToken: next };
    }
    case "DescribeImageAttribute": {
      const image = find(inRegion(resources.images), params.ImageId, "InvalidAMIID.NotFound", "image");
      requireAttribute(params.Attribute, "launchPermission");
      return { imageId: image.id, launchPermission: image.sharedWith.map(launchPermission) };
    }
    default:
      throw new AwsApiError("InvalidAction", 400, `The action ${operation} is not valid for this web service.`);
  }
}

function describeRegions(enabled: readonly string[], params: Record<string, unknown>): Record<string, unknown>[] {
  const all = stringParam(params.AllRegions) === "true";
  const known = all ? [...new Set([...enabled, ...STANDARD_REGIONS, ...OPT_IN_REGIONS])] : [...enabled];
  const names = listParam(params.RegionName);
  const unknown = names.find((name) => !known.includes(name));
  if (unknown !== undefined) throw new AwsApiError("InvalidParameterValue", 400, `Invalid region: ${unknown}`);
  return known
    .filter((name) => names.length === 0 || names.includes(name))
    .map((name) => ({
      regionName: name,
      regionEndpoint: `ec2.${name}.amazonaws.com`,
      optInStatus: !enabled.includes(name) ? "not-opted-in" : OPT_IN_REGIONS.includes(name) ? "opted-in" : "opt-in-not-required",
    }));
}

/** The caller's own resources (Owner "self" or its account id; no Owner: all it can see), narrowed to `ids`. */
function selected(ctx: ServiceContext, own: FakeSharedResource[], owners: unknown, ids: unknown, notFound: string, kind: string): FakeSharedResource[] {
  const ownerList = listParam(owners);
  const mine = ownerList.length === 0 || ownerList.some((o) => o === "self" || o === ctx.caller.accountId) ? own : [];
  const idList = listParam(ids);
  if (idList.length === 0) return mine;
  return idList.map((id) => find(mine, id, notFound, kind));
}

function find(resources: FakeSharedResource[], id: unknown, notFound: string, kind: string): FakeSharedResource {
  const resource = resources.find((r) => r.id === id);
  if (!resource) throw new AwsApiError(notFound, 400, `The ${kind} id '[${String(id ?? "")}]' does not exist`);
  return resource;
}

function requireAttribute(value: unknown, served: string): void {
  if (value !== served) throw new AwsApiError("InvalidParameterValue", 400, `Value (${String(value ?? "")}) for parameter attribute is invalid. The fake serves only ${served}.`);
}

function page<T>(ctx: ServiceContext, operation: string, items: T[], params: Record<string, unknown>, min: number): { items: T[]; next?: string } {
  const max = intParam(params.MaxResults);
  if (max !== undefined && !(max >= min && max <= 1000)) throw new AwsApiError("InvalidParameterValue", 400, `Value ( ${String(params.MaxResults)} ) for parameter maxResults is invalid. Expecting a value between ${min} and 1000.`);
  const scope = `${operation}/${ctx.caller.accountId}/${ctx.region}/${listParam(params.Owner).join(",")}`;
  const token = stringParam(params.NextToken);
  const offset = token === undefined ? 0 : decodeCursor(token, scope)?.offset;
  if (offset === undefined) throw new AwsApiError("InvalidPaginationToken", 400, "The specified pagination token is not valid or is expired.");
  const end = Math.min(items.length, offset + pageSize(max, 1000, ctx.faults.maxItemsCap));
  return { items: items.slice(offset, end), ...(end < items.length ? { next: encodeCursor(scope, { offset: end }) } : {}) };
}

function snapshotJson(ctx: ServiceContext, snapshot: FakeSharedResource): Record<string, unknown> {
  return {
    snapshotId: snapshot.id,
    volumeId: `vol-${idFor("0123456789abcdef", 17, "volume", snapshot.id)}`,
    status: "completed",
    startTime: createdAt("snapshot", snapshot.id),
    progress: "100%",
    ownerId: ctx.caller.accountId,
    volumeSize: 8,
    description: "",
    encrypted: false,
    storageTier: "standard",
  };
}

function imageJson(ctx: ServiceContext, image: FakeSharedResource): Record<string, unknown> {
  return {
    imageId: image.id,
    imageLocation: `${ctx.caller.accountId}/${image.id}`,
    imageState: "available",
    imageOwnerId: ctx.caller.accountId,
    creationDate: createdAt("image", image.id),
    isPublic: image.sharedWith.includes("all"),
    architecture: "x86_64",
    imageType: "machine",
    name: image.id,
    rootDeviceType: "ebs",
    rootDeviceName: "/dev/xvda",
    virtualizationType: "hvm",
    hypervisor: "xen",
  };
}

function launchPermission(principal: string): Record<string, string> {
  if (principal === "all") return { group: "all" };
  if (/^arn:[^:]+:organizations::\d{12}:organization\//.test(principal)) return { organizationArn: principal };
  if (/^arn:[^:]+:organizations::\d{12}:ou\//.test(principal)) return { organizationalUnitArn: principal };
  return { userId: principal };
}

/** A stable date in 2023. */
function createdAt(kind: string, id: string): Date {
  return new Date(Date.UTC(2023, 0, 1) + Math.floor(unitFor(kind, id) * 365 * 86_400) * 1000);
}
