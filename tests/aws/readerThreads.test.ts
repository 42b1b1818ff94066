/**
 * Resource reads on worker threads: the same export as a read on the scanning thread, the
 * calls counted where the scan counts them, and a thread that is gone leaves the read here.
 */
import "@/testkit/fakeAws/sdkTestEnv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServiceCallCounter, type AwsSettings } from "@/lib/aws/clients";
import { configuredReadThreads, readResources, ResourceReadThreads } from "@/lib/aws/resources/readerThreads";
import { startFakeAws, type FakeAccount, type FakeAws } from "@/testkit/fakeAws";

const MGMT = "400000000001";
const US = "us-east-1";
const policy = (principal: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "s3:GetObject", Resource: "*" }] });
const account: FakeAccount = {
  id: MGMT,
  name: "scanner",
  authorizationDetails: () => ({}),
  enabledRegions: [US],
  resources: () => ({
    buckets: [{ name: "shared-reports", region: US, policy: policy("arn:aws:iam::464622532012:root") }, { name: "private", region: US }],
    queues: [{ name: "jobs", region: US }],
  }),
};
const aws: AwsSettings = { region: US, maxAttempts: 2, retryBaseMs: 1, callTimeoutMs: 3000 };
const savedEnv = { ...process.env };
let fake: FakeAws;

beforeAll(async () => {
  fake = await startFakeAws({ organization: { id: "o-threads00001", managementAccountId: MGMT, accounts: [account] } });
  for (const [key, value] of Object.entries(fake.env())) {
    if (value === "") delete process.env[key];
    else process.env[key] = value;
  }
});
afterAll(async () => {
  await fake?.stop();
  process.env = savedEnv;
});

const options = (calls: ServiceCallCounter) => ({ accountId: MGMT, partition: "aws", aws, credentials: undefined, calls, regions: [US] });

describe("resource reads on threads", () => {
  it("read the same export as the scanning thread, and count the calls for the scan", async () => {
    const here = new ServiceCallCounter();
    const inProcess = await readResources(null, options(here));
    const threads = ResourceReadThreads.open(1);
    expect(threads).not.toBeNull();
    try {
      const there = new ServiceCallCounter();
      const onThread = await threads!.read(options(there));
      expect(onThread).toEqual(inProcess);
      expect(onThread.document.ResourcePolicies.map((p) => p.Arn)).toEqual(["arn:aws:s3:::shared-reports"]);
      expect(there.toRecord()).toEqual(here.toRecord());
      expect(there.total).toBeGreaterThan(0);
    } finally {
      await threads!.close();
    }
  });

  it("ask the scanning thread for fresh credentials when the role session they hold nears its expiry", async () => {
    const threads = ResourceReadThreads.open(1)!;
    try {
      expect(await threads.liveThreads()).toBe(1);
      const handedOut: Date[] = [];
      const provider = async () => {
        // The first session is about to lapse; the account's provider then hands out a new one.
        const expiration = new Date(Date.now() + (handedOut.length === 0 ? 60_000 : 3_600_000));
        handedOut.push(expiration);
        return { ...fake.managementCredentials, expiration };
      };
      const read = await threads.read({ ...options(new ServiceCallCounter()), credentials: provider });
      expect(read.document.ResourcePolicies.map((p) => p.Arn)).toEqual(["arn:aws:s3:::shared-reports"]);
      expect(handedOut).toHaveLength(2);
    } finally {
      await threads.close();
    }
  });

  it("record, service by service, that the role session could not be refreshed", async () => {
    const threads = ResourceReadThreads.open(1)!;
    try {
      let asked = 0;
      const provider = async () => {
        if (asked++ > 0) throw new Error("AccessDenied: not authorized to perform sts:AssumeRole");
        return { ...fake.managementCredentials, expiration: new Date(Date.now() + 60_000) };
      };
      const read = await threads.read({ ...options(new ServiceCallCounter()), credentials: provider });
      expect(read.warnings).toContain(
        "resources: s3: could not be read (Error: the role session could not be refreshed: AccessDenied: not authorized to perform sts:AssumeRole); the grants stored before are kept",
      );
      expect(read.document.ResourcePolicies).toEqual([]);
    } finally {
      await threads.close();
    }
  });

  it("leave the read to the scanning thread once the threads are gone", async () => {
    const threads = ResourceReadThreads.open(2)!;
    await threads.close();
    const calls = new ServiceCallCounter();
    const read = await threads.read(options(calls));
    expect(read.document.ResourcePolicies).toHaveLength(1);
    expect(calls.total).toBeGreaterThan(0);
  });

  it("are as many as VENDORSCOPE_READ_THREADS says, 0 to read on the scanning thread", () => {
    expect(configuredReadThreads("0")).toBe(0);
    expect(configuredReadThreads(" 3 ")).toBe(3);
    expect(ResourceReadThreads.open(0)).toBeNull();
    expect(configuredReadThreads(undefined)).toBeGreaterThanOrEqual(0);
    expect(configuredReadThreads(undefined)).toBeLessThanOrEqual(4);
    expect(() => configuredReadThreads("many")).toThrow('VENDORSCOPE_READ_THREADS: "many" is not a number of threads from 0 to 64');
  });
});
