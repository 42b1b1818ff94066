import { resourcesCsv } from "@/lib/reports/tableCsv";
import { csvExport } from "@/lib/web/download";

export const dynamic = "force-dynamic";
export const GET = csvExport("resources", resourcesCsv);
