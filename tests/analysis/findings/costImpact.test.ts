import { FINDING } from "@/lib/analysis/findings";
import { costImpact } from "@/lib/analysis/findings/costImpact";
import { describeRule } from "./ruleTable";

const grant = (...actions: string[]) => ({ permissions: [{ Effect: "Allow", Action: actions, Resource: "*" }] });

describeRule(costImpact, FINDING.COST_IMPACT, {
  raises: [
    ["ec2:RunInstances", grant("ec2:RunInstances")],
    ["bedrock:InvokeModel", grant("bedrock:InvokeModel")],
  ],
  doesNotRaise: [
    ["read-only access", {}],
    ["reading objects", grant("s3:GetObject")],
  ],
});
