import { AUDIT } from "@/lib/audit/auditEventKinds";
import { guardedRoute } from "@/lib/auth/access";
import { prisma } from "@/lib/db/server";
import { periodFromQuery } from "@/lib/reports/reportBasis";
import { organizationSummaryFile } from "@/lib/reports/reportFiles";
import { download } from "@/lib/web/download";

export const dynamic = "force-dynamic";

/** /reports/summary.pdf?since=DATE&until=DATE (default: the last 90 days) */
export const GET = guardedRoute("viewer", async (request) => {
  const query = new URL(request.url).searchParams;
  const period = periodFromQuery(query.get("since"), query.get("until"));
  if ("error" in period) return new Response(`${period.error}\n`, { status: 400 });
  return download(await organizationSummaryFile(await prisma(), period));
}, { audit: AUDIT.REPORT_DOWNLOADED });
