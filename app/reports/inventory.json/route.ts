import { prisma, serverSummaries } from "@/lib/db/server";
import { inventoryFile } from "@/lib/reports/reportFiles";
import { download } from "@/lib/web/download";

export const dynamic = "force-dynamic";

export async function GET() {
  return download(await inventoryFile(await prisma(), await serverSummaries(), "json"));
}
