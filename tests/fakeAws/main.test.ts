/** The fake as its own process: the CLI prints where it listens and stops on SIGTERM. */
import "@/testkit/fakeAws/sdkTestEnv";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { ListAccountsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { describe, expect, it } from "vitest";

const TSX = new URL("../../node_modules/.bin/tsx", import.meta.url).pathname;
const MAIN = new URL("../../testkit/fakeAws/main.ts", import.meta.url).pathname;
const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;

function run(args: string[]) {
  const child = spawn(TSX, [MAIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const values = new Promise<Record<string, string>>((resolve, reject) => {
    const found: Record<string, string> = {};
    lines.on("line", (line) => {
      const [key, ...rest] = line.split("=");
      if (key) found[key] = rest.join("=");
      if (found.FAKE_AWS_SECRET_ACCESS_KEY) resolve(found);
    });
    child.on("exit", () => reject(new Error(`exited early: ${stderr}`)));
  });
  return { child, exited, values, stderr: () => stderr };
}

describe("fake AWS CLI", () => {
  it("serves a fixture directory until SIGTERM", async () => {
    const proc = run(["--fixture", ACME, "--latency", "5", "--port", "0"]);
    try {
      const env = await proc.values;
      expect(env.FAKE_AWS_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(env.FAKE_AWS_ACCESS_KEY_ID).toMatch(/^AKIA/);
      const client = new OrganizationsClient({
        region: "us-east-1",
        endpoint: env.FAKE_AWS_URL,
        credentials: { accessKeyId: env.FAKE_AWS_ACCESS_KEY_ID!, secretAccessKey: env.FAKE_AWS_SECRET_ACCESS_KEY! },
      });
      expect((await client.send(new ListAccountsCommand({}))).Accounts).toHaveLength(5);
      client.destroy();
    } finally {
      proc.child.kill("SIGTERM");
    }
    expect(await proc.exited).toBe(0);
  });

  it("refuses bad usage with exit code 2", async () => {
    const proc = run(["--synthetic", "lots"]);
    proc.values.catch(() => undefined);
    expect(await proc.exited).toBe(2);
    expect(proc.stderr()).toContain('--synthetic: "lots" is not ACCOUNTSxROLES');
  });
});
