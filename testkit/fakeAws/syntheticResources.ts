/**
 * Resources for the synthetic organization (bench:scan): per account 50 buckets, 20 keys,
 * 20 queues, 10 topics, 10 functions, 10 secrets and 5 repositories, spread over two regions,
 * plus a few shared snapshots. Most policies are internal; about 1 in 10 grants a vendor
 * account, a few are public. Deterministic from (seed, account).
 */
import { unitFor } from "./prng";
import { SYNTHETIC_VENDORS } from "./syntheticVendors";
import type { FakeResources } from "./types";

export const SYNTHETIC_REGIONS = ["us-east-1", "eu-west-1"];

export const SYNTHETIC_RESOURCE_COUNTS = { buckets: 50, keys: 20, queues: 20, topics: 10, functions: 10, secrets: 10, repositories: 5 } as const;

export function syntheticResources(seed: number, accountId: string, orgId: string): FakeResources {
  const region = (i: number) => SYNTHETIC_REGIONS[i % SYNTHETIC_REGIONS.length]!;
  /** Who the i-th resource of a kind lets in: mostly our own account or organization, sometimes a vendor, rarely anyone. */
  const principal = (kind: string, i: number): { principal: unknown; condition?: Record<string, unknown> } => {
    const u = unitFor(seed, "resource", accountId, kind, i);
    if (u < 0.01) return { principal: "*" };
    if (u < 0.11) return { principal: { AWS: `arn:aws:iam::${SYNTHETIC_VENDORS[Math.floor(u * 1000) % SYNTHETIC_VENDORS.length]!.id}:root` } };
    if (u < 0.4) return { principal: "*", condition: { StringEquals: { "aws:PrincipalOrgID": orgId } } };
    return { principal: { AWS: `arn:aws:iam::${accountId}:root` } };
  };
  const policy = (kind: string, i: number, actions: string[], resource: string) => {
    const { principal: who, condition } = principal(kind, i);
    return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: who, Action: actions, Resource: resource, ...(condition ? { Condition: condition } : {}) }] };
  };
  const many = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));
  const c = SYNTHETIC_RESOURCE_COUNTS;
  return {
    buckets: many(c.buckets, (i) => {
      const name = `b-${accountId}-${i}`;
      // A third of buckets have no policy.
      return { name, region: region(i), ...(i % 3 === 2 ? {} : { policy: policy("s3", i, ["s3:GetObject", "s3:ListBucket"], `arn:aws:s3:::${name}/*`) }) };
    }),
    keys: many(c.keys, (i) => ({ id: `${String(i).padStart(8, "0")}-0000-4000-8000-${accountId}`, region: region(i), policy: policy("kms", i, ["kms:Decrypt", "kms:Encrypt"], "*") })),
    queues: many(c.queues, (i) => ({ name: `q-${i}`, region: region(i), ...(i % 2 ? {} : { policy: policy("sqs", i, ["sqs:SendMessage"], "*") }) })),
    topics: many(c.topics, (i) => ({ name: `t-${i}`, region: region(i), policy: policy("sns", i, ["sns:Publish", "sns:Subscribe"], "*") })),
    functions: many(c.functions, (i) => ({ name: `f-${i}`, region: region(i), ...(i % 2 ? {} : { policy: policy("lambda", i, ["lambda:InvokeFunction"], "*") }) })),
    secrets: many(c.secrets, (i) => ({ name: `s-${i}`, region: region(i), ...(i % 2 ? {} : { policy: policy("secretsmanager", i, ["secretsmanager:GetSecretValue"], "*") }) })),
    repositories: many(c.repositories, (i) => ({ name: `r-${i}`, region: region(i), policy: policy("ecr", i, ["ecr:BatchGetImage"], "*") })),
    snapshots: many(2, (i) => ({ id: `snap-${accountId}${i}`, region: region(i), sharedWith: unitFor(seed, "snapshot", accountId, i) < 0.2 ? [SYNTHETIC_VENDORS[i]!.id] : [] })),
  };
}
