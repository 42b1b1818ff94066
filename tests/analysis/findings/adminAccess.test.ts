import { FINDING } from "@/lib/analysis/findings";
import { adminAccess } from "@/lib/analysis/findings/adminAccess";
import { describeRule } from "./ruleTable";

describeRule(adminAccess, FINDING.ADMIN_ACCESS, {
  raises: [
    ['"*" on "*"', { permissions: [{ Effect: "Allow", Action: "*", Resource: "*" }] }],
    ["every service's actions listed as *:*", { permissions: [{ Effect: "Allow", Action: ["*:*"], Resource: "*" }] }],
  ],
  doesNotRaise: [
    ["read-only access", {}],
    ['"*" on one bucket only', { permissions: [{ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::reports/*" }] }],
    ['"*" under a condition', { permissions: [{ Effect: "Allow", Action: "*", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }] }],
    ['"*" with one action denied', { permissions: [{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "iam:CreateUser", Resource: "*" }] }],
  ],
});
