import { AUDIT } from "@/lib/audit/auditEventKinds";
import { guardedRoute } from "@/lib/auth/access";
import { prisma, serverSummaries } from "@/lib/db/server";
import { periodFromQuery } from "@/lib/reports/reportBasis";
import { isReportFormat, vendorReportFile } from "@/lib/reports/reportFiles";
import { download } from "@/lib/web/download";
import { requestSegment } from "@/lib/web/url";

export const dynamic = "force-dynamic";

/** /vendors/[party]/report?format=pdf|csv|json&since=DATE&until=DATE */
export const GET = guardedRoute("viewer", async (request) => {
  // The party as sent (decoded once here): Next hands route handlers an already decoded value.
  const party = requestSegment(request, 1);
  if (!party) return new Response("no such vendor\n", { status: 404 });
  const query = new URL(request.url).searchParams;
  const format = query.get("format") ?? "pdf";
  if (!isReportFormat(format)) return new Response("format must be pdf, csv or json\n", { status: 400 });
  const period = periodFromQuery(query.get("since"), query.get("until"));
  if ("error" in period) return new Response(`${period.error}\n`, { status: 400 });
  const report = await vendorReportFile(await prisma(), await serverSummaries(), party, format, period);
  return report ? download(report) : new Response("no such vendor\n", { status: 404 });
}, { audit: AUDIT.REPORT_DOWNLOADED });
