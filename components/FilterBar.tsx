import Link from "next/link";
import type { SearchParams } from "@/lib/queries/params";

export type FilterField =
  | { kind: "search"; name: string; label: string; placeholder?: string }
  | { kind: "select"; name: string; label: string; options: readonly (string | { value: string; label: string })[] };

/** Filters as a plain GET form: the URL holds them, so links share them and Back works. */
export function FilterBar({ path, params, fields, keep = [] }: { path: string; params: SearchParams; fields: FilterField[]; keep?: string[] }) {
  const value = (name: string) => {
    const v = params[name];
    return (Array.isArray(v) ? v[0] : v) ?? "";
  };
  return (
    <form method="get" action={path} role="search" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      {keep.map((name) => (value(name) ? <input key={name} type="hidden" name={name} value={value(name)} /> : null))}
      {fields.map((field) => (
        <label key={field.name} className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-600">{field.label}</span>
          {field.kind === "search" ? (
            <input type="search" name={field.name} defaultValue={value(field.name)} placeholder={field.placeholder} className="w-56 rounded border border-slate-300 px-2 py-1" />
          ) : (
            <select name={field.name} defaultValue={value(field.name)} className="rounded border border-slate-300 bg-white px-2 py-1">
              <option value="">any</option>
              {field.options.map((o) => {
                const opt = typeof o === "string" ? { value: o, label: o } : o;
                return (
                  <option key={opt.value} value={opt.value}>
                    {opt.label}
                  </option>
                );
              })}
            </select>
          )}
        </label>
      ))}
      <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
        Apply
      </button>
      <Link href={path} className="py-1.5 text-slate-600 underline">
        Clear
      </Link>
    </form>
  );
}
