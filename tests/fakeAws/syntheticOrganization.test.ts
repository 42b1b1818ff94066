/** The synthetic organization: deterministic, lazily generated, realistic shares, bounded churn. */
import "@/testkit/fakeAws/sdkTestEnv";
import { GetAccountAuthorizationDetailsCommand, IAMClient } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { startFakeAws } from "@/testkit/fakeAws";
import { syntheticOrganization } from "@/testkit/fakeAws/syntheticOrganization";

interface Role {
  RoleName: string;
  AssumeRolePolicyDocument: { Statement: { Principal: { AWS?: string; Service?: string }; Condition?: unknown }[] };
  RolePolicyList: unknown[];
  RoleLastUsed: object;
  AttachedManagedPolicies: { PolicyArn: string }[];
}
interface Policy {
  Arn: string;
  AttachmentCount: number;
  DefaultVersionId: string;
  PolicyVersionList: { Document: { Statement: Record<string, unknown>[] }; VersionId: string; IsDefaultVersion: boolean }[];
}

const rolesOf = async (org: ReturnType<typeof syntheticOrganization>, index: number) => (await org.accounts[index]!.authorizationDetails()).RoleDetailList as Role[];

describe("syntheticOrganization", () => {
  it("is deterministic and generates accounts lazily", async () => {
    const a = syntheticOrganization({ accounts: 5, rolesPerAccount: 50, seed: 3 });
    const b = syntheticOrganization({ accounts: 5, rolesPerAccount: 50, seed: 3 });
    const first = await a.accounts[2]!.authorizationDetails();
    const again = await a.accounts[2]!.authorizationDetails();
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(await b.accounts[2]!.authorizationDetails()).toEqual(first);
    expect(await syntheticOrganization({ accounts: 5, rolesPerAccount: 50, seed: 4 }).accounts[2]!.authorizationDetails()).not.toEqual(first);
    expect(a.accounts.map((x) => x.id)).toEqual(b.accounts.map((x) => x.id));
    expect(new Set(a.accounts.map((x) => x.id)).size).toBe(5);
    expect(a.accounts.every((x) => /^\d{12}$/.test(x.id))).toBe(true);
    expect(a.id).toMatch(/^o-[a-z0-9]{10}$/);
    expect(a.managementAccountId).toBe(a.accounts[0]!.id);
  });

  it("has realistic trust and policy shares", async () => {
    const org = syntheticOrganization({ accounts: 20, rolesPerAccount: 300 });
    let total = 0, vendor = 0, withExternalId = 0, management = 0, inline = 0, used = 0;
    const vendorIds = new Set(org.vendors.map((v) => v.id));
    for (let i = 0; i < org.accounts.length; i++) {
      const details = await org.accounts[i]!.authorizationDetails();
      const roles = details.RoleDetailList as Role[];
      expect(roles).toHaveLength(300);
      expect(new Set(roles.map((r) => r.RoleName)).size).toBe(300);
      if (i > 0) expect(roles[0]!.RoleName).toBe("OrganizationAccountAccessRole");
      for (const role of roles) {
        total++;
        const { Principal, Condition } = role.AssumeRolePolicyDocument.Statement[0]!;
        const account = /^arn:aws:iam::(\d{12}):/.exec(Principal.AWS ?? "")?.[1];
        if (account === org.managementAccountId) management++;
        else if (account !== undefined) {
          expect(vendorIds.has(account)).toBe(true);
          vendor++;
          if (Condition) withExternalId++;
        } else expect(Principal.Service).toMatch(/\.amazonaws\.com$/);
        if (role.RolePolicyList.length > 0) inline++;
        if (Object.keys(role.RoleLastUsed).length > 0) used++;
      }
      // Every attached managed policy is listed once, with its default version.
      const policies = details.Policies as Policy[];
      const attached = new Set(roles.flatMap((r) => r.AttachedManagedPolicies.map((p) => p.PolicyArn)));
      for (const arn of attached) expect(policies.some((p) => p.Arn === arn)).toBe(true);
      for (const p of policies) expect(p.PolicyVersionList.find((v) => v.IsDefaultVersion)?.VersionId).toBe(p.DefaultVersionId);
    }
    expect(vendor / total).toBeGreaterThan(0.035);
    expect(vendor / total).toBeLessThan(0.065);
    expect(withExternalId / vendor).toBeGreaterThan(0.5);
    expect(withExternalId / vendor).toBeLessThan(0.95);
    expect(management / total).toBeGreaterThan(0.01);
    expect(management / total).toBeLessThan(0.04);
    expect(inline / total).toBeGreaterThan(0.15);
    expect(inline / total).toBeLessThan(0.25);
    expect(used / total).toBeGreaterThan(0.4);
    expect(used / total).toBeLessThan(0.6);
    expect(org.vendors).toHaveLength(60);
    expect(org.vendors.map((v) => v.id)).toContain("464622532012");
  });

  it("includes the shared AWS managed policies with their documents", async () => {
    const details = await syntheticOrganization({ accounts: 2, rolesPerAccount: 300 }).accounts[1]!.authorizationDetails();
    const byName = new Map((details.Policies as Policy[]).map((p) => [p.Arn.split("/").pop(), p]));
    expect(byName.get("AdministratorAccess")?.PolicyVersionList[0]?.Document.Statement).toEqual([{ Effect: "Allow", Action: "*", Resource: "*" }]);
    expect(byName.size).toBeGreaterThan(20);
    const powerUser = syntheticOrganization({ accounts: 30, rolesPerAccount: 300 });
    let found = false;
    for (const account of powerUser.accounts) {
      const p = ((await account.authorizationDetails()).Policies as Policy[]).find((x) => x.Arn.endsWith("/PowerUserAccess"));
      if (p) {
        expect(p.PolicyVersionList[0]!.Document.Statement[0]).toMatchObject({ NotAction: ["iam:*", "organizations:*", "account:*"] });
        found = true;
        break;
      }
    }
    expect(found).toBe(true);
  });

  it("has IAM users with access keys in the credential report", async () => {
    const account = syntheticOrganization({ accounts: 2, rolesPerAccount: 10, usersPerAccount: 3 }).accounts[1]!;
    const users = (await account.authorizationDetails()).UserDetailList as { UserName: string }[];
    const report = (await account.credentialReport!()).trim().split("\n");
    expect(report).toHaveLength(2 + users.length);
    expect(report[1]).toMatch(/^<root_account>,/);
    expect(report.slice(2).map((line) => line.split(",")[0])).toEqual(users.map((u) => u.UserName));
    expect(report.slice(2).every((line) => line.split(",")[8] === "true")).toBe(true);
  });

  it("changes about churnShare of the roles per generation", async () => {
    const changes = async (generation: number) => {
      const before = syntheticOrganization({ accounts: 10, rolesPerAccount: 300, generation });
      const after = syntheticOrganization({ accounts: 10, rolesPerAccount: 300, generation: generation + 1 });
      let total = 0, changed = 0, added = 0, removed = 0;
      for (let i = 0; i < 10; i++) {
        const a = new Map((await rolesOf(before, i)).map((r) => [r.RoleName, JSON.stringify(r)]));
        const b = new Map((await rolesOf(after, i)).map((r) => [r.RoleName, JSON.stringify(r)]));
        total += a.size;
        for (const [name, role] of a) {
          if (!b.has(name)) removed++;
          else if (b.get(name) !== role) changed++;
        }
        for (const name of b.keys()) if (!a.has(name)) added++;
      }
      return { share: (changed + added + removed) / total, added, removed };
    };
    for (const generation of [0, 14, 29]) {
      const { share } = await changes(generation);
      expect(share).toBeGreaterThan(0.004);
      expect(share).toBeLessThan(0.02);
    }
    const totals = await Promise.all([0, 1, 2, 3, 4, 5].map(changes));
    expect(totals.reduce((n, t) => n + t.added, 0)).toBeGreaterThan(0);
    expect(totals.reduce((n, t) => n + t.removed, 0)).toBeGreaterThan(0);
  });

  it("is served through the fake, paginated at the default MaxItems", async () => {
    const org = syntheticOrganization({ accounts: 3, rolesPerAccount: 250 });
    const fake = await startFakeAws({ organization: org });
    try {
      const target = org.accounts[2]!;
      const base = { region: "us-east-1", endpoint: fake.url };
      const { Credentials: c } = await new STSClient({ ...base, credentials: fake.managementCredentials }).send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${target.id}:role/OrganizationAccountAccessRole`, RoleSessionName: "test" }),
      );
      const client = new IAMClient({ ...base, credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! } });
      const names: string[] = [];
      let marker: string | undefined;
      let pages = 0;
      do {
        const page = await client.send(new GetAccountAuthorizationDetailsCommand({ Filter: ["Role"], ...(marker ? { Marker: marker } : {}) }));
        names.push(...page.RoleDetailList!.map((r) => r.RoleName!));
        marker = page.IsTruncated ? page.Marker : undefined;
        pages++;
      } while (marker);
      expect(pages).toBe(3);
      expect(names).toEqual((await rolesOf(org, 2)).map((r) => r.RoleName));
    } finally {
      await fake.stop();
    }
  });
});
