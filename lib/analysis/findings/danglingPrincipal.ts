import { FINDING, type FindingRule } from "./types";

export const danglingPrincipal: FindingRule = {
  code: FINDING.DANGLING_PRINCIPAL,
  label: "deleted principal",
  title: "Trusted principal no longer exists",
  explanation:
    "IAM replaced a deleted principal with its unique id (AROA…, AIDA…). Nobody can use this entry, but the role was granted to someone who is gone and its purpose is unclear.",
  remediation: "Find out who the role was for; remove the entry, or the role if it is no longer needed.",
  applies: ({ grant }) => grant.principal.kind === "unknown-id",
};
