import { FINDING, type FindingRule } from "./types";

export const unknownVendor: FindingRule = {
  code: FINDING.UNKNOWN_VENDOR,
  label: "unknown vendor",
  title: "External account with no known owner",
  explanation:
    "The trusted account is neither in our organization, nor in the known vendor list, nor in our own vendor mappings: nobody has recorded who holds this access.",
  remediation: "Identify the account's owner and record it as a vendor mapping, or remove the trust.",
  applies: ({ grant, internal, vendor, awsService }) =>
    !internal && vendor === null && awsService === null && grant.principal.type !== "Federated" && grant.principal.accountId !== null,
};
