import "@/testkit/fakeAws/sdkTestEnv";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MEMBER_ROLE } from "@/lib/aws/memberCredentials";
import { runDoctor, type DoctorOptions } from "@/lib/onboarding/doctor";
import { loadFixtureDirectory, startFakeAws, type FakeAws, type FaultOptions } from "@/testkit/fakeAws";
import { runCli } from "../helpers/cli";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
const SECURITY = "210000000004";
const savedEnv = { ...process.env };
let fake: FakeAws | undefined;

const options = (extra: Partial<DoctorOptions> = {}): DoctorOptions => ({
  aws: { region: "us-east-1", maxAttempts: 2, retryBaseMs: 5, callTimeoutMs: 2000 },
  memberRole: DEFAULT_MEMBER_ROLE,
  vendorList: null,
  ...extra,
});

async function fakeOrganization(faults: FaultOptions = {}) {
  fake = await startFakeAws({ organization: (await loadFixtureDirectory(ACME)).organization!, faults });
  for (const [key, value] of Object.entries(fake.env())) {
    if (value === "") delete process.env[key];
    else process.env[key] = value;
  }
  return fake;
}

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
  process.env = { ...savedEnv };
});
afterAll(() => {
  process.env = savedEnv;
});

const step = (report: Awaited<ReturnType<typeof runDoctor>>, id: string) => report.steps.find((s) => s.id === id)!;

describe("vendorscope doctor: can this machine scan the organization?", () => {
  it("passes every step when credentials, Organizations, the member role and IAM reads all work", async () => {
    await fakeOrganization();
    const report = await runDoctor(options({ vendorList: { source: "accounts.yaml", updatedAt: "2026-11-01T00:00:00Z", accounts: 600 } }));
    expect(report.steps.map((s) => [s.id, s.status])).toEqual([
      ["credentials", "ok"],
      ["organization", "ok"],
      ["member-role", "ok"],
      ["iam-read", "ok"],
      ["vendor-list", "ok"],
    ]);
    expect(report.ok).toBe(true);
    expect(step(report, "credentials").detail).toContain("210000000001");
    expect(step(report, "member-role").detail).toMatch(/in all \d+ member accounts/);
    // Only read-only calls, and GetAccountAuthorizationDetails asked for a single item.
    const ops = new Set(fake!.calls.map((c) => c.operation));
    expect([...ops].sort()).toEqual(expect.arrayContaining(["AssumeRole", "GetAccountAuthorizationDetails", "GetCallerIdentity", "ListAccounts"]));
  });

  it("names each account whose role cannot be assumed, why, and the fix", async () => {
    await fakeOrganization({ denyAssumeRole: [SECURITY] });
    const report = await runDoctor(options());
    const member = step(report, "member-role");
    expect(member.status).toBe("fail");
    expect(member.accounts).toEqual([{ accountId: SECURITY, name: expect.any(String), problem: expect.stringMatching(/AccessDenied/) }]);
    expect(member.fix).toContain("deploy/cloudformation/member-audit-role.yaml");
    expect(step(report, "iam-read").status).toBe("ok");
    expect(step(report, "vendor-list")).toMatchObject({ status: "warn", fix: expect.stringContaining("vendors update") });
    expect(report.ok).toBe(false);
  });

  it("warns, with the fix, when Organizations is not readable", async () => {
    await fakeOrganization({ organizationsAccess: "denied" });
    const organization = step(await runDoctor(options()), "organization");
    expect(organization.status).toBe("warn");
    expect(organization.fix).toMatch(/management account or a delegated administrator/);
  });

  it("fails at the first step without usable credentials, and checks nothing that depends on them", async () => {
    process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:9";
    process.env.AWS_ACCESS_KEY_ID = "AKIAEXAMPLE";
    process.env.AWS_SECRET_ACCESS_KEY = "secret";
    const report = await runDoctor(options());
    expect(report.steps.map((s) => s.status)).toEqual(["fail", "skipped", "skipped", "skipped", "warn"]);
    expect(step(report, "credentials").fix).toContain("AWS_PROFILE");
  });

  it("prints each step with its fix and exits 1 when a step failed", async () => {
    const f = await fakeOrganization({ denyAssumeRole: [SECURITY] });
    const result = await runCli(["doctor"], { ...f.env(), VENDORSCOPE_DATA_DIR: join(mkdtempSync(join(tmpdir(), "vs-doctor-")), "pglite"), DATABASE_URL: "" });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^\[ok  \] AWS credentials found: /m);
    expect(result.stdout).toMatch(/^\[FAIL\] Member role assumable in every account: /m);
    expect(result.stdout).toContain(`         ${SECURITY}`);
    expect(result.stdout).toMatch(/^\[WARN\] Known vendor list downloaded/m);
  });
});
