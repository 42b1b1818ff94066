import { FINDING } from "@/lib/analysis/findings";
import { unused } from "@/lib/analysis/findings/unused";
import { describeRule } from "./ruleTable";

describeRule(unused, FINDING.UNUSED, {
  raises: [
    ["a role last used 118 days ago", { role: { lastUsed: "2026-08-01T00:00:00Z" } }],
    ["a role never used, created over 90 days ago", { role: { lastUsed: null, createDate: "2025-01-01T00:00:00Z" } }],
  ],
  doesNotRaise: [
    ["a role used last week", {}],
    ["a role never used, created this month", { role: { lastUsed: null, createDate: "2026-11-01T00:00:00Z" } }],
    ["an input that does not say (no RoleLastUsed)", { role: { lastUsed: null, createDate: "2025-01-01T00:00:00Z", lastUsedKnown: false } }],
    ["an internal principal", { internal: true, vendor: null, role: { lastUsed: "2026-01-01T00:00:00Z" } }],
    ["a role with no dates at all", { role: { lastUsed: null, createDate: null } }],
  ],
});
