import { VendorNameCell } from "@/components/TrustCells";
import { requirePageUser } from "@/lib/auth/access";
import Link from "next/link";
import { DataTable, Raw, Td } from "@/components/DataTable";
import { EmptyState } from "@/components/EmptyState";
import { FilterBar } from "@/components/FilterBar";
import { FindingList } from "@/components/FindingBadge";
import { CsvDownload } from "@/components/DownloadLinks";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { RiskBadge } from "@/components/RiskBadge";
import { ResourceCountCell } from "@/components/ResourceCells";
import { SortHeader, Th } from "@/components/SortHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { RISKS } from "@/lib/analysis/risk";
import { prisma } from "@/lib/db/server";
import { FINDINGS, vendorFilters } from "@/lib/queries/filters";
import type { SearchParams } from "@/lib/queries/params";
import { listVendors } from "@/lib/queries/vendors";
import { count } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata = { title: "Vendors" };

export default async function VendorsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser();
  const params = await searchParams;
  const filters = vendorFilters(params);
  const result = await listVendors(await prisma(), filters);
  const sortProps = { current: filters.sort, path: "/vendors", params };
  return (
    <div>
      <PageHeader title="Vendors" subtitle="Every party outside the organization that can get into one of our accounts or use one of our resources: named vendors, unknown accounts, public trusts and resources.">
        <CsvDownload href="/vendors/export.csv" params={params} />
      </PageHeader>
      <FilterBar
        path="/vendors"
        params={params}
        keep={["sort"]}
        fields={[
          { kind: "search", name: "q", label: "Vendor or account id", placeholder: "Datadog, 4646…" },
          { kind: "select", name: "risk", label: "Worst risk", options: [...RISKS].reverse() },
          { kind: "select", name: "finding", label: "Has finding", options: FINDINGS },
          { kind: "search", name: "account", label: "Reaches our account", placeholder: "12-digit id" },
        ]}
      />
      {result.total === 0 ? (
        <EmptyState title="No vendor matches">
          {filters.q || filters.risk || filters.finding || filters.account ? (
            <Link href="/vendors" className="underline">
              Clear the filters
            </Link>
          ) : (
            "Run a scan to find who can get in."
          )}
        </EmptyState>
      ) : (
        <>
          <DataTable
            caption="Vendors with access"
            head={
              <>
                <SortHeader label="Vendor" sort="name" {...sortProps} />
                <SortHeader label="Risk" sort="risk" {...sortProps} />
                <SortHeader label="Our accounts" sort="accounts" {...sortProps} />
                <SortHeader label="Trusts" sort="trusts" {...sortProps} />
                <Th>Roles</Th>
                <Th>Resources</Th>
                <Th>Findings</Th>
                <Th>Their accounts</Th>
                <SortHeader label="First seen" sort="first-seen" {...sortProps} />
              </>
            }
          >
            {result.rows.map((v) => (
              <tr key={v.party}>
                <VendorNameCell party={v.party} name={v.name}>
                  <span className="block text-xs text-slate-500">{v.source}</span>
                </VendorNameCell>
                <Td>
                  <RiskBadge risk={v.risk} />
                </Td>
                <Td>
                  <Link href={`/trusts?party=${encodeURIComponent(v.party)}&sort=account`} className="underline" title="Accounts this vendor reaches">
                    {v.accounts}
                  </Link>
                </Td>
                <Td>
                  <Link href={`/trusts?party=${encodeURIComponent(v.party)}`} className="underline">
                    {v.trusts}
                  </Link>
                </Td>
                <Td>{v.roles}</Td>
                <ResourceCountCell party={v.party} count={v.resources} />
                <Td>
                  <FindingList codes={v.riskFindings} limit={3} ordered />
                </Td>
                <Td className="max-w-[12rem]">
                  {v.externalAccounts.slice(0, 3).map((a) => (
                    <Raw key={a} className="block">
                      {a}
                    </Raw>
                  ))}
                  {v.externalAccounts.length > 3 ? <span className="text-xs text-slate-500">+{count(v.externalAccounts.length - 3, "more", "more")}</span> : null}
                </Td>
                <Td>
                  <TimeAgo date={v.firstSeen} compact />
                </Td>
              </tr>
            ))}
          </DataTable>
          <Pagination path="/vendors" params={params} page={result.page} pageSize={result.pageSize} total={result.total} />
        </>
      )}
    </div>
  );
}
