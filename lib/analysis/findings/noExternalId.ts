import { FINDING, type FindingRule } from "./types";

export const noExternalId: FindingRule = {
  code: FINDING.NO_EXTERNAL_ID,
  label: "no ExternalId",
  title: "No ExternalId required",
  explanation:
    "Without an sts:ExternalId condition the vendor can be tricked into using its access on our account on behalf of another of its customers (the confused-deputy problem).",
  remediation:
    'Add a Condition {"StringEquals": {"sts:ExternalId": "<unique value the vendor gave us>"}} to the statement that trusts the vendor.',
  // Not for anyone-can-assume (its own, worse finding) nor a deleted principal (nobody can use it): it adds nothing there.
  applies: ({ grant, internal }) =>
    !internal && grant.principal.type === "AWS" && grant.principal.kind !== "unknown-id" && grant.principal.kind !== "wildcard" && grant.externalId === "missing",
};
