/** S3 bucket policies: ListBuckets once per account (it names each bucket's region), then GetBucketPolicy in that region. */
import { GetBucketLocationCommand, GetBucketPolicyCommand, paginateListBuckets, S3Client } from "@aws-sdk/client-s3";
import { absentIsNothing, allPages, type ResourceReader } from "./regionRead";

export const s3Reader: ResourceReader = {
  services: ["s3"],
  sdkService: "s3",
  global: true,
  async read(ctx) {
    const home = ctx.client(S3Client, "s3");
    const buckets = await allPages(paginateListBuckets({ client: home, pageSize: 1000 }, {}), (page) => page.Buckets);
    await ctx.each(buckets, "s3", (b) => `arn:${ctx.partition}:s3:::${b.Name}`, async (bucket) => {
      const name = bucket.Name!;
      const region = bucket.BucketRegion ?? (await bucketRegion(home, name));
      const answer = await absentIsNothing(() => ctx.client(S3Client, "s3", region).send(new GetBucketPolicyCommand({ Bucket: name })), /^(NoSuchBucketPolicy|NoSuchBucket)$/);
      if (answer?.Policy) ctx.policy("s3", `arn:${ctx.partition}:s3:::${name}`, answer.Policy, region);
    });
  },
};

/** Older answers of ListBuckets do not name the region: ask (an empty constraint is us-east-1). */
async function bucketRegion(client: S3Client, bucket: string): Promise<string> {
  const location = await client.send(new GetBucketLocationCommand({ Bucket: bucket }));
  const constraint = location.LocationConstraint as string | undefined;
  return !constraint ? "us-east-1" : constraint === "EU" ? "eu-west-1" : constraint;
}
