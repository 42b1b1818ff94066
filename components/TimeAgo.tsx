import { absoluteTime, relativeTime } from "@/lib/format";

/** A date as relative time with the absolute time beside it (below it when compact). */
export function TimeAgo({ date, compact = false }: { date: Date | string | null; compact?: boolean }) {
  if (!date) return <span className="text-slate-500">never</span>;
  const d = typeof date === "string" ? new Date(date) : date;
  return (
    <time dateTime={d.toISOString()} title={absoluteTime(d)} className={compact ? "block whitespace-nowrap" : "whitespace-nowrap"}>
      {relativeTime(d)}
      <span className={compact ? "block text-xs text-slate-500" : "ml-1 text-xs text-slate-500"}>{compact ? absoluteTime(d).slice(0, 10) : `(${absoluteTime(d)})`}</span>
    </time>
  );
}
