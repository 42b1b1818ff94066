import { requirePageUser } from "@/lib/auth/access";
import Link from "next/link";
import { DataTable, Td } from "@/components/DataTable";
import { EmptyState, NoScanYet } from "@/components/EmptyState";
import { FilterBar } from "@/components/FilterBar";
import { CsvDownload } from "@/components/DownloadLinks";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { RiskBadge } from "@/components/RiskBadge";
import { SortHeader, Th } from "@/components/SortHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { prisma } from "@/lib/db/server";
import { listAccounts } from "@/lib/queries/accounts";
import { accountFilters } from "@/lib/queries/filters";
import type { SearchParams } from "@/lib/queries/params";

export const dynamic = "force-dynamic";
export const metadata = { title: "Accounts" };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser();
  const params = await searchParams;
  const filters = accountFilters(params);
  const result = await listAccounts(await prisma(), filters);
  const sortProps = { current: filters.sort, path: "/accounts", params };
  return (
    <div>
      <PageHeader title="Accounts" subtitle="Each member account: which vendors get in, and whether its data is current.">
        <CsvDownload href="/accounts/export.csv" params={params} />
      </PageHeader>
      <FilterBar
        path="/accounts"
        params={params}
        keep={["sort"]}
        fields={[
          { kind: "search", name: "q", label: "Account id, name or OU", placeholder: "prod" },
          { kind: "select", name: "state", label: "Scan state", options: [{ value: "stale", label: "last scan failed" }, { value: "ok", label: "current" }, { value: "never", label: "never read" }] },
        ]}
      />
      {result.total === 0 ? (
        filters.q || filters.state ? <EmptyState title="No account matches" /> : <NoScanYet />
      ) : (
        <>
          <DataTable
            caption="Member accounts"
            head={
              <>
                <SortHeader label="Account" sort="id" {...sortProps} />
                <SortHeader label="Name" sort="name" {...sortProps} />
                <SortHeader label="Vendors" sort="vendors" {...sortProps} />
                <Th>Third-party trusts</Th>
                <SortHeader label="Worst risk" sort="risk" {...sortProps} />
                <Th>Data as of</Th>
                <SortHeader label="Last scan" sort="stale" {...sortProps} />
              </>
            }
          >
            {result.rows.map((a) => (
              <tr key={a.id}>
                <Td>
                  <Link href={`/accounts/${a.id}`} className="whitespace-nowrap font-mono underline">
                    {a.id}
                  </Link>
                </Td>
                <Td className="max-w-xs [overflow-wrap:anywhere]">
                  {a.name}
                  {a.ouPath ? <span className="block text-xs text-slate-500">{a.ouPath}</span> : null}
                </Td>
                <Td>
                  <Link href={`/vendors?account=${a.id}`} className="underline">
                    {a.vendors}
                  </Link>
                </Td>
                <Td>
                  <Link href={`/trusts?account=${a.id}`} className="underline">
                    {a.trusts}
                  </Link>
                </Td>
                <Td>
                  <RiskBadge risk={a.risk} />
                </Td>
                <Td>
                  <TimeAgo date={a.lastSuccessAt} compact />
                </Td>
                <Td className="max-w-sm">
                  {a.staleSince ? (
                    <span className="text-red-800">
                      <span className="font-semibold">failed</span>, stale since <TimeAgo date={a.staleSince} compact />
                      <span className="block [overflow-wrap:anywhere] text-xs">{a.lastError}</span>
                    </span>
                  ) : a.lastSuccessAt ? (
                    <span className="text-emerald-700">ok</span>
                  ) : (
                    <span className="text-slate-500">never read</span>
                  )}
                </Td>
              </tr>
            ))}
          </DataTable>
          <Pagination path="/accounts" params={params} page={result.page} pageSize={result.pageSize} total={result.total} />
        </>
      )}
    </div>
  );
}
