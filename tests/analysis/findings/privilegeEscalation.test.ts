import { FINDING } from "@/lib/analysis/findings";
import { privilegeEscalation } from "@/lib/analysis/findings/privilegeEscalation";
import { describeRule } from "./ruleTable";

const grant = (...actions: string[]) => ({ permissions: [{ Effect: "Allow", Action: actions, Resource: "*" }] });

describeRule(privilegeEscalation, FINDING.PRIVILEGE_ESCALATION, {
  raises: [
    ["iam:CreatePolicyVersion", grant("iam:CreatePolicyVersion")],
    ["iam:PassRole with ec2:RunInstances", grant("iam:PassRole", "ec2:RunInstances")],
    ["iam:AttachRolePolicy", grant("iam:AttachRolePolicy")],
  ],
  doesNotRaise: [
    ["read-only access", {}],
    ["ec2:RunInstances without iam:PassRole", grant("ec2:RunInstances")],
    ["reading IAM", grant("iam:Get*", "iam:List*")],
  ],
});
