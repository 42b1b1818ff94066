import { AUDIT } from "../audit/auditEventKinds";
import { guardedRoute } from "../auth/access";
import { prisma } from "../db/server";
import type { Db } from "../db/types";
import type { SearchParams } from "../queries/params";
import { CONTENT_TYPE, type ReportFile } from "../reports/reportFiles";

/** A file the browser saves (CSV, PDF, JSON), never rendered inline. */
export function download(report: ReportFile): Response {
  const safe = report.filename.replace(/[^\w.-]+/g, "_").slice(0, 120);
  return new Response(typeof report.body === "string" ? report.body : new Uint8Array(report.body), {
    headers: {
      "Content-Type": report.contentType,
      "Content-Disposition": `attachment; filename="${safe}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}

/** The GET handler of a list page's `export.csv`: the page's table with the page's filters, every row. */
export function csvExport(name: string, table: (db: Db, params: SearchParams) => Promise<string>) {
  return guardedRoute(
    "viewer",
    async (request) => {
      const params = Object.fromEntries(new URL(request.url).searchParams);
      return download({ body: await table(await prisma(), params), filename: `${name}-${new Date().toISOString().slice(0, 10)}.csv`, contentType: CONTENT_TYPE.csv });
    },
    { audit: AUDIT.REPORT_DOWNLOADED },
  );
}
