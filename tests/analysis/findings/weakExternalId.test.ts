import { FINDING } from "@/lib/analysis/findings";
import { weakExternalId } from "@/lib/analysis/findings/weakExternalId";
import { allow } from "../../helpers/policies";
import { describeRule, VENDOR_ACCOUNT } from "./ruleTable";

const vendorRole = { AWS: `arn:aws:iam::${VENDOR_ACCOUNT}:role/DatadogIntegration` };
const condition = (block: Record<string, unknown>) => allow(vendorRole, { Condition: block });

describeRule(weakExternalId, FINDING.WEAK_EXTERNAL_ID, {
  raises: [
    ['StringLike "*"', { trust: condition({ StringLike: { "sts:ExternalId": "*" } }) }],
    ['a pattern such as "dd-*"', { trust: condition({ StringLike: { "sts:ExternalId": "dd-*" } }) }],
  ],
  doesNotRaise: [
    ["StringEquals on the exact value", {}],
    ["no ExternalId at all (its own finding)", { trust: allow(vendorRole) }],
    ["an account of our organization (internal)", { trust: allow({ AWS: "100000000003" }, { Condition: { StringLike: { "sts:ExternalId": "*" } } }), internal: true, vendor: null }],
  ],
});
