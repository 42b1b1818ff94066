import { FINDING, type FindingRule } from "./types";

export const adminAccess: FindingRule = {
  code: FINDING.ADMIN_ACCESS,
  title: "Full administrator",
  explanation: "The role can perform every action on every resource: whoever assumes it owns the account.",
  remediation: "Replace the administrator policy with one that lists only what the vendor's product needs (its documentation usually gives it).",
  applies: ({ permissions }) => permissions.admin,
};

export const privilegeEscalation: FindingRule = {
  code: FINDING.PRIVILEGE_ESCALATION,
  title: "Can escalate its own privileges",
  explanation: "The role holds a known combination of actions (such as iam:CreatePolicyVersion, or iam:PassRole with ec2:RunInstances) that lets it give itself more access, up to administrator.",
  remediation: "Remove the IAM write and PassRole actions the vendor does not need, or scope them to specific resources and add a permissions boundary.",
  applies: ({ permissions }) => permissions.privilegeEscalation.length > 0,
};

export const destructiveActions: FindingRule = {
  code: FINDING.DESTRUCTIVE_ACTIONS,
  title: "Can delete or stop resources",
  explanation: "The role can delete, terminate, stop or disable resources: a breached or mistaken vendor can cause an outage or data loss.",
  remediation: "Remove Delete/Terminate/Stop actions unless the product's function requires them, and scope those to tagged resources.",
  applies: ({ permissions }) => permissions.destructive.length > 0,
};

export const costImpact: FindingRule = {
  code: FINDING.COST_IMPACT,
  title: "Can start paid capacity",
  explanation: "The role can launch instances, clusters, training jobs or model invocations: a breached vendor can run up the bill (crypto-mining, LLM abuse).",
  remediation: "Remove launch actions the vendor does not need, or limit them by condition (instance types, regions) and set billing alarms.",
  applies: ({ permissions }) => permissions.costImpact.length > 0,
};

export const dataAccess: FindingRule = {
  code: FINDING.DATA_ACCESS,
  title: "Can read data",
  explanation: "The role can read stored data itself (S3 objects, secrets, parameters, table rows, messages, or decrypt with KMS), not just metadata.",
  remediation: "Limit data reads to the specific buckets, tables or secrets the vendor processes.",
  applies: ({ permissions }) => permissions.dataAccess.length > 0,
};

export const writeAccess: FindingRule = {
  code: FINDING.WRITE_ACCESS,
  title: "Can change resources",
  explanation: "The role holds Write or Permissions management actions: it can change the account, not only look at it.",
  remediation: "If the vendor only reads (monitoring, cost, security scanning), give it a read-only policy such as SecurityAudit or ViewOnlyAccess.",
  applies: ({ permissions }) => permissions.writeActionCount > 0,
};
