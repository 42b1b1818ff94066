import { AUDIT } from "@/lib/audit/auditActions";
import { guardedRoute } from "@/lib/auth/access";
import { prisma, serverSummaries } from "@/lib/db/server";
import { dateParam, reportPeriod } from "@/lib/reports/reportBasis";
import { isReportFormat, vendorReportFile } from "@/lib/reports/reportFiles";
import { download } from "@/lib/web/download";

export const dynamic = "force-dynamic";

/** /vendors/[party]/report?format=pdf|csv|json&since=DATE&until=DATE */
export const GET = guardedRoute("viewer", async (request, { params }) => {
  const party = decodeURIComponent((await params).party ?? "");
  const query = new URL(request.url).searchParams;
  const format = query.get("format") ?? "pdf";
  if (!isReportFormat(format)) return new Response("format must be pdf, csv or json\n", { status: 400 });
  const period = reportPeriod(dateParam(query.get("since")), dateParam(query.get("until"), true));
  const report = await vendorReportFile(await prisma(), await serverSummaries(), party, format, period);
  return report ? download(report) : new Response("no such vendor\n", { status: 404 });
}, { audit: AUDIT.REPORT_DOWNLOADED });
