import { FINDING, type FindingRule } from "./types";

export const adminAccess: FindingRule = {
  code: FINDING.ADMIN_ACCESS,
  label: "admin",
  title: "Full administrator",
  explanation: "The role can perform every action on every resource: whoever assumes it owns the account.",
  remediation: "Replace the administrator policy with one that lists only what the vendor's product needs (its documentation usually gives it).",
  applies: ({ permissions }) => permissions.admin,
};
