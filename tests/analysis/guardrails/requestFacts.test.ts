/**
 * Deciding a guardrail's condition from what is known of the request: true, false, or
 * unknown when it turns on something we cannot see — by IAM's rules for missing keys,
 * negated operators, `…IfExists`, `Null` and the set operators.
 */
import { describe, expect, it } from "vitest";
import { evaluateCondition, undecidedKeys, type KeyFact } from "@/lib/analysis/guardrails/requestFacts";
import type { ConditionBlock } from "@/lib/analysis/policyDocument";

const facts = (entries: Record<string, KeyFact>) => new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));
const values = (...v: string[]): KeyFact => ({ kind: "values", values: v });
const ABSENT: KeyFact = { kind: "absent" };
const vendor = facts({
  "aws:PrincipalAccount": values("111122223333"),
  "aws:PrincipalOrgID": { kind: "none-of", values: ["o-ours"] },
  "aws:PrincipalIsAWSService": values("false"),
  "aws:PrincipalArn": { kind: "prefix", prefix: "arn:aws:iam::111122223333:" },
  "aws:SourceAccount": ABSENT,
});
const judge = (block: ConditionBlock) => evaluateCondition(block, vendor);

describe("a vendor's call against the usual perimeter conditions", () => {
  it.each<[string, ConditionBlock, boolean | "unknown"]>([
    ["not in our organization", { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ["o-ours"] } }, true],
    ["in our organization", { StringEquals: { "aws:PrincipalOrgID": ["o-ours"] } }, false],
    ["in some other organization: cannot tell", { StringEquals: { "aws:PrincipalOrgID": ["o-partner"] } }, "unknown"],
    ["not ours and not the partner's: cannot tell", { StringNotEquals: { "aws:PrincipalOrgID": ["o-ours", "o-partner"] } }, "unknown"],
    ["its account on the allow-list", { StringNotEqualsIfExists: { "aws:PrincipalAccount": ["999999999999", "111122223333"] } }, false],
    ["its account not on the allow-list", { StringNotEqualsIfExists: { "aws:PrincipalAccount": ["999999999999"] } }, true],
    ["not an AWS service", { BoolIfExists: { "aws:PrincipalIsAWSService": ["false"] } }, true],
    ["Bool ignores case", { Bool: { "aws:PrincipalIsAWSService": ["FALSE"] } }, true],
    ["two keys in one operator are ANDed", { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ["o-ours"], "aws:PrincipalAccount": ["111122223333"] } }, false],
    ["operators are ANDed", { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ["o-ours"] }, BoolIfExists: { "aws:PrincipalIsAWSService": ["false"] } }, true],
    ["an unknown key makes it unknown", { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ["o-ours"] }, IpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } }, "unknown"],
    ["but a false part decides it anyway", { StringEquals: { "aws:PrincipalOrgID": ["o-ours"] }, IpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } }, false],
    ["a missing key fails a positive operator", { StringEquals: { "aws:SourceAccount": ["111122223333"] } }, false],
    ["a missing key passes a negated one", { StringNotEquals: { "aws:SourceAccount": ["111122223333"] } }, true],
    ["a missing key passes IfExists", { StringEqualsIfExists: { "aws:SourceAccount": ["111122223333"] } }, true],
    ["Null true: the key is absent", { Null: { "aws:SourceAccount": ["true"] } }, true],
    ["Null false: the key is present", { Null: { "aws:PrincipalAccount": ["false"] } }, true],
    ["ForAllValues passes a missing key", { "ForAllValues:StringEquals": { "aws:SourceAccount": ["1"] } }, true],
    ["ForAnyValue fails a missing key", { "ForAnyValue:StringEquals": { "aws:SourceAccount": ["1"] } }, false],
    ["any principal of its account matches arn:aws:iam::ID:*", { ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::111122223333:*"] } }, true],
    ["…and arn:aws:iam::*:*", { ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::*:*"] } }, false],
    ["no principal of its account is in another", { ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::999999999999:role/*"] } }, false],
    ["one role of its account: cannot tell", { ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::111122223333:role/Scanner"] } }, "unknown"],
    ["a policy variable: cannot tell", { StringNotEquals: { "aws:PrincipalAccount": ["${aws:ResourceAccount}"] } }, "unknown"],
    ["numeric and date operators: cannot tell", { DateGreaterThan: { "aws:CurrentTime": ["2026-01-01T00:00:00Z"] } }, "unknown"],
    ["condition keys in any case", { stringnotequalsifexists: { "AWS:PRINCIPALORGID": ["o-ours"] } }, true],
  ])("%s", (_name, block, expected) => {
    expect(judge(block)).toBe(expected);
  });

  it("no condition holds", () => {
    expect(evaluateCondition(null, vendor)).toBe(true);
  });

  it("names the keys it could not decide", () => {
    expect(undecidedKeys({ StringNotEqualsIfExists: { "aws:PrincipalOrgID": ["o-ours"] }, IpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } }, vendor)).toEqual(["aws:SourceIp"]);
  });
});

describe("multi-valued keys (aws:PrincipalOrgPaths)", () => {
  const paths = facts({ "aws:PrincipalOrgPaths": values("o-ours/r-ab12/ou-ab12-prod0000/") });
  it("ForAnyValue:StringLike matches when one path does", () => {
    expect(evaluateCondition({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-ours/r-ab12/ou-ab12-prod0000/*"] } }, paths)).toBe(true);
    expect(evaluateCondition({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-ours/r-ab12/ou-ab12-dev00000/*"] } }, paths)).toBe(false);
  });
  it("StringLike is case-sensitive, StringEqualsIgnoreCase is not", () => {
    expect(evaluateCondition({ StringLike: { "aws:PrincipalOrgPaths": ["O-OURS/*"] } }, paths)).toBe(false);
    expect(evaluateCondition({ StringEqualsIgnoreCase: { "aws:PrincipalOrgPaths": ["O-OURS/R-AB12/OU-AB12-PROD0000/"] } }, paths)).toBe(true);
  });
});
