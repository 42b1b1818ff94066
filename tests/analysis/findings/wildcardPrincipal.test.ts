import { FINDING } from "@/lib/analysis/findings";
import { wildcardPrincipal } from "@/lib/analysis/findings/wildcardPrincipal";
import { allow } from "../../helpers/policies";
import { describeRule, VENDOR_ACCOUNT } from "./ruleTable";

describeRule(wildcardPrincipal, FINDING.WILDCARD_PRINCIPAL, {
  raises: [
    ['Principal "*"', { trust: allow("*"), vendor: null }],
    ['{"AWS": "*"}', { trust: allow({ AWS: "*" }), vendor: null }],
    ["Allow with NotPrincipal (everyone but those)", { trust: { Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${VENDOR_ACCOUNT}:root` }, Action: "sts:AssumeRole" }, vendor: null }],
  ],
  doesNotRaise: [
    ["a wildcard pinned to our organization (internal)", { trust: allow("*", { Condition: { StringEquals: { "aws:PrincipalOrgID": "o-acme12345" } } }), internal: true, vendor: null }],
    ["a wildcard narrowed to one account by aws:PrincipalAccount", { trust: allow("*", { Condition: { StringEquals: { "aws:PrincipalAccount": VENDOR_ACCOUNT } } }) }],
    ["a named vendor account", { trust: allow({ AWS: VENDOR_ACCOUNT }) }],
  ],
});
