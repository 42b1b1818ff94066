import type { ReactNode } from "react";

/** A semantic table that scrolls sideways on narrow screens instead of breaking the layout. */
export function DataTable({ caption, head, children }: { caption: string; head: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="data-table w-full min-w-[48rem] border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-slate-600 [overflow-wrap:normal]">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({ children, className = "" }: { children?: ReactNode; className?: string }) {
  return <td className={className || undefined}>{children}</td>;
}

/**
 * Text from AWS: kept intact. It breaks after a `:` or `/` first, so an ARN wraps between its
 * parts, never inside its account id; only a part too long for the column (a 500-character
 * name) wraps anywhere, so that it can't widen the page.
 */
export function Raw({ children, className = "" }: { children: string; className?: string }) {
  return <span className={`[overflow-wrap:anywhere] font-mono text-xs ${className}`}>{breakableParts(children)}</span>;
}

/** The text with a line-break opportunity after each `:` and `/` (React escapes every part). */
export function breakableParts(text: string): ReactNode[] {
  return text.split(/(?<=[:/])/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
}
