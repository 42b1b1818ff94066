import { FINDING } from "@/lib/analysis/findings";
import { writeAccess } from "@/lib/analysis/findings/writeAccess";
import { describeRule } from "./ruleTable";

const grant = (...actions: string[]) => ({ permissions: [{ Effect: "Allow", Action: actions, Resource: "*" }] });

describeRule(writeAccess, FINDING.WRITE_ACCESS, {
  raises: [
    ["s3:PutObject", grant("s3:PutObject")],
    ["iam:PutRolePolicy (permissions management)", grant("iam:PutRolePolicy")],
  ],
  doesNotRaise: [
    ["describing instances", {}],
    ["reading and listing", grant("s3:GetObject", "s3:ListBucket", "iam:List*")],
  ],
});
