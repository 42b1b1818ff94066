import { FINDING } from "@/lib/analysis/findings";
import { rootPrincipal } from "@/lib/analysis/findings/rootPrincipal";
import { allow } from "../../helpers/policies";
import { describeRule, VENDOR_ACCOUNT } from "./ruleTable";

const externalId = { Condition: { StringEquals: { "sts:ExternalId": "dd-1" } } };

describeRule(rootPrincipal, FINDING.ROOT_PRINCIPAL, {
  raises: [
    ["the vendor's account root ARN", { trust: allow({ AWS: `arn:aws:iam::${VENDOR_ACCOUNT}:root` }, externalId) }],
    ["a bare account id", { trust: allow({ AWS: VENDOR_ACCOUNT }, externalId) }],
  ],
  doesNotRaise: [
    ["the vendor's named role", {}],
    ["an account of our organization (internal)", { trust: allow({ AWS: "arn:aws:iam::100000000003:root" }), internal: true, vendor: null }],
    ["a wildcard", { trust: allow("*"), vendor: null }],
  ],
});
