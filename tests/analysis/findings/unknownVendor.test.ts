import { FINDING } from "@/lib/analysis/findings";
import { unknownVendor } from "@/lib/analysis/findings/unknownVendor";
import { allow } from "../../helpers/policies";
import { describeRule } from "./ruleTable";

const STRANGER = "999988887777";

describeRule(unknownVendor, FINDING.UNKNOWN_VENDOR, {
  raises: [
    ["an account nobody recorded", { trust: allow({ AWS: `arn:aws:iam::${STRANGER}:root` }), vendor: null }],
    ["a role in such an account", { trust: allow({ AWS: `arn:aws:iam::${STRANGER}:role/ops` }), vendor: null }],
  ],
  doesNotRaise: [
    ["a known vendor", { trust: allow({ AWS: `arn:aws:iam::${STRANGER}:root` }), vendor: "Initech Consulting" }],
    ["an account run by AWS itself", { trust: allow({ AWS: "arn:aws:iam::127311923021:root" }), vendor: null, awsService: "ELB logs" }],
    ["an account of our organization (internal)", { trust: allow({ AWS: "100000000003" }), internal: true, vendor: null }],
    ["a wildcard (no account to name)", { trust: allow("*"), vendor: null }],
    ["a deleted principal (no account to name)", { trust: allow({ AWS: "AROA3XFRBF535PLBIFPI4" }), vendor: null }],
  ],
});
