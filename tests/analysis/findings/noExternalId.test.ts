import { FINDING } from "@/lib/analysis/findings";
import { noExternalId } from "@/lib/analysis/findings/noExternalId";
import { allow } from "../../helpers/policies";
import { describeRule, VENDOR_ACCOUNT } from "./ruleTable";

const vendorRole = { AWS: `arn:aws:iam::${VENDOR_ACCOUNT}:role/DatadogIntegration` };

describeRule(noExternalId, FINDING.NO_EXTERNAL_ID, {
  raises: [
    ["a vendor role with no condition", { trust: allow(vendorRole) }],
    ["a vendor account root with no condition", { trust: allow({ AWS: VENDOR_ACCOUNT }) }],
    ["a condition on something else than sts:ExternalId", { trust: allow(vendorRole, { Condition: { Bool: { "aws:SecureTransport": "true" } } }) }],
  ],
  doesNotRaise: [
    ["an exact sts:ExternalId", {}],
    ["a Deny unless the ExternalId matches", { trust: [allow(vendorRole), { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Condition: { StringNotEquals: { "sts:ExternalId": "dd-1" } } }] }],
    ["a weak ExternalId (its own finding)", { trust: allow(vendorRole, { Condition: { StringLike: { "sts:ExternalId": "*" } } }) }],
    ["an account of our organization (internal)", { trust: allow({ AWS: "100000000003" }), internal: true, vendor: null }],
    ["anyone (*): the open door is its own finding", { trust: allow("*"), vendor: null }],
    ["a deleted principal (unique id)", { trust: allow({ AWS: "AROA3XFRBF535PLBIFPI4" }), vendor: null }],
    ["a federated principal", { trust: { Effect: "Allow", Principal: { Federated: "arn:aws:iam::210000000002:saml-provider/Okta" }, Action: "sts:AssumeRoleWithSAML" }, internal: true, vendor: null }],
  ],
});

