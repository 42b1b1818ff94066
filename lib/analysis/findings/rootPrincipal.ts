import { FINDING, type FindingRule } from "./types";

export const rootPrincipal: FindingRule = {
  code: FINDING.ROOT_PRINCIPAL,
  label: "root delegation",
  title: "Trusts the whole external account",
  explanation:
    "The trust names the account root (arn:…:root or a bare account id), so every user and role the vendor creates in its account can be allowed to assume this role; who that is is the vendor's decision, not ours.",
  remediation:
    "Trust the vendor's specific role ARN instead of its account root, or add an aws:PrincipalArn condition naming it.",
  applies: ({ grant, internal }) => !internal && grant.principal.kind === "account",
};
