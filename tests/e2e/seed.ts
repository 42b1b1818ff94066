/**
 * Fills a fresh embedded database (VENDORSCOPE_DATA_DIR) the way a user would: the known
 * vendor list, one vendor mapping, then two real scans of the Acme fixture organization
 * through the fake AWS — the first of an older state of it, the second of today's, with one
 * account whose AssumeRole is denied — so pages have history, trends, stale data, hostile
 * names and IAM users with keys to show. Its guardrails: an SCP that keeps CI roles from
 * tearing production down, and an RCP data perimeter that lets in only approved vendors
 * (Snyk is not one).
 *
 *   VENDORSCOPE_DATA_DIR=… npx tsx tests/e2e/seed.ts
 */
import "@/testkit/fakeAws/sdkTestEnv";
import { readFileSync, rmSync } from "node:fs";
import { parseVendorList } from "@/lib/analysis/vendorList";
import { createLocalUser } from "@/lib/auth/localUsers";
import { DEFAULT_MEMBER_ROLE } from "@/lib/aws/memberCredentials";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { defaultDataDir, openDatabase } from "@/lib/db/client";
import { InventoryStore } from "@/lib/db/inventoryStore";
import { replaceKnownVendors, setUserMapping } from "@/lib/db/vendorStore";
import { runAwsScan } from "@/lib/scan/runners/inline";
import { silentProgress } from "@/lib/scan/progress";
import { loadFixtureDirectory, startFakeAws, type FakeAccount, type FakeOrganization, type FaultOptions } from "@/testkit/fakeAws";
import { sharedData } from "@/testkit/sharedData";
import { ADMIN, VIEWER } from "./users";

export const ACME = new URL("../fixtures/acme-org/exports/", import.meta.url).pathname;
export const HOSTILE_ROLE = "<img src=x onerror=alert(1)>";
const PROD = "210000000002";
const SECURITY = "210000000004";
const MANAGEMENT = "210000000001";

type Details = { RoleDetailList: Record<string, unknown>[]; UserDetailList?: Record<string, unknown>[] };

function editAccount(org: FakeOrganization, id: string, edit: (details: Details) => void, report?: string): FakeOrganization {
  return {
    ...org,
    accounts: org.accounts.map((account): FakeAccount => {
      if (account.id !== id) return account;
      return {
        ...account,
        async authorizationDetails() {
          const details = structuredClone(await account.authorizationDetails()) as Details;
          edit(details);
          return details;
        },
        ...(report ? { credentialReport: () => report } : {}),
      };
    }),
  };
}

const CREDENTIAL_REPORT = [
  "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
  `<root_account>,arn:aws:iam::${MANAGEMENT}:root,2023-01-01T00:00:00+00:00,not_supported,2026-01-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `ci-deployer,arn:aws:iam::${MANAGEMENT}:user/ci-deployer,2023-05-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2024-02-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
].join("\n");

/** Today's Acme, with a hostile role name, a very long one and a vendor-tagged IAM user with a key. */
export function today(org: FakeOrganization): FakeOrganization {
  const withHostile = editAccount(org, PROD, (d) => {
    const template = d.RoleDetailList.find((r) => r.RoleName === "old-partner")!;
    const trust = (account: string, sid: string) => ({
      Version: "2012-10-17",
      Statement: [{ Sid: sid, Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "<script>alert('x')</script>" } } }],
    });
    d.RoleDetailList.push(
      { ...template, RoleName: HOSTILE_ROLE, RoleId: "AROAHOSTILE000000001", Arn: `arn:aws:iam::${PROD}:role/${HOSTILE_ROLE}`, AssumeRolePolicyDocument: trust("666655554444", "<b>bold</b>") },
      {
        ...template,
        RoleName: `very-long-role-name-${"x".repeat(200)}`,
        RoleId: "AROALONGNAME00000001",
        Arn: `arn:aws:iam::${PROD}:role/very-long-role-name-${"x".repeat(200)}`,
        AssumeRolePolicyDocument: trust("666655554444", "long"),
      },
    );
  });
  return editAccount(
    withHostile,
    MANAGEMENT,
    (d) => {
      const user = d.UserDetailList?.find((u) => u.UserName === "ci-deployer");
      if (user) user.Tags = [{ Key: "vendor", Value: "Initech Consulting" }];
    },
    CREDENTIAL_REPORT,
  );
}

