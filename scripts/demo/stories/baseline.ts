/**
 * Roles every account has: organization access, IAM Identity Center, the security audit role,
 * AWS service-linked roles, and the vendor scanner a StackSet deploys everywhere.
 */
import type { AccountBuilder } from "../accountBuilder";
import { awsPolicyArn } from "../awsManagedPolicies";
import { cliDate, hex, pick } from "../deterministic";
import { MANAGEMENT, REGION, SECURITY } from "../organization";
import { doc, roleArnIn, rootOf, trustAws, trustService } from "../policyDocuments";
import { initrodeScanner } from "./initrode";

/** The roles every account has, whatever its kind. */
export function baselineRoles(b: AccountBuilder): void {
  const { account } = b;
  const joined = cliDate(new Date(Date.parse(account.joined) + 3_600_000).toISOString()).replace(/:\d\d\+/, ":00+");
  if (account.kind !== "management") {
    b.role({
      name: "OrganizationAccountAccessRole",
      created: joined,
      trust: trustAws(rootOf(MANAGEMENT.id)),
      managed: [awsPolicyArn("AdministratorAccess")],
      lastUsed: { daysAgo: 3 + pick(`${b.id}|orgaccess|${b.snapshot.index}`, 40), region: "us-east-1" },
    });
  }
  const samlProvider = `arn:aws:iam::${b.id}:saml-provider/AWSSSO_${hex("sso-instance", 16)}_DO_NOT_DELETE`;
  for (const [permissionSet, policy] of [["AdministratorAccess", "AdministratorAccess"], ["ReadOnlyAccess", "ReadOnlyAccess"]] as const) {
    b.role({
      name: `AWSReservedSSO_${permissionSet}_${hex(`${b.id}|${permissionSet}`, 16)}`,
      path: `/aws-reserved/sso.amazonaws.com/${REGION}/`,
      created: "2024-01-09T14:22:31+00:00",
      trust: doc({
        Effect: "Allow",
        Principal: { Federated: samlProvider },
        Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
        Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
      }),
      managed: [awsPolicyArn(policy)],
      lastUsed: permissionSet === "AdministratorAccess" && account.kind === "sandbox" ? "never" : b.recent(`sso|${permissionSet}|${b.snapshot.index}`, 9),
    });
  }
  if (account.kind !== "security") {
    b.role({
      name: "meridian-security-audit",
      created: "2024-01-15T09:30:00+00:00",
      trust: trustAws(roleArnIn(SECURITY.id, "security-tooling")),
      managed: [awsPolicyArn("SecurityAudit")],
      lastUsed: b.recent(`audit|${b.snapshot.index}`, 2),
      tags: [["managed-by", "stackset/security-baseline"]],
    });
  }
  initrodeScanner(b);
  b.role({
    name: "AWSServiceRoleForSupport",
    path: "/aws-service-role/support.amazonaws.com/",
    created: joined,
    trust: trustService("support.amazonaws.com"),
    managed: [awsPolicyArn("AWSSupportServiceRolePolicy")],
    lastUsed: "never",
  });
  b.role({
    name: "AWSServiceRoleForTrustedAdvisor",
    path: "/aws-service-role/trustedadvisor.amazonaws.com/",
    created: joined,
    trust: trustService("trustedadvisor.amazonaws.com"),
    managed: [awsPolicyArn("AWSTrustedAdvisorServiceRolePolicy")],
    lastUsed: { daysAgo: 1, region: "us-east-1" },
  });
}
