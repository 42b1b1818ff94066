import { FINDING, type FindingRule } from "./types";

export const costImpact: FindingRule = {
  code: FINDING.COST_IMPACT,
  label: "cost impact",
  title: "Can start paid capacity",
  explanation: "The role can launch instances, clusters, training jobs or model invocations: a breached vendor can run up the bill (crypto-mining, LLM abuse).",
  remediation: "Remove launch actions the vendor does not need, or limit them by condition (instance types, regions) and set billing alarms.",
  applies: ({ permissions }) => permissions.costImpact.length > 0,
  held: ({ costImpact }) => costImpact,
};
