import Link from "next/link";
import type { SearchParams } from "@/lib/queries/params";
import { withParams } from "@/lib/web/url";

export function Pagination({ path, params, page, pageSize, total }: { path: string; params: SearchParams; page: number; pageSize: number; total: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total === 0) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-slate-600">
      <span>
        {first.toLocaleString("en-US")}–{last.toLocaleString("en-US")} of {total.toLocaleString("en-US")}
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50" href={withParams(path, params, { page: page - 1 })} rel="prev">
            ← Previous
          </Link>
        ) : null}
        <span className="px-1 py-1">
          Page {page} of {pages}
        </span>
        {page < pages ? (
          <Link className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50" href={withParams(path, params, { page: page + 1 })} rel="next">
            Next →
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
