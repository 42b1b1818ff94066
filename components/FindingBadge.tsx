import { findingRule, type FindingCode } from "@/lib/analysis/findings";
import { bySeverity, findingTier } from "@/lib/analysis/risk";


const TIER_CLASS = { severe: "finding-badge severe", warn: "finding-badge warn", minor: "finding-badge" } as const;

/** A finding as a short word; its look is the `finding-badge` class (app/globals.css): big tables repeat it thousands of times. */
export function FindingBadge({ code }: { code: FindingCode }) {
  return (
    <span title={`${code}: ${findingRule(code)?.title ?? ""}`} className={TIER_CLASS[findingTier(code)]}>
      {findingRule(code)?.label ?? code}
    </span>
  );
}

/** Findings, the most severe first; past `limit`, a "+N more" that names the rest. */
export function FindingList({ codes, limit, ordered = false }: { codes: readonly FindingCode[]; limit?: number; ordered?: boolean }) {
  if (codes.length === 0) return <span className="text-slate-500">none</span>;
  const all = ordered ? [...codes] : bySeverity(codes);
  const shown = limit !== undefined && all.length > limit ? all.slice(0, limit) : all;
  const rest = all.slice(shown.length);
  return (
    <span className="inline-flex flex-wrap">
      {shown.map((c) => (
        <FindingBadge key={c} code={c} />
      ))}
      {rest.length > 0 ? (
        <span className="finding-badge more relative" title={rest.map((c) => findingRule(c)?.label ?? c).join(", ")}>
          +{rest.length} more<span className="sr-only">: {rest.map((c) => findingRule(c)?.label ?? c).join(", ")}</span>
        </span>
      ) : null}
    </span>
  );
}
