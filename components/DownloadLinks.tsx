import type { SearchParams } from "@/lib/queries/params";
import { withParams } from "@/lib/web/url";

/** "Download: CSV · PDF" buttons; plain links so the browser saves the file the route sends. */
export function DownloadLinks({ links, label = "Download" }: { links: { href: string; format: string; title?: string }[]; label?: string }) {
  return (
    <span className="flex items-center gap-2 text-sm" data-testid="downloads">
      <span className="text-slate-600">{label}:</span>
      {links.map((l) => (
        <a key={l.href} href={l.href} download title={l.title} className="rounded border border-slate-300 bg-white px-2 py-1 font-medium hover:bg-slate-50">
          {l.format}
        </a>
      ))}
    </span>
  );
}

/** The CSV of a list page's whole table, with the filters and sort on screen. */
export function CsvDownload({ href, params }: { href: string; params: SearchParams }) {
  return <DownloadLinks links={[{ href: withParams(href, params, {}), format: "CSV", title: "Every row matching the current filters" }]} />;
}
