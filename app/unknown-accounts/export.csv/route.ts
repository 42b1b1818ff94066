import { vendorsCsv } from "@/lib/reports/tableCsv";
import { csvExport } from "@/lib/web/download";

export const dynamic = "force-dynamic";
export const GET = csvExport("unknown-accounts", (db, params) => vendorsCsv(db, params, { kind: "account" }));
