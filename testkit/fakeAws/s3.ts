/**
 * S3 operations: ListBuckets (every bucket of the account whatever region the call is signed
 * for; `max-buckets` / `continuation-token` paging, `prefix` and `bucket-region` filters),
 * GetBucketPolicy (the policy text itself; 301 PermanentRedirect with `x-amz-bucket-region`
 * when signed for another region than the bucket's) and GetBucketLocation (answered from any
 * region; empty for us-east-1). The SDK addresses the fake path style (`/bucket/?policy`)
 * because its endpoint is an IP address.
 */
import { type ServiceContext, callerResources, intParam, policyText, stringParam } from "./context";
import { AwsApiError } from "./errors";
import { decodeCursor, encodeCursor, pageSize } from "./paging";
import { idFor, unitFor } from "./prng";
import { XmlList } from "./queryProtocol";
import type { FakePolicyResource } from "./types";
import { RawBody } from "./wire";

const MAX_BUCKETS = 10_000;

export async function handleS3(ctx: ServiceContext, operation: string, params: Record<string, unknown>): Promise<unknown> {
  const { account, resources } = await callerResources(ctx);
  const buckets = resources.buckets ?? [];
  switch (operation) {
    case "ListBuckets":
      return listBuckets(ctx, account.id, buckets, params);
    case "GetBucketPolicy": {
      const bucket = findBucket(buckets, params);
      if (bucket.region !== ctx.region) throw permanentRedirect(bucket);
      if (bucket.policy === undefined) throw new AwsApiError("NoSuchBucketPolicy", 404, "The bucket policy does not exist", { BucketName: bucket.name });
      return new RawBody(policyText(bucket.policy));
    }
    case "GetBucketLocation": {
      const bucket = findBucket(buckets, params);
      // S3 answers an empty LocationConstraint for us-east-1 (the SDK then leaves it undefined).
      return { LocationConstraint: bucket.region === "us-east-1" ? "" : bucket.region };
    }
    default:
      throw new AwsApiError("InvalidAction", 400, `The fake does not serve ${operation}`);
  }
}

function listBuckets(ctx: ServiceContext, accountId: string, buckets: FakePolicyResource[], params: Record<string, unknown>): Record<string, unknown> {
  const prefix = stringParam(params.prefix) ?? "";
  const region = stringParam(params["bucket-region"]);
  const max = intParam(params["max-buckets"]);
  if (max !== undefined && !(max >= 1 && max <= MAX_BUCKETS)) throw new AwsApiError("InvalidArgument", 400, `Argument max-buckets must be an integer between 1 and ${MAX_BUCKETS}`);
  const listed = buckets.filter((b) => b.name.startsWith(prefix) && (region === undefined || b.region === region)).sort((a, b) => (a.name < b.name ? -1 : 1));
  const scope = `ListBuckets/${accountId}/${prefix}/${region ?? ""}`;
  const token = stringParam(params["continuation-token"]);
  const offset = token === undefined ? 0 : decodeCursor(token, scope)?.offset;
  if (offset === undefined) throw new AwsApiError("InvalidArgument", 400, "The continuation token provided is incorrect");
  const end = Math.min(listed.length, offset + pageSize(max, MAX_BUCKETS, ctx.faults.maxItemsCap));
  return {
    ListAllMyBucketsResult: {
      Owner: { ID: idFor("0123456789abcdef", 64, "canonical-user", accountId) },
      Buckets: new XmlList(
        "Bucket",
        listed.slice(offset, end).map((b) => ({ Name: b.name, CreationDate: createdAt(accountId, b.name), BucketRegion: b.region })),
      ),
      ContinuationToken: end < listed.length ? encodeCursor(scope, { offset: end }) : undefined,
      Prefix: prefix === "" ? undefined : prefix,
    },
  };
}

function findBucket(buckets: FakePolicyResource[], params: Record<string, unknown>): FakePolicyResource {
  const name = stringParam(params.Bucket) ?? "";
  const bucket = buckets.find((b) => b.name === name);
  if (!bucket) throw new AwsApiError("NoSuchBucket", 404, "The specified bucket does not exist", { BucketName: name });
  return bucket;
}

function permanentRedirect(bucket: FakePolicyResource): AwsApiError {
  const host = bucket.region === "us-east-1" ? "s3.amazonaws.com" : `s3.${bucket.region}.amazonaws.com`;
  return new AwsApiError("PermanentRedirect", 301, "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.", {
    Endpoint: `${bucket.name}.${host}`,
    Bucket: bucket.name,
    "x-amz-bucket-region": bucket.region,
  });
}

/** A stable creation date in 2023. */
function createdAt(accountId: string, name: string): Date {
  return new Date(Date.UTC(2023, 0, 1) + Math.floor(unitFor("bucket", accountId, name) * 365) * 86_400_000);
}
