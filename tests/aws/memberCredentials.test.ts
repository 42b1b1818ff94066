import "@/testkit/fakeAws/sdkTestEnv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallCounter, stsClient, type AwsSettings } from "@/lib/aws/clients";
import { DEFAULT_MEMBER_ROLE, MemberCredentials } from "@/lib/aws/memberCredentials";
import { startFakeAws, syntheticOrganization, type FakeAws } from "@/testkit/fakeAws";

let fake: FakeAws;
const settings: AwsSettings = { region: "eu-west-1", maxAttempts: 2, retryBaseMs: 5, callTimeoutMs: 2000 };

beforeAll(async () => {
  fake = await startFakeAws({ organization: syntheticOrganization({ accounts: 3, rolesPerAccount: 1 }) });
});
afterAll(() => fake?.stop());

describe("member account credentials", () => {
  it("assumes the role once per account and reuses the credentials until shortly before they expire", async () => {
    const org = syntheticOrganization({ accounts: 3, rolesPerAccount: 1 });
    const member = org.accounts.find((a) => a.id !== org.managementAccountId)!.id;
    const sts = stsClient(settings, fake.managementCredentials, new CallCounter());
    process.env.AWS_ENDPOINT_URL = fake.url;
    const credentials = new MemberCredentials(DEFAULT_MEMBER_ROLE, org.managementAccountId, "aws");
    expect(credentials.forAccount(org.managementAccountId, sts)).toBeNull();
    const provider = credentials.forAccount(member, sts)!;
    const first = await provider();
    const second = await provider();
    expect(second).toBe(first);
    const assumed = fake.calls.filter((c) => c.operation === "AssumeRole");
    expect(assumed).toHaveLength(1);
    expect(assumed[0]!.params).toMatchObject({ RoleArn: `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`, RoleSessionName: "vendorscope" });
    expect(first.expiration!.getTime()).toBeGreaterThan(Date.now() + 5 * 60 * 1000);
  });
});
