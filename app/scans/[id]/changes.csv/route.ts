import { AUDIT } from "@/lib/audit/auditEventKinds";
import { guardedRoute } from "@/lib/auth/access";
import { prisma } from "@/lib/db/server";
import { CONTENT_TYPE } from "@/lib/reports/reportFiles";
import { rowId, text } from "@/lib/queries/params";
import { scanChangesCsv } from "@/lib/reports/tableCsv";
import { download } from "@/lib/web/download";

export const dynamic = "force-dynamic";

/** /scans/[id]/changes.csv?kind=KIND&internal=1: the scan page's change list, every row. */
export const GET = guardedRoute("viewer", async (request, { params }) => {
  const id = rowId((await params).id);
  if (id === undefined) return new Response("no such scan\n", { status: 404 });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const body = await scanChangesCsv(await prisma(), id, text(query, "kind"), text(query, "internal") === "1");
  return download({ body, filename: `scan-${id}-changes.csv`, contentType: CONTENT_TYPE.csv });
}, { audit: AUDIT.REPORT_DOWNLOADED });
