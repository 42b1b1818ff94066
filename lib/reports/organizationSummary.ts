/**
 * The CISO's summary for a period, as a story: in brief (what changed, the top risks and why,
 * what to remove, what to review), then the evidence — exposure totals, the trend over the
 * period's scans, the riskiest vendors with the findings that set their risk, risk that grew,
 * vendor access that appeared or went away, and accounts not scanned.
 */
import type { InventoryTotals } from "../db/inventoryTotals";
import type { Db } from "../db/types";
import { CHANGE } from "../history/changeKinds";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findingRule } from "../analysis/findings";
import { REAL_SCANS } from "../history/attribution";
import { changeMeaning } from "../history/changeMeaning";
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
  /** Risk raised, permissions widened, an ExternalId weakened, a severe finding raised (third-party, real scans only). */
  grew: { at: Date; summary: string; party: string | null; label: string }[];
  /** Vendors whose every trust is unused: access that can be removed. */
  removable: VendorRow[];
  /** Unknown accounts nobody has named. */
  unknownAccounts: number;
  /** Resources anyone can use (public bucket policies, snapshots shared with all). */
  publicResources: number;
  /** Why the trend covers more than the period, if it does. */
  trendNote: string | null;
  disappeared: { at: Date; summary: string; party: string | null }[];
  notScanned: { id: string; name: string | null; reason: string }[];
  basis: ReportBasis;
  period: ReportPeriod;
}

/** Enough points for a trend: when the period holds fewer scans, the latest ones before its end are shown. */
const TREND_MIN_SCANS = 5;
const TREND_MAX_POINTS = 60;
const GREW_KINDS = [CHANGE.RISK_CHANGED, CHANGE.PERMISSIONS_WIDENED, CHANGE.FINDING_RAISED, CHANGE.EXTERNAL_ID_CHANGED, CHANGE.RESOURCE_GRANT_CHANGED];

export async function organizationSummary(db: Db, period: ReportPeriod): Promise<OrganizationSummary> {
  // An attribution pass's renames are VENDOR_CHANGED and ATTRIBUTED: never access that came,
  // went or grew (lib/history/attribution.ts); anything else it found is real and listed.
  const inPeriodEvents = { createdAt: { gte: period.since, lte: period.until }, party: { not: "internal" } };
  const [view, vendors, events, grew, accounts, basis, trendScans] = await Promise.all([
    overview(db),
    listVendors(db, { sort: "risk", page: 1, pageSize: 1_000_000 }),
    db.changeEvent.findMany({
      where: { ...inPeriodEvents, kind: { in: [CHANGE.TRUST_ADDED, CHANGE.TRUST_REMOVED, CHANGE.VENDOR_APPEARED, CHANGE.VENDOR_DISAPPEARED, CHANGE.RESOURCE_GRANTED, CHANGE.RESOURCE_REVOKED] } },
      orderBy: { id: "asc" },
      select: { kind: true, createdAt: true, summary: true, party: true },
    }),
    db.changeEvent.findMany({ where: { ...inPeriodEvents, kind: { in: GREW_KINDS } }, orderBy: { id: "asc" }, select: { kind: true, createdAt: true, summary: true, party: true, before: true, after: true } }),
    db.account.findMany({ where: { removedScanId: null, OR: [{ staleSince: { not: null } }, { lastSuccessScanId: null }] }, orderBy: { id: "asc" } }),
    reportBasis(db),
    periodTrend(db, period),
  ]);
  const added = new Set<string>([CHANGE.TRUST_ADDED, CHANGE.VENDOR_APPEARED, CHANGE.RESOURCE_GRANTED]);
  return {
    totals: view.totals,
    trend: trendScans.points,
    trendNote: trendScans.note,
    topVendors: vendors.rows.slice(0, 15),
    appeared: events.filter((e) => added.has(e.kind) && e.party !== null).map((e) => ({ at: e.createdAt, summary: e.summary, party: e.party })),
    disappeared: events.filter((e) => !added.has(e.kind) && e.party !== null).map((e) => ({ at: e.createdAt, summary: e.summary, party: e.party })),
    grew: grew.filter((e) => changeMeaning(e).tone === "alarm").map((e) => ({ at: e.createdAt, summary: e.summary, party: e.party, label: changeMeaning(e).label })),
    removable: vendors.rows.filter((v) => v.allUnused),
    unknownAccounts: view.attention.unknown,
    publicResources: view.attention.publicResources,
    notScanned: accounts.map((a) => ({
      id: a.id,
      name: a.name,
      reason: a.lastSuccessScanId === null ? `never read by a scan${a.lastError ? `: ${a.lastError}` : ""}` : `last scan failed (${a.lastError ?? "error"}); data as of ${a.lastSuccessAt ? absoluteTime(a.lastSuccessAt) : "never"}`,
    })),
    basis,
    period,
  };
}

