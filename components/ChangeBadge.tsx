import { changeMeaning, type ChangeTone } from "@/lib/history/changeMeaning";

/** Colours by security meaning: red for access gained or risk raised, green for good news. */
export const CHANGE_TONE_STYLE: Record<ChangeTone, string> = {
  alarm: "border-red-300 bg-red-50 text-red-900",
  warn: "border-amber-300 bg-amber-50 text-amber-900",
  neutral: "border-slate-300 bg-slate-50 text-slate-700",
  good: "border-emerald-300 bg-emerald-50 text-emerald-900",
};

/** A change's kind in words, coloured by what it means; the stored code is its tooltip. */
export function ChangeBadge({ event }: { event: { kind: string; before?: unknown; after?: unknown } }) {
  const meaning = changeMeaning(event);
  return (
    <span title={event.kind} data-tone={meaning.tone} className={`mr-2 inline-block whitespace-nowrap rounded border px-1.5 text-xs font-medium ${CHANGE_TONE_STYLE[meaning.tone]}`}>
      {meaning.label}
    </span>
  );
}
