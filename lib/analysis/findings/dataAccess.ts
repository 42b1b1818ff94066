import { FINDING, type FindingRule } from "./types";

export const dataAccess: FindingRule = {
  code: FINDING.DATA_ACCESS,
  label: "data access",
  title: "Can read data",
  explanation: "The role can read stored data itself (S3 objects, secrets, parameters, table rows, messages, or decrypt with KMS), not just metadata.",
  remediation: "Limit data reads to the specific buckets, tables or secrets the vendor processes.",
  applies: ({ permissions }) => permissions.dataAccess.length > 0,
  held: ({ dataAccess }) => dataAccess,
};
