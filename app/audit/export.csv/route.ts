import { AUDIT } from "@/lib/audit/auditEventKinds";
import { auditCsv } from "@/lib/audit/auditLog";
import { guardedRoute } from "@/lib/auth/access";
import { prisma } from "@/lib/db/server";
import { CONTENT_TYPE } from "@/lib/reports/reportFiles";
import { download } from "@/lib/web/download";

export const dynamic = "force-dynamic";

/** /audit/export.csv?action&outcome&actor: the audit log as filtered, every row (admin). */
export const GET = guardedRoute(
  "admin",
  async (request) => {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    return download({ body: await auditCsv(await prisma(), params), filename: `audit-log-${new Date().toISOString().slice(0, 10)}.csv`, contentType: CONTENT_TYPE.csv });
  },
  { audit: AUDIT.REPORT_DOWNLOADED },
);
