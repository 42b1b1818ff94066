import { FINDING, type FindingRule } from "./types";

export const weakExternalId: FindingRule = {
  code: FINDING.WEAK_EXTERNAL_ID,
  label: "weak ExternalId",
  title: "ExternalId accepts any value",
  explanation:
    "The ExternalId condition uses a wildcard pattern or only checks that some value is present, so it does not stop a confused-deputy attack.",
  remediation: "Replace it with StringEquals on the exact ExternalId value the vendor issued for this account.",
  applies: ({ grant, internal }) => !internal && grant.externalId === "weak",
};
