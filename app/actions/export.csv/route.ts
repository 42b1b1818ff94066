import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { actionSearchCsv } from "@/lib/reports/tableCsv";
import { csvExport } from "@/lib/web/download";

export const dynamic = "force-dynamic";
export const GET = csvExport("action-search", async (db, params) => actionSearchCsv(db, await loadActionCatalog(), params));
