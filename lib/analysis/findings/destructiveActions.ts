import { FINDING, type FindingRule } from "./types";

export const destructiveActions: FindingRule = {
  code: FINDING.DESTRUCTIVE_ACTIONS,
  label: "destructive",
  title: "Can delete or stop resources",
  explanation: "The role can delete, terminate, stop or disable resources: a breached or mistaken vendor can cause an outage or data loss.",
  remediation: "Remove Delete/Terminate/Stop actions unless the product's function requires them, and scope those to tagged resources.",
  applies: ({ permissions }) => permissions.destructive.length > 0,
  held: ({ destructive }) => destructive,
};
