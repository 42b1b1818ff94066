import { FINDING, type FindingRule } from "./types";

export const privilegeEscalation: FindingRule = {
  code: FINDING.PRIVILEGE_ESCALATION,
  title: "Can escalate its own privileges",
  explanation: "The role holds a known combination of actions (such as iam:CreatePolicyVersion, or iam:PassRole with ec2:RunInstances) that lets it give itself more access, up to administrator.",
  remediation: "Remove the IAM write and PassRole actions the vendor does not need, or scope them to specific resources and add a permissions boundary.",
  applies: ({ permissions }) => permissions.privilegeEscalation.length > 0,
};
