import type { Risk } from "@/lib/analysis/risk";

const STYLES: Record<Risk, string> = {
  critical: "bg-red-700 text-white",
  high: "bg-orange-100 text-orange-900 ring-1 ring-orange-300",
  medium: "bg-amber-50 text-amber-900 ring-1 ring-amber-300",
  low: "bg-slate-100 text-slate-700 ring-1 ring-slate-300",
};

/** Risk as a word and a colour: colour is never the only carrier. */
export function RiskBadge({ risk }: { risk: Risk | null }) {
  if (!risk) return <span className="text-slate-500">–</span>;
  return <span className={`risk-badge inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide ${STYLES[risk]}`}>{risk}</span>;
}
