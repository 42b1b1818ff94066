/**
 * Runs the fake AWS as its own process:
 *   npx tsx testkit/fakeAws/main.ts --synthetic 1000x300 [--vendor-share 0.05] [--latency 30] [--port 0]
 *   npx tsx testkit/fakeAws/main.ts --fixture tests/fixtures/acme-org/exports
 * Prints FAKE_AWS_URL=…, FAKE_AWS_ACCESS_KEY_ID=… and FAKE_AWS_SECRET_ACCESS_KEY=… on stdout
 * once listening, and runs until SIGTERM or SIGINT.
 */
import { parseArgs } from "node:util";
import { loadFixtureDirectory } from "./fixtureDirectory";
import { startFakeAws } from "./server";
import { syntheticOrganization } from "./syntheticOrganization";
import type { FaultOptions, StartFakeAwsOptions } from "./types";

const USAGE = `Usage: npx tsx testkit/fakeAws/main.ts (--synthetic ACCOUNTSxROLES | --fixture DIR) [options]
  --synthetic NxM        synthetic organization of N accounts with M roles each
  --vendor-share S       share of roles trusting vendors (default 0.05)
  --users N              IAM users per account (default 2)
  --seed N               synthetic seed (default 1)
  --generation K         synthetic churn generation (default 0)
  --resources            synthetic resources with policies in two regions
  --fixture DIR          serve a directory of exports (list-accounts.json, *-authz.json)
  --latency MS           latency added to every response
  --faults JSON          more fault options (FaultOptions as JSON)
  --port N               port (default 0: any free port)`;

function fail(message: string): never {
  process.stderr.write(`fake-aws: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) fail(`${name}: "${value}" is not a number`);
  return n;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        synthetic: { type: "string" },
        "vendor-share": { type: "string" },
        users: { type: "string" },
        seed: { type: "string" },
        generation: { type: "string" },
        resources: { type: "boolean" },
        fixture: { type: "string" },
        latency: { type: "string" },
        faults: { type: "string" },
        port: { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if ((values.synthetic === undefined) === (values.fixture === undefined)) fail("give exactly one of --synthetic and --fixture");

  let fixture: Pick<StartFakeAwsOptions, "organization" | "standaloneAccount">;
  if (values.synthetic !== undefined) {
    const match = /^(\d+)x(\d+)$/.exec(values.synthetic);
    if (!match) fail(`--synthetic: "${values.synthetic}" is not ACCOUNTSxROLES`);
    const vendorShare = number(values["vendor-share"], "--vendor-share");
    const usersPerAccount = number(values.users, "--users");
    const seed = number(values.seed, "--seed");
    const generation = number(values.generation, "--generation");
    fixture = {
      organization: syntheticOrganization({
        accounts: Number(match[1]),
        rolesPerAccount: Number(match[2]),
        ...(vendorShare !== undefined ? { vendorShare } : {}),
        ...(usersPerAccount !== undefined ? { usersPerAccount } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(generation !== undefined ? { generation } : {}),
        ...(values.resources ? { resources: true } : {}),
      }),
    };
  } else {
    fixture = await loadFixtureDirectory(values.fixture!);
  }

  let faults: FaultOptions = {};
  if (values.faults !== undefined) {
    try {
      faults = JSON.parse(values.faults) as FaultOptions;
    } catch {
      fail("--faults: not valid JSON");
    }
  }
  const latencyMs = number(values.latency, "--latency");
  if (latencyMs !== undefined) faults = { ...faults, latencyMs };

  const fake = await startFakeAws({ ...fixture, faults, port: number(values.port, "--port") ?? 0 });
  process.stdout.write(
    `FAKE_AWS_URL=${fake.url}\nFAKE_AWS_ACCESS_KEY_ID=${fake.managementCredentials.accessKeyId}\nFAKE_AWS_SECRET_ACCESS_KEY=${fake.managementCredentials.secretAccessKey}\n`,
  );
  const shutdown = () => {
    fake.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-aws: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
