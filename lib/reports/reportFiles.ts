/**
 * Every downloadable report as a finished file (body, name, type), shared by the dashboard's
 * download routes and `vendorscope report`, so both always produce the same bytes.
 */
import { summariseUnknownAccounts, summariseVendors } from "../analysis/analysisRecords";
import { currentInventoryDocument } from "../db/inventoryDocument";
import type { PermissionSummaries } from "../db/permissionSummaries";
import type { Db } from "../db/types";
import { inventoryCsv } from "../export/inventoryCsv";
import { cachedQuery } from "../queries/inventoryCache";
import { organizationSummary, organizationSummaryPdf } from "./organizationSummary";
import type { ReportPeriod } from "./reportBasis";
import { vendorTrustsCsv } from "./tableCsv";
import { vendorReview, vendorReviewPdf } from "./vendorReview";

export const REPORT_FORMATS = ["pdf", "csv", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPE: Record<ReportFormat, string> = {
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

export interface ReportFile {
  body: string | Buffer;
  filename: string;
  contentType: string;
}

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

const day = (d: Date) => d.toISOString().slice(0, 10);

function file(body: string | Buffer, stem: string, format: ReportFormat): ReportFile {
  const safeStem = stem.replace(/[^\w.-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 100) || "report";
  return { body, filename: `${safeStem}.${format}`, contentType: CONTENT_TYPE[format] };
}

/** One vendor's review: the PDF pack, its access as CSV, or its slice of the inventory JSON. */
export async function vendorReportFile(db: Db, summaries: PermissionSummaries, party: string, format: ReportFormat, period: ReportPeriod): Promise<ReportFile | null> {
  const review = await vendorReview(db, summaries, party, period);
  if (!review) return null;
  const stem = `vendor-review-${review.vendor.name}-${day(period.until)}`;
  if (format === "pdf") return file(await vendorReviewPdf(review), stem, format);
  if (format === "csv") return file(vendorTrustsCsv(review.vendor, review.resources), stem, format);
  const inventory = await currentInventoryDocument(db, summaries, { party });
  const trusts = inventory.trusts.filter((t) => !t.internal);
  const resources = inventory.resources.filter((r) => !r.internal);
  const json = {
    ...inventory,
    trusts,
    resources,
    vendors: summariseVendors(trusts, resources),
    unknownAccounts: summariseUnknownAccounts(trusts, resources),
    review: {
      vendor: review.vendor.name,
      party,
      source: review.vendor.source,
      externalAccounts: review.vendor.externalAccounts,
      risk: review.vendor.trusts.length ? review.vendor.risk : null,
      findings: review.vendor.findings,
      basedOnScan: review.basis.scanId,
      period: { since: review.period.since.toISOString(), until: review.period.until.toISOString() },
      changes: review.changes.map((e) => ({ at: e.createdAt.toISOString(), kind: e.kind, summary: e.summary, scanId: e.scanId, accountId: e.accountId, roleArn: e.roleArn })),
    },
  };
  return file(JSON.stringify(json, null, 2) + "\n", stem, format);
}

/**
 * The summary PDF, cached per inventory version and period to the minute (the PDF states times
 * to the minute): fifty people downloading it after a scan cost one rendering.
 */
export async function organizationSummaryFile(db: Db, period: ReportPeriod): Promise<ReportFile> {
  const minute = (d: Date) => Math.floor(d.getTime() / 60_000);
  return cachedQuery(db, "summary.pdf", [minute(period.since), minute(period.until)], async () => {
    const summary = await organizationSummary(db, period);
    return file(await organizationSummaryPdf(summary), `organization-summary-${day(period.since)}-to-${day(period.until)}`, "pdf");
  });
}

/** The full inventory: one CSV row per vendor × account × role, or the `export --json` document. */
export async function inventoryFile(db: Db, summaries: PermissionSummaries, format: "csv" | "json", now = new Date()): Promise<ReportFile> {
  const inventory = await currentInventoryDocument(db, summaries);
  return file(format === "csv" ? inventoryCsv(inventory) : JSON.stringify(inventory, null, 2) + "\n", `vendorscope-inventory-${day(now)}`, format);
}
