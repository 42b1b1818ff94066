/**
 * Trusts no vendor in vendors.yaml explains: unknown accounts, a deleted principal, anyone, and
 * any repository on GitHub.
 */
import type { AccountBuilder } from "../accountBuilder";
import { awsPolicyArn } from "../awsManagedPolicies";
import { iamId } from "../deterministic";
import { DEMO_UNKNOWN_ACCOUNTS, DOMAIN, HOSTILE_ROLE_NAME, REGION } from "../organization";
import { allow, doc, externalId, roleArnIn, rootOf, trustAws, trustOidc } from "../policyDocuments";

export function unknownNetworkPartner(b: AccountBuilder): void {
  // An unknown partner, no ExternalId, and a role name with characters that must render inert.
  b.role({
    name: HOSTILE_ROLE_NAME,
    created: "2025-10-07T16:30:00+00:00",
    trust: trustAws(rootOf(DEMO_UNKNOWN_ACCOUNTS[0])),
    managed: [awsPolicyArn("ViewOnlyAccess")],
    inline: [["network-read", doc(allow(["networkmanager:Get*", "networkmanager:Describe*", "directconnect:Describe*"]))]],
    lastUsed: { daysAgo: 9, region: REGION },
    tags: [["requested-by", `"Network team" <netops@${DOMAIN}>`]],
  });
}

export function deletedContractor(b: AccountBuilder): void {
  // The trusted principal was deleted: IAM shows its unique id.
  b.role({
    name: "old-contractor-access",
    created: "2023-04-10T12:00:00+00:00",
    trust: trustAws(iamId("AROA", "deleted contractor role")),
    inline: [["read", doc(allow(["ec2:Describe*", "ecs:Describe*", "ecs:List*", "cloudwatch:GetMetricData"]))]],
    lastUsed: { at: "2024-01-15T17:42:00+00:00", region: REGION },
  });
}

export function publicArtifactsReader(b: AccountBuilder): void {
  // Anyone can assume it: added by mistake in August, still there.
  if (b.from(2)) {
    b.role({
      name: "public-artifacts-reader",
      created: "2026-08-27T18:03:00+00:00",
      trust: trustAws("*"),
      inline: [["artifacts", doc(allow(["s3:GetObject", "s3:ListBucket"], ["arn:aws:s3:::meridian-logistics-artifacts", "arn:aws:s3:::meridian-logistics-artifacts/*"]))]],
      lastUsed: { daysAgo: 3, region: "ap-southeast-1" },
    });
  }
}

export function unrestrictedGithubDeploy(b: AccountBuilder): void {
  // GitHub Actions without a `sub` condition: any repository on GitHub can assume it.
  b.role({
    name: "gha-legacy-deploy",
    created: "2023-01-23T10:00:00+00:00",
    trust: trustOidc(b.id, "token.actions.githubusercontent.com", { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }),
    managed: [awsPolicyArn("PowerUserAccess")],
    lastUsed: { daysAgo: 15, region: REGION },
  });
}

export function unknownEtlPartner(b: AccountBuilder): void {
  // An unnamed account's ETL job, with an ExternalId; reads Glue Data Catalog metadata only.
  b.role({
    name: "legacy-etl-partner",
    created: "2023-03-14T10:00:00+00:00",
    trust: trustAws(roleArnIn(DEMO_UNKNOWN_ACCOUNTS[1], "etl-runner"), externalId("etl-partner-0042")),
    inline: [["catalog-read", doc(allow(["glue:GetDatabases", "glue:GetTables", "glue:GetTable", "athena:ListWorkGroups"]))]],
    lastUsed: { at: "2026-06-20T02:30:00+00:00", region: REGION },
  });
}
