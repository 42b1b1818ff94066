import type { StatementNote } from "@/lib/queries/roleDetail";
import { FindingBadge } from "./FindingBadge";

function indent(text: string, spaces: number): string {
  return text.replace(/^/gm, " ".repeat(spaces));
}

/**
 * A policy pretty-printed, statement by statement; the statements behind a finding are
 * highlighted with what they do. Text is rendered as text (React escapes it), never as HTML.
 */
export function PolicyDocumentView({ document, notes, label }: { document: unknown; notes: StatementNote[]; label: string }) {
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    return <pre className="overflow-x-auto whitespace-pre-wrap [overflow-wrap:anywhere] rounded bg-slate-50 p-3 font-mono text-xs">{String(document)}</pre>;
  }
  const { Statement, ...rest } = document as Record<string, unknown>;
  const statements = Statement === undefined ? [] : Array.isArray(Statement) ? Statement : [Statement];
  const head = JSON.stringify(rest, null, 2).slice(0, -2);
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-slate-50 font-mono text-xs" aria-label={label}>
      <pre className="whitespace-pre-wrap [overflow-wrap:anywhere] px-3 pt-3">{`${head}${Object.keys(rest).length ? "," : "{"}\n  "Statement": [`}</pre>
      {statements.map((statement, i) => {
        const mine = notes.filter((n) => n.statement === i);
        const codes = [...new Set(mine.flatMap((n) => n.codes))];
        return (
          <div
            key={i}
            data-statement={i}
            data-highlighted={mine.length > 0 ? "true" : undefined}
            className={mine.length ? "border-l-4 border-red-500 bg-red-50/60" : "border-l-4 border-transparent"}
          >
            {mine.length ? (
              <div className="px-3 pt-2 font-sans text-xs text-red-900">
                <span className="font-semibold">Statement {i}</span>: {mine.map((n) => n.text).join("; ")}{" "}
                {codes.map((c) => (
                  <FindingBadge key={c} code={c} />
                ))}
              </div>
            ) : null}
            <pre className="whitespace-pre-wrap [overflow-wrap:anywhere] px-3 py-1">{indent(JSON.stringify(statement, null, 2), 4) + (i < statements.length - 1 ? "," : "")}</pre>
          </div>
        );
      })}
      <pre className="px-3 pb-3">{"  ]\n}"}</pre>
    </div>
  );
}
