import { findingRule, type FindingCode } from "@/lib/analysis/findings";

const SHORT: Record<FindingCode, string> = {
  WILDCARD_PRINCIPAL: "anyone",
  OIDC_UNRESTRICTED: "any OIDC user",
  ROOT_PRINCIPAL: "root delegation",
  NO_EXTERNAL_ID: "no ExternalId",
  WEAK_EXTERNAL_ID: "weak ExternalId",
  DANGLING_PRINCIPAL: "deleted principal",
  UNKNOWN_VENDOR: "unknown vendor",
  UNUSED: "unused",
  ADMIN_ACCESS: "admin",
  PRIVILEGE_ESCALATION: "priv. escalation",
  DESTRUCTIVE_ACTIONS: "destructive",
  COST_IMPACT: "cost impact",
  DATA_ACCESS: "data access",
  WRITE_ACCESS: "write",
};

const SEVERE = new Set<FindingCode>(["WILDCARD_PRINCIPAL", "OIDC_UNRESTRICTED", "ADMIN_ACCESS", "PRIVILEGE_ESCALATION", "NO_EXTERNAL_ID"]);

/** A finding as a short word; its look is the `finding-badge` class (app/globals.css): big tables repeat it thousands of times. */
export function FindingBadge({ code }: { code: FindingCode }) {
  return (
    <span title={`${code}: ${findingRule(code)?.title ?? ""}`} className={SEVERE.has(code) ? "finding-badge severe" : "finding-badge"}>
      {SHORT[code] ?? code}
    </span>
  );
}

/** A trust's findings, the severe ones first. */
export function FindingList({ codes }: { codes: readonly FindingCode[] }) {
  if (codes.length === 0) return <span className="text-slate-400">none</span>;
  const ordered = [...codes.filter((c) => SEVERE.has(c)), ...codes.filter((c) => !SEVERE.has(c))];
  return (
    <span className="inline-flex flex-wrap">
      {ordered.map((c) => (
        <FindingBadge key={c} code={c} />
      ))}
    </span>
  );
}
