import { FINDING } from "@/lib/analysis/findings";
import { danglingPrincipal } from "@/lib/analysis/findings/danglingPrincipal";
import { allow } from "../../helpers/policies";
import { describeRule } from "./ruleTable";

describeRule(danglingPrincipal, FINDING.DANGLING_PRINCIPAL, {
  raises: [
    ["a deleted role's unique id (AROA…)", { trust: allow({ AWS: "AROA3XFRBF535PLBIFPI4" }), vendor: null }],
    ["a deleted user's unique id (AIDA…)", { trust: allow({ AWS: "AIDAJQABLZS4A3QDU576Q" }), vendor: null }],
  ],
  doesNotRaise: [
    ["a role ARN", {}],
    ["an account root", { trust: allow({ AWS: "arn:aws:iam::464622532012:root" }) }],
  ],
});
