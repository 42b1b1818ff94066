import { FINDING } from "@/lib/analysis/findings";
import { destructiveActions } from "@/lib/analysis/findings/destructiveActions";
import { describeRule } from "./ruleTable";

const grant = (...actions: string[]) => ({ permissions: [{ Effect: "Allow", Action: actions, Resource: "*" }] });

describeRule(destructiveActions, FINDING.DESTRUCTIVE_ACTIONS, {
  raises: [
    ["ec2:TerminateInstances", grant("ec2:TerminateInstances")],
    ["s3:DeleteObject", grant("s3:DeleteObject")],
    ["rds:Delete*", grant("rds:Delete*")],
  ],
  doesNotRaise: [
    ["read-only access", {}],
    ["reading objects", grant("s3:GetObject")],
    ["a destructive action allowed and then denied", { permissions: [{ Effect: "Allow", Action: "ec2:TerminateInstances", Resource: "*" }, { Effect: "Deny", Action: "ec2:TerminateInstances", Resource: "*" }] }],
  ],
});
