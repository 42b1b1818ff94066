import { PRIVILEGE_ESCALATION_METHODS } from "../riskLists";
import { FINDING, type FindingRule } from "./types";

export const privilegeEscalation: FindingRule = {
  code: FINDING.PRIVILEGE_ESCALATION,
  label: "priv. escalation",
  title: "Can escalate its own privileges",
  explanation: "The role holds a known combination of actions (such as iam:CreatePolicyVersion, or iam:PassRole with ec2:RunInstances) that lets it give itself more access, up to administrator.",
  remediation: "Remove the actions of each escalation method it holds unless the vendor needs them; scope those it needs to specific resources, and cap the role with a permissions boundary.",
  applies: ({ permissions }) => permissions.privilegeEscalation.length > 0,
  held: ({ privilegeEscalation }) => privilegeEscalation.map((id) => {
    const method = PRIVILEGE_ESCALATION_METHODS.find((m) => m.id === id);
    return method ? method.actions.join(" + ") : id;
  }),
};
