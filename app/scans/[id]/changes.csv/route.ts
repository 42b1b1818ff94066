import { AUDIT } from "@/lib/audit/auditActions";
import { guardedRoute } from "@/lib/auth/access";
import { prisma } from "@/lib/db/server";
import { CONTENT_TYPE } from "@/lib/reports/reportFiles";
import { scanChangesCsv } from "@/lib/reports/tableCsv";
import { download } from "@/lib/web/download";

export const dynamic = "force-dynamic";

/** /scans/[id]/changes.csv?kind=KIND: the scan page's change list, every row. */
export const GET = guardedRoute("viewer", async (request, { params }) => {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id < 1) return new Response("no such scan\n", { status: 404 });
  const kind = new URL(request.url).searchParams.get("kind") ?? undefined;
  return download({ body: await scanChangesCsv(await prisma(), id, kind), filename: `scan-${id}-changes.csv`, contentType: CONTENT_TYPE.csv });
}, { audit: AUDIT.REPORT_DOWNLOADED });
