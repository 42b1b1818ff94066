import { FINDING, type FindingRule } from "./types";

export const writeAccess: FindingRule = {
  code: FINDING.WRITE_ACCESS,
  label: "write",
  title: "Can change resources",
  explanation: "The role holds Write or Permissions management actions: it can change the account, not only look at it.",
  remediation: "If the vendor only reads (monitoring, cost, security scanning), give it a read-only policy such as SecurityAudit or ViewOnlyAccess.",
  applies: ({ permissions }) => permissions.writeActionCount > 0,
};
