import Link from "next/link";
import type { SearchParams } from "@/lib/queries/params";
import { withParams } from "@/lib/web/url";

/** A column header that sorts the table by `sort` (kept in the URL). */
export function SortHeader({ label, sort, current, path, params, className = "" }: { label: string; sort: string; current: string; path: string; params: SearchParams; className?: string }) {
  const active = current === sort;
  return (
    <th scope="col" className={`px-3 py-2 font-medium ${className}`} aria-sort={active ? "descending" : "none"}>
      <Link href={withParams(path, params, { sort })} className={active ? "text-slate-900 underline" : "hover:underline"}>
        {label}
        {active ? " ▾" : ""}
      </Link>
    </th>
  );
}

export function Th({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  return (
    <th scope="col" className={`px-3 py-2 font-medium ${className}`}>
      {children}
    </th>
  );
}
