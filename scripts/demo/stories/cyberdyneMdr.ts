/**
 * Cyberdyne MDR: a new vendor in snapshot 3, with containment actions (stop instances, send
 * commands, disable access keys).
 */
import { withTags, type AccountBuilder } from "../accountBuilder";
import { awsPolicyArn } from "../awsManagedPolicies";
import { REGION, vendorAccount } from "../organization";
import { allow, doc, externalId, roleArnIn, trustAws } from "../policyDocuments";

export function cyberdyneMdr(b: AccountBuilder): void {
  if (!b.from(3)) return;
  b.role({
    name: "CyberdyneMDRResponder",
    created: "2026-10-20T09:00:00+00:00",
    trust: trustAws(roleArnIn(vendorAccount("Cyberdyne MDR"), "cyberdyne-responder"), externalId("cdmdr-t800-5521")),
    managed: [awsPolicyArn("SecurityAudit")],
    inline: [["containment", doc(allow(["ssm:SendCommand", "ssm:GetCommandInvocation", "ec2:StopInstances", "ec2:CreateSnapshot", "ec2:ModifyInstanceAttribute", "iam:UpdateAccessKey"], "*", "Containment"))]],
    lastUsed: { daysAgo: 2, region: REGION },
    tags: withTags("Cyberdyne MDR"),
  });
}
