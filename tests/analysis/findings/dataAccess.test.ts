import { FINDING } from "@/lib/analysis/findings";
import { dataAccess } from "@/lib/analysis/findings/dataAccess";
import { describeRule } from "./ruleTable";

const grant = (...actions: string[]) => ({ permissions: [{ Effect: "Allow", Action: actions, Resource: "*" }] });

describeRule(dataAccess, FINDING.DATA_ACCESS, {
  raises: [
    ["s3:GetObject", grant("s3:GetObject")],
    ["secretsmanager:GetSecretValue", grant("secretsmanager:GetSecretValue")],
    ["kms:Decrypt", grant("kms:Decrypt")],
  ],
  doesNotRaise: [
    ["describing instances", {}],
    ["listing buckets and their objects (metadata only)", grant("s3:ListAllMyBuckets", "s3:ListBucket")],
  ],
});
