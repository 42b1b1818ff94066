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

export function FindingBadge({ code }: { code: FindingCode }) {
  return (
    <span
      title={`${code}: ${findingRule(code)?.title ?? ""}`}
      className={`mr-1 mb-1 inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs ${SEVERE.has(code) ? "border-red-300 bg-red-50 text-red-800" : "border-slate-300 bg-white text-slate-700"}`}
    >
      {SHORT[code] ?? code}
    </span>
  );
}

export function FindingList({ codes }: { codes: readonly FindingCode[] }) {
  if (codes.length === 0) return <span className="text-slate-400">none</span>;
  return (
    <span className="inline-flex flex-wrap">
      {codes.map((c) => (
        <FindingBadge key={c} code={c} />
      ))}
    </span>
  );
}