/** The period's finished scans (at most TREND_MAX_POINTS, evenly picked), or the latest before its end when it holds too few. */
async function periodTrend(db: Db, period: ReportPeriod): Promise<{ points: OrganizationSummary["trend"]; note: string | null }> {
  const finished: Prisma.ScanWhereInput = { ...REAL_SCANS, status: { in: ["succeeded", "partial"] }, summary: { not: { equals: null } } };
  let scans = await db.scan.findMany({ where: { ...finished, startedAt: { gte: period.since, lte: period.until } }, orderBy: { id: "asc" }, select: { id: true, startedAt: true, summary: true } });
  let note: string | null = null;
  if (scans.length < TREND_MIN_SCANS) {
    const latest = await db.scan.findMany({ where: { ...finished, startedAt: { lte: period.until } }, orderBy: { id: "desc" }, take: TREND_MIN_SCANS, select: { id: true, startedAt: true, summary: true } });
    if (latest.length > scans.length) {
      note = `The period holds ${scans.length} scan${scans.length === 1 ? "" : "s"}: the trend shows the last ${latest.length} before its end.`;
      scans = latest.reverse();
    }
  }
  if (scans.length > TREND_MAX_POINTS) {
    const step = (scans.length - 1) / (TREND_MAX_POINTS - 1);
    scans = Array.from({ length: TREND_MAX_POINTS }, (_, i) => scans[Math.round(i * step)]!);
  }
  return {
    points: scans.map((s) => {
      const t = s.summary as unknown as InventoryTotals;
      return { scanId: s.id, at: s.startedAt, vendors: t.vendors, critical: t.risk.critical, high: t.risk.high };
    }),
    note,
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
  pdf.heading("In brief");
  pdf.bullets(inBrief(s));
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
      s.trendNote ?? `${s.trend.length} scan${s.trend.length === 1 ? "" : "s"} in the period.`,
    );
  pdf.heading("Riskiest vendors");
  if (s.topVendors.length === 0) pdf.paragraph("No vendor has access.");
  else
    pdf.table(
      [
        { header: "Vendor", width: 28, value: (v: VendorRow) => v.name },
        { header: "Risk", width: 11, value: (v) => v.risk.toUpperCase() },
        { header: "Our accounts", width: 11, value: (v) => String(v.accounts) },
        { header: "Trusts", width: 8, value: (v) => String(v.trusts) },
        { header: "Resources", width: 12, value: (v) => String(v.resources) },
        { header: "Findings, the most severe first", width: 30, value: (v) => v.riskFindings.map((f) => findingRule(f).label).join(", ") || "none" },
      ],
      s.topVendors,
    );
  pdf.heading("Risk that grew in the period");
  if (s.grew.length === 0) pdf.paragraph("No trust's risk or permissions grew.");
  else
    pdf.table(
      [
        { header: "When", width: 18, value: (e: OrganizationSummary["grew"][number]) => absoluteTime(e.at) },
        { header: "What", width: 18, value: (e) => e.label },
        { header: "Change", width: 64, value: (e) => e.summary },
      ],
      s.grew.slice(0, GREW_LISTED),
    );
  if (s.grew.length > GREW_LISTED) pdf.paragraph(`…and ${s.grew.length - GREW_LISTED} more (the dashboard's scan pages list every change).`, { muted: true });
  pdf.heading("New vendor access in the period");
  changeTable(pdf, s.appeared, "No new vendor access.");
  pdf.heading("Vendor access removed in the period");
  changeTable(pdf, s.disappeared, "No vendor access was removed.");
  pdf.heading("Accounts not scanned");
  if (s.notScanned.length === 0) pdf.paragraph("Every member account was read by its last scan.");
  else pdf.table([{ header: "Account", width: 25, value: (a: OrganizationSummary["notScanned"][number]) => `${a.id}${a.name ? `\n${a.name}` : ""}` }, { header: "Why", width: 75, value: (a) => a.reason }], s.notScanned);
  return pdf.finish();
}

const GREW_LISTED = 40;

/** The story in a few sentences: what changed, the top risks and why, what to remove, what to review. */
function inBrief(s: OrganizationSummary): string[] {
  const n = (count: number, word: string, many = `${word}s`) => `${count} ${count === 1 ? word : many}`;
  const gained = new Set(s.appeared.map((e) => e.party)).size;
  const lost = new Set(s.disappeared.map((e) => e.party)).size;
  const riskRaised = s.grew.filter((e) => e.label === "Risk raised").length;
  const widened = s.grew.filter((e) => e.label === "Permissions widened").length;
  const lines = [
    `What changed: ${n(gained, "party", "parties")} gained access and ${n(lost, "party", "parties")} lost some; risk rose on ${n(riskRaised, "trust")} and permissions widened on ${n(widened, "trust")}.`,
  ];
  const top = s.topVendors.filter((v) => v.risk === "critical" || v.risk === "high").slice(0, 3);
  if (top.length === 0) lines.push("Top risks: no vendor is rated high or critical.");
  for (const v of top) {
    const findings = v.riskFindings.map((f) => findingRule(f).label).join(", ");
    lines.push(`Top risk: ${v.name} is ${v.risk} because ${v.riskReason}${findings ? ` (${findings})` : ""}.`);
  }
  lines.push(
    s.removable.length
      ? `What to remove: ${n(s.removable.length, "vendor")} hold${s.removable.length === 1 ? "s" : ""} access nobody used in 90 days (${s.removable.slice(0, 5).map((v) => v.name).join(", ")}${s.removable.length > 5 ? ", …" : ""}).`
      : "What to remove: no vendor's access is unused by the last-used dates AWS reports (90 days).",
  );
  if (s.publicResources) lines.push(`Public data: ${n(s.publicResources, "resource")} anyone in the world can use (a bucket policy or a share open to all).`);
  const review = [s.unknownAccounts ? `name ${n(s.unknownAccounts, "unknown account")}` : null, s.notScanned.length ? `fix the scan of ${n(s.notScanned.length, "account")}` : null].filter(Boolean);
  lines.push(review.length ? `What to review: ${review.join("; ")}.` : "What to review: nothing outstanding.");
  return lines;
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
