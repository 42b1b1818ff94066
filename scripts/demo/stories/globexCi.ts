/**
 * Globex CI: deploys the payments services (production and staging) with an ExternalId,
 * inside the deploy permissions boundary.
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { vendorAccount } from "../organization";
import { allow, doc, externalId, roleArnIn, trustAws } from "../policyDocuments";
import { deployBoundary } from "./workloads";

export function globexDeploy(b: AccountBuilder): void {
  b.role({
    name: "GlobexCIDeploy",
    created: "2024-08-12T10:00:00+00:00",
    trust: trustAws(roleArnIn(vendorAccount("Globex CI"), "globex-ci-runner"), externalId("globex-ci-payments-51c3")),
    inline: [
      [
        "deploy",
        doc(
          allow(["ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition", "ecs:RunTask", "ecs:UpdateService", "ecs:Describe*", "ecs:List*"], "*", "Ecs"),
          allow(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"], "*", "Ecr"),
          allow("iam:PassRole", `arn:aws:iam::${b.id}:role/payments-api-*`, "PassTaskRole"),
        ),
      ],
    ],
    boundary: deployBoundary(b),
    lastUsed: b.recent(`globex|${b.snapshot.index}`, 3),
    tags: withTags("Globex CI"),
  });
}
