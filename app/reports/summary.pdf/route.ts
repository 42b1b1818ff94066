import { AUDIT } from "@/lib/audit/auditActions";
import { guardedRoute } from "@/lib/auth/access";
import { prisma } from "@/lib/db/server";
import { dateParam, reportPeriod } from "@/lib/reports/reportBasis";
import { organizationSummaryFile } from "@/lib/reports/reportFiles";
import { download } from "@/lib/web/download";

export const dynamic = "force-dynamic";

/** /reports/summary.pdf?since=DATE&until=DATE (default: the last 90 days) */
export const GET = guardedRoute("viewer", async (request) => {
  const query = new URL(request.url).searchParams;
  const period = reportPeriod(dateParam(query.get("since")), dateParam(query.get("until"), true));
  if (period.since > period.until) return new Response("since must be before until\n", { status: 400 });
  return download(await organizationSummaryFile(await prisma(), period));
}, { audit: AUDIT.REPORT_DOWNLOADED });
