/**
 * Oscorp Deploy: deploys the customer portal without an ExternalId; in production it is given
 * AdministratorAccess in snapshot 3.
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { awsPolicyArn } from "../awsManagedPolicies";
import { vendorAccount } from "../organization";
import { allow, doc, rootOf, trustAws } from "../policyDocuments";

export function oscorpDeploy(b: AccountBuilder, admin: boolean): void {
  b.role({
    name: "OscorpDeploy",
    created: "2024-07-01T10:00:00+00:00",
    trust: trustAws(rootOf(vendorAccount("Oscorp Deploy"))),
    inline: [
      [
        "deploy",
        doc(
          allow(["s3:PutObject", "s3:DeleteObject", "s3:ListBucket"], [`arn:aws:s3:::meridian-${b.account.name}-static`, `arn:aws:s3:::meridian-${b.account.name}-static/*`], "Static"),
          allow(["cloudfront:CreateInvalidation", "ecs:UpdateService", "ecs:DescribeServices"], "*", "Rollout"),
        ),
      ],
    ],
    ...(admin ? { managed: [awsPolicyArn("AdministratorAccess")] } : {}),
    lastUsed: b.recent(`oscorp|${b.snapshot.index}`, 4),
    tags: withTags("Oscorp Deploy"),
  });
}
