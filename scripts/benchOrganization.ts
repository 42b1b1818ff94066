/**
 * For benchmarks: the synthetic organization served by the fake AWS in its own process, and
 * a live scan of it into a given store.
 */
import "../testkit/fakeAws/sdkTestEnv";
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { DEFAULT_AWS_SETTINGS } from "../lib/aws/clients";
import { DEFAULT_MEMBER_ROLE } from "../lib/aws/memberCredentials";
import type { InventoryStore } from "../lib/db/inventoryStore";
import type { ScanResult } from "../lib/db/scanTypes";
import { runAwsScan } from "../lib/scan/runners/inline";
import { silentProgress } from "../lib/scan/progress";

export interface SyntheticOrg {
  accounts: number;
  roles: number;
  latencyMs: number;
  /** Serve resources with policies in two regions (testkit/fakeAws/syntheticResources.ts). */
  resources?: boolean;
}

/** Starts the fake AWS (`generation` k differs from k-1 by 1% of roles) and points the SDK at it. */
export async function startFakeAwsProcess(org: SyntheticOrg, generation: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "testkit/fakeAws/main.ts", "--synthetic", `${org.accounts}x${org.roles}`, "--latency", String(org.latencyMs), "--generation", String(generation), ...(org.resources ? ["--resources"] : [])],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const env: Record<string, string> = {};
  for await (const line of createInterface({ input: child.stdout! })) {
    const [key, value] = line.split("=", 2) as [string, string];
    env[key] = value;
    if (env.FAKE_AWS_URL && env.FAKE_AWS_ACCESS_KEY_ID && env.FAKE_AWS_SECRET_ACCESS_KEY) break;
  }
  process.env.AWS_ENDPOINT_URL = env.FAKE_AWS_URL;
  for (const service of ["IAM", "STS", "ORGANIZATIONS", "S3", "KMS", "SQS", "SNS", "LAMBDA", "SECRETS_MANAGER", "ECR", "EC2", "RDS", "RAM", "ACCESSANALYZER"]) process.env[`AWS_ENDPOINT_URL_${service}`] = env.FAKE_AWS_URL;
  process.env.AWS_ACCESS_KEY_ID = env.FAKE_AWS_ACCESS_KEY_ID;
  process.env.AWS_SECRET_ACCESS_KEY = env.FAKE_AWS_SECRET_ACCESS_KEY;
  process.env.AWS_REGION = "us-east-1";
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/**
 * One live scan of the synthetic organization at `generation`; returns the result and wall time.
 * `readResources`: whether the scan reads resource policies (default: as configured).
 */
export async function scanSynthetic(store: InventoryStore, org: SyntheticOrg, generation: number, concurrency: number, readResources?: boolean): Promise<{ result: ScanResult; ms: number }> {
  const fake = await startFakeAwsProcess(org, generation);
  try {
    const started = performance.now();
    const resources = readResources === undefined ? {} : { resources: { enabled: readResources, regions: null } };
    const result = await runAwsScan(store, { aws: DEFAULT_AWS_SETTINGS, memberRole: DEFAULT_MEMBER_ROLE, concurrency, trigger: "bench", ...resources }, silentProgress);
    return { result, ms: performance.now() - started };
  } finally {
    await stopProcess(fake);
  }
}
