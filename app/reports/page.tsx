import { VendorNameCell } from "@/components/TrustCells";
import { requirePageUser } from "@/lib/auth/access";
import { DataTable, Td } from "@/components/DataTable";
import { DownloadLinks } from "@/components/DownloadLinks";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader, Section } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { RiskBadge } from "@/components/RiskBadge";
import { Th } from "@/components/SortHeader";
import { prisma } from "@/lib/db/server";
import { page, text, type SearchParams } from "@/lib/queries/params";
import { listVendors } from "@/lib/queries/vendors";
import { dateParam, DEFAULT_PERIOD_DAYS, reportPeriod } from "@/lib/reports/reportBasis";
import { vendorHref } from "@/lib/web/url";

export const dynamic = "force-dynamic";
export const metadata = { title: "Reports" };

const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser();
  const params = await searchParams;
  const period = reportPeriod(dateParam(text(params, "since")), dateParam(text(params, "until"), true));
  const since = day(period.since);
  const until = day(period.until);
  const vendors = await listVendors(await prisma(), { sort: "risk", page: page(params) });
  const periodQuery = `since=${since}&until=${until}`;
  return (
    <div>
      <PageHeader title="Reports" subtitle="Evidence for vendor reviews and audits: the organization summary for the CISO, a review pack per vendor, and the full inventory." />

      <Section title="Organization summary">
        <form method="get" action="/reports/summary.pdf" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <p className="basis-full text-slate-600">
            Exposure totals, the trend over the period&apos;s scans, the riskiest vendors, vendor access that appeared or went away in the period, and accounts not scanned. Default period: the last {DEFAULT_PERIOD_DAYS} days.
          </p>
          <label className="flex flex-col gap-1">
            From
            <input type="date" name="since" defaultValue={since} required className="rounded border border-slate-300 px-2 py-1" />
          </label>
          <label className="flex flex-col gap-1">
            To
            <input type="date" name="until" defaultValue={until} required className="rounded border border-slate-300 px-2 py-1" />
          </label>
          <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
            Download summary (PDF)
          </button>
          <button type="submit" formAction="/reports" className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
            Use this period for the vendor packs below
          </button>
        </form>
      </Section>

      <Section title="Full inventory">
        <div className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <p className="text-slate-600">Every third-party trust as of the latest scans: one row per vendor × account × role, with findings and risk.</p>
          <DownloadLinks
            links={[
              { href: "/reports/inventory.csv", format: "CSV", title: "Spreadsheet formulas neutralised" },
              { href: "/reports/inventory.json", format: "JSON", title: "Same schema as vendorscope export --json" },
            ]}
          />
        </div>
      </Section>

      <Section title={`Vendor review packs (${since} to ${until})`}>
        {vendors.total === 0 ? (
          <EmptyState title="No vendor has access yet">Run a scan first; each vendor it finds gets a review pack here.</EmptyState>
        ) : (
          <>
            <DataTable caption="Vendor review packs, riskiest first" head={<><Th>Vendor</Th><Th>Risk</Th><Th>Our accounts</Th><Th>Trusts</Th><Th>Download</Th></>}>
              {vendors.rows.map((v) => {
                const base = `${vendorHref(v.party)}/report?${periodQuery}`;
                return (
                  <tr key={v.party}>
                    <VendorNameCell party={v.party} name={v.name} />
                    <Td>
                      <RiskBadge risk={v.risk} />
                    </Td>
                    <Td>{v.accounts}</Td>
                    <Td>{v.trusts}</Td>
                    <Td>
                      <DownloadLinks
                        label="Pack"
                        links={[
                          { href: `${base}&format=pdf`, format: "PDF" },
                          { href: `${base}&format=csv`, format: "CSV" },
                          { href: `${base}&format=json`, format: "JSON" },
                        ]}
                      />
                    </Td>
                  </tr>
                );
              })}
            </DataTable>
            <Pagination path="/reports" params={{ ...params, since, until }} page={vendors.page} pageSize={vendors.pageSize} total={vendors.total} />
          </>
        )}
      </Section>
      <p className="text-sm text-slate-500">
        The same reports from a terminal: <code className="rounded bg-slate-100 px-1">vendorscope report --vendor NAME</code>, <code className="rounded bg-slate-100 px-1">vendorscope report --summary --since {since}</code>. Every table in the dashboard also has a CSV download that keeps its filters.
      </p>
    </div>
  );
}
