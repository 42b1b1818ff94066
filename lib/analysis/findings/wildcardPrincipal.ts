import { FINDING, type FindingRule } from "./types";

export const wildcardPrincipal: FindingRule = {
  code: FINDING.WILDCARD_PRINCIPAL,
  label: "anyone",
  title: "Anyone can assume the role",
  explanation:
    'The trust policy allows "*" (or everyone but a few principals) and no condition limits callers to our organization or to named accounts: any AWS identity in the world that meets the remaining conditions can assume it.',
  remediation:
    "Name the exact principals that need access, or restrict the statement with aws:PrincipalOrgID (our organization) or aws:PrincipalAccount.",
  applies: ({ grant, internal }) => !internal && grant.principal.kind === "wildcard",
};
