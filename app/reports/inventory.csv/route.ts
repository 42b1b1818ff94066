import { AUDIT } from "@/lib/audit/auditEventKinds";
import { guardedRoute } from "@/lib/auth/access";
import { prisma, serverSummaries } from "@/lib/db/server";
import { inventoryFile } from "@/lib/reports/reportFiles";
import { download } from "@/lib/web/download";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("viewer", async () => {
  return download(await inventoryFile(await prisma(), await serverSummaries(), "csv"));
}, { audit: AUDIT.REPORT_DOWNLOADED });
