import { FINDING, type FindingRule } from "./types";

export const UNUSED_AFTER_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export const unused: FindingRule = {
  code: FINDING.UNUSED,
  label: "unused",
  title: `Not used in ${UNUSED_AFTER_DAYS} days`,
  explanation:
    `IAM reports no use of the role in the last ${UNUSED_AFTER_DAYS} days (or never, for a role older than that). Access nobody uses is pure exposure. Judged only when the input carries RoleLastUsed.`,
  remediation: "Confirm with the vendor's owner that the integration is retired, then delete the role or its trust.",
  applies: ({ internal, role, now }) => {
    if (internal || !role.lastUsedKnown) return false;
    const since = role.lastUsed ?? role.createDate;
    if (!since) return false;
    return now.getTime() - Date.parse(since) > UNUSED_AFTER_DAYS * DAY_MS;
  },
};
