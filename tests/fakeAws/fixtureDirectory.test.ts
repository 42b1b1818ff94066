/** Loading a directory of AWS exports (the Acme fixture) into a fake organization. */
import "@/testkit/fakeAws/sdkTestEnv";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetAccountAuthorizationDetailsCommand, IAMClient } from "@aws-sdk/client-iam";
import { ListAccountsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { loadFixtureDirectory } from "@/testkit/fakeAws/fixtureDirectory";
import { startFakeAws } from "@/testkit/fakeAws";

const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;

type Role = { RoleName: string; AssumeRolePolicyDocument: unknown; RolePolicyList: { PolicyDocument: unknown }[] };

describe("loadFixtureDirectory", () => {
  it("reads the Acme exports, decoding all three document encodings", async () => {
    const { organization } = await loadFixtureDirectory(ACME);
    expect(organization?.id).toBe("o-acme1234567");
    expect(organization?.managementAccountId).toBe("210000000001");
    expect(organization?.accounts.map((a) => a.name)).toEqual(["acme-management", "acme-prod", "acme-staging", "acme-security", "acme-sandbox"]);
    for (const account of organization!.accounts.slice(0, 4)) {
      const roles = (await account.authorizationDetails()).RoleDetailList as Role[];
      expect(roles.length).toBeGreaterThan(0);
      for (const role of roles) {
        expect(role.AssumeRolePolicyDocument).toMatchObject({ Version: "2012-10-17" });
        for (const p of role.RolePolicyList) expect(typeof p.PolicyDocument).toBe("object");
      }
    }
    const management = (await organization!.accounts[0]!.authorizationDetails()).RoleDetailList as Role[];
    expect(management[0]!.AssumeRolePolicyDocument).toMatchObject({ Statement: [{ Condition: { StringEquals: { "sts:ExternalId": "ch-7f3a9d" } } }] });
    expect(await organization!.accounts[4]!.authorizationDetails()).toEqual({});
  });

  it("serves staging's JSON-text documents URL-encoded, decoding to the same policy", async () => {
    const fixture = await loadFixtureDirectory(ACME);
    const fake = await startFakeAws(fixture);
    try {
      const base = { region: "us-east-1", endpoint: fake.url };
      const accounts = await new OrganizationsClient({ ...base, credentials: fake.managementCredentials }).send(new ListAccountsCommand({}));
      expect(accounts.Accounts).toHaveLength(5);
      const { Credentials: c } = await new STSClient({ ...base, credentials: fake.managementCredentials }).send(
        new AssumeRoleCommand({ RoleArn: "arn:aws:iam::210000000003:role/OrganizationAccountAccessRole", RoleSessionName: "test" }),
      );
      const iam = new IAMClient({ ...base, credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! } });
      const page = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
      const exported = JSON.parse(readFileSync(join(ACME, "staging-authz.json"), "utf8")) as { RoleDetailList: { AssumeRolePolicyDocument: string }[] };
      expect(page.RoleDetailList?.map((r) => JSON.parse(decodeURIComponent(r.AssumeRolePolicyDocument!)))).toEqual(
        exported.RoleDetailList.map((r) => JSON.parse(r.AssumeRolePolicyDocument)),
      );
    } finally {
      await fake.stop();
    }
  });

  it("makes a single export without an account list a standalone account", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fake-aws-fixture-"));
    writeFileSync(join(dir, "solo-authz.json"), readFileSync(join(ACME, "security-authz.json")));
    const fixture = await loadFixtureDirectory(dir);
    expect(fixture.organization).toBeNull();
    expect(fixture.standaloneAccount?.id).toBe("210000000004");
    expect(fixture.standaloneAccount?.name).toBe("solo");
  });
});
