/**
 * The CISO's summary for a period: exposure totals, the trend over the period's scans, the
 * riskiest vendors, vendor access that appeared or went away, and accounts not scanned.
 */
import type { InventoryTotals } from "../db/inventoryTotals";
import type { Db } from "../db/types";
import { CHANGE } from "../history/changeKinds";
import { findingRule } from "../analysis/findings";
import { partyLabel } from "../inventory/party";
import { overview } from "../queries/overview";
import { listVendors, type VendorRow } from "../queries/vendors";
import { absoluteTime } from "../format";
import { PdfWriter } from "./pdf/pdfWriter";
import { reportBasis, type ReportBasis, type ReportPeriod } from "./reportBasis";

export interface OrganizationSummary {
  totals: InventoryTotals;
  trend: { scanId: number; at: Date; vendors: number; critical: number; high: number }[];
  topVendors: VendorRow[];
  appeared: { at: Date; summary: string; party: string | null }[];
  disappeared: { at: Date; summary: string; party: string | null }[];
  notScanned: { id: string; name: string | null; reason: string }[];
  basis: ReportBasis;
  period: ReportPeriod;
}

export async function organizationSummary(db: Db, period: ReportPeriod): Promise<OrganizationSummary> {
  const [view, vendors, events, accounts, basis] = await Promise.all([
    overview(db),
    listVendors(db, { sort: "risk" }),
    db.changeEvent.findMany({
      where: { createdAt: { gte: period.since, lte: period.until }, kind: { in: [CHANGE.TRUST_ADDED, CHANGE.TRUST_REMOVED, CHANGE.VENDOR_APPEARED, CHANGE.VENDOR_DISAPPEARED] }, party: { not: "internal" } },
      orderBy: { id: "asc" },
      select: { kind: true, createdAt: true, summary: true, party: true },
    }),
    db.account.findMany({ where: { removedScanId: null, OR: [{ staleSince: { not: null } }, { lastSuccessScanId: null }] }, orderBy: { id: "asc" } }),
    reportBasis(db),
  ]);
  const inPeriod = view.trend.filter((p) => new Date(p.at) >= period.since && new Date(p.at) <= period.until);
  const added = new Set<string>([CHANGE.TRUST_ADDED, CHANGE.VENDOR_APPEARED]);
  return {
    totals: view.totals,
    trend: inPeriod.map((p) => ({ scanId: p.scanId, at: new Date(p.at), vendors: p.vendors, critical: p.critical, high: p.high })),
    topVendors: vendors.rows.slice(0, 15),
    appeared: events.filter((e) => added.has(e.kind) && e.party !== null).map((e) => ({ at: e.createdAt, summary: e.summary, party: e.party })),
    disappeared: events.filter((e) => !added.has(e.kind) && e.party !== null).map((e) => ({ at: e.createdAt, summary: e.summary, party: e.party })),
    notScanned: accounts.map((a) => ({
      id: a.id,
      name: a.name,
      reason: a.lastSuccessScanId === null ? `never read by a scan${a.lastError ? `: ${a.lastError}` : ""}` : `last scan failed (${a.lastError ?? "error"}); data as of ${a.lastSuccessAt ? absoluteTime(a.lastSuccessAt) : "never"}`,
    })),
    basis,
    period,
  };
}

export async function organizationSummaryPdf(s: OrganizationSummary): Promise<Buffer> {
  const pdf = new PdfWriter("Third-party access summary", `Vendorscope · third-party access summary · ${s.basis.text} · generated ${absoluteTime(s.basis.generatedAt)}`);
  const t = s.totals;
  pdf.heading("Third-party access summary", 1);
  pdf.facts([
    ["Period", `${absoluteTime(s.period.since)} to ${absoluteTime(s.period.until)}`],
    ["Based on", s.basis.text],
  ]);
  pdf.heading("Exposure");
  pdf.facts([
    ["Vendors with access", String(t.vendors)],
    ["External accounts", String(t.externalAccounts)],
    ["Third-party trusts", `${t.trusts}: ${t.risk.critical} critical, ${t.risk.high} high, ${t.risk.medium} medium, ${t.risk.low} low`],
    ["IAM users with access keys", String(t.usersWithKeys)],
    ["Member accounts", `${t.accounts}, of which ${t.staleAccounts} with stale data`],
  ]);
  pdf.heading("Trend over the period's scans");
  if (s.trend.length === 0) pdf.paragraph("No completed scan in the period.");
  else
    pdf.lineChart(
      s.trend.map((p) => ({ label: `#${p.scanId} ${absoluteTime(p.at).slice(5, 10)}`, values: [p.vendors, p.critical, p.high] })),
      [
        { name: "Vendors", color: "#0f172a" },
        { name: "Critical trusts", color: "#b91c1c" },
        { name: "High trusts", color: "#ea580c" },
      ],
      `${s.trend.length} scan${s.trend.length === 1 ? "" : "s"} in the period.`,
    );
  pdf.heading("Riskiest vendors");
  if (s.topVendors.length === 0) pdf.paragraph("No vendor has access.");
  else
    pdf.table(
      [
        { header: "Vendor", width: 34, value: (v: VendorRow) => v.name },
        { header: "Risk", width: 12, value: (v) => v.risk.toUpperCase() },
        { header: "Our accounts", width: 12, value: (v) => String(v.accounts) },
        { header: "Trusts", width: 10, value: (v) => String(v.trusts) },
        { header: "Findings, the most severe first", width: 32, value: (v) => v.riskFindings.map((f) => findingRule(f).label).join(", ") || "none" },
      ],
      s.topVendors,
    );
  pdf.heading("New vendor access in the period");
  changeTable(pdf, s.appeared, "No new vendor access.");
  pdf.heading("Vendor access removed in the period");
  changeTable(pdf, s.disappeared, "No vendor access was removed.");
  pdf.heading("Accounts not scanned");
  if (s.notScanned.length === 0) pdf.paragraph("Every member account was read by its last scan.");
  else pdf.table([{ header: "Account", width: 25, value: (a: OrganizationSummary["notScanned"][number]) => `${a.id}${a.name ? `\n${a.name}` : ""}` }, { header: "Why", width: 75, value: (a) => a.reason }], s.notScanned);
  return pdf.finish();
}

function changeTable(pdf: PdfWriter, rows: OrganizationSummary["appeared"], empty: string): void {
  if (rows.length === 0) {
    pdf.paragraph(empty);
    return;
  }
  pdf.table(
    [
      { header: "When", width: 18, value: (e: OrganizationSummary["appeared"][number]) => absoluteTime(e.at) },
      { header: "Who", width: 22, value: (e) => (e.party ? partyLabel(e.party) : "") },
      { header: "Change", width: 60, value: (e) => e.summary },
    ],
    rows,
  );
}
