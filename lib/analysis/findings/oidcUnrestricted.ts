import { FINDING, type FindingRule } from "./types";

export const oidcUnrestricted: FindingRule = {
  code: FINDING.OIDC_UNRESTRICTED,
  label: "any OIDC user",
  title: "Any user of the identity provider can assume the role",
  explanation:
    "The role trusts tokens from a shared identity provider (such as GitHub Actions) without a condition on a claim that names our organization, so a workflow in anyone's repository can assume it.",
  remediation:
    'Add a condition on the provider\'s sub claim that names our organization, e.g. StringLike "token.actions.githubusercontent.com:sub": "repo:our-org/our-repo:*".',
  applies: ({ grant }) => grant.federationRestricted === false,
};