const doc = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });
/** Every outside account the fixture trusts except Snyk's. */
const APPROVED_VENDORS = ["454464851268", "464622532012", "507897595701", "777766665555", "888877776666", "666655554444"];

/** The organization's SCPs and RCPs (lib/analysis/guardrails). */
export function guardrails(org: FakeOrganization): FakeOrganization {
  return {
    ...org,
    policies: [
      { id: "p-FullAWSAccess", name: "FullAWSAccess", type: "SERVICE_CONTROL_POLICY", document: doc({ Effect: "Allow", Action: "*", Resource: "*" }), targets: ["root", ...org.accounts.map((a) => a.id)] },
      {
        id: "p-ci0teardown",
        name: "DenyCiTeardown",
        type: "SERVICE_CONTROL_POLICY",
        document: doc({
          Sid: "CiRolesNeverDeleteProduction",
          Effect: "Deny",
          Action: ["ec2:TerminateInstances", "rds:DeleteDBInstance", "rds:DeleteDBCluster", "s3:DeleteBucket", "dynamodb:DeleteTable"],
          Resource: "*",
          Condition: { ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::*:role/github-*", "arn:aws:iam::*:role/*-ci"] } },
        }),
        targets: [PROD],
      },
      {
        id: "p-perimeter0",
        name: "DataPerimeter",
        type: "RESOURCE_CONTROL_POLICY",
        document: doc({
          Sid: "OnlyOurOrganizationAndApprovedVendors",
          Effect: "Deny",
          Principal: "*",
          Action: "sts:AssumeRole",
          Resource: "*",
          Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": org.id, "aws:PrincipalAccount": APPROVED_VENDORS }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
        }),
        targets: ["root"],
      },
    ],
  };
}

/** Acme a few months earlier: legacy-ci and the contractor didn't exist, Datadog still had its ExternalId in staging. */
function earlier(org: FakeOrganization): FakeOrganization {
  const prod = editAccount(org, PROD, (d) => {
    d.RoleDetailList = d.RoleDetailList.filter((r) => r.RoleName !== "legacy-ci" && r.RoleName !== "contractor-admin");
  });
  return editAccount(prod, "210000000003", (d) => {
    const datadog = d.RoleDetailList.find((r) => r.RoleName === "DatadogAWSIntegrationRole") as { AssumeRolePolicyDocument: { Statement: { Condition?: unknown }[] } };
    datadog.AssumeRolePolicyDocument.Statement[0]!.Condition = { StringEquals: { "sts:ExternalId": "dd-earlier" } };
  });
}

async function scan(store: InventoryStore, organization: FakeOrganization, faults: FaultOptions = {}) {
  const fake = await startFakeAws({ organization, faults });
  for (const [key, value] of Object.entries(fake.env())) {
    if (value === "") delete process.env[key];
    else process.env[key] = value;
  }
  try {
    return await runAwsScan(store, { aws: { region: "us-east-1", maxAttempts: 2, retryBaseMs: 5, callTimeoutMs: 5000 }, memberRole: DEFAULT_MEMBER_ROLE, concurrency: 4, trigger: "schedule" }, silentProgress);
  } finally {
    await fake.stop();
  }
}

export async function seed(): Promise<void> {
  const dataDir = defaultDataDir();
  rmSync(dataDir, { recursive: true, force: true });
  const db = await openDatabase({ dataDir });
  try {
    const store = await InventoryStore.open(db, await loadActionCatalog());
    const known = parseVendorList(readFileSync(sharedData("known_aws_accounts.yaml"), "utf8"), "known").entries;
    await db.prisma.$transaction((tx) => replaceKnownVendors(tx, known, "known_aws_accounts.yaml"));
    await setUserMapping(db.prisma, "888877776666", "Initech Consulting");
    await createLocalUser(db.prisma, { ...ADMIN, role: "admin" });
    await createLocalUser(db.prisma, { ...VIEWER, role: "viewer" });
    const acme = guardrails((await loadFixtureDirectory(ACME)).organization!);
    const first = await scan(store, earlier(acme));
    const second = await scan(store, today(acme), { denyAssumeRole: [SECURITY] });
    console.log(`seeded ${dataDir}: scan #${first.id} ${first.status}, scan #${second.id} ${second.status} (${second.changes} changes)`);
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await seed();
  process.exit(0);
}
