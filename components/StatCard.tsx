import Link from "next/link";

/** A headline number that links to the rows behind it. */
export function StatCard({ label, value, href, tone = "default" }: { label: string; value: number; href: string; tone?: "default" | "critical" | "high" | "medium" | "low" }) {
  const ring = { default: "border-slate-200", critical: "border-red-300", high: "border-orange-300", medium: "border-amber-300", low: "border-slate-200" }[tone];
  return (
    <Link href={href} className={`block rounded-lg border ${ring} bg-white p-4 shadow-sm hover:bg-slate-50`}>
      <span className="block text-3xl font-semibold tabular-nums">{value.toLocaleString("en-US")}</span>
      <span className="block text-sm text-slate-600">{label}</span>
    </Link>
  );
}
