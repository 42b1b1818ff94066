import { requirePageUser } from "@/lib/auth/access";
import Link from "next/link";
import { DataTable, Td } from "@/components/DataTable";
import { EmptyState } from "@/components/EmptyState";
import { FilterBar } from "@/components/FilterBar";
import { CsvDownload } from "@/components/DownloadLinks";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { ResourceGrantCells } from "@/components/ResourceCells";
import { SortHeader, Th } from "@/components/SortHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { AccountCell, PartyCell } from "@/components/TrustCells";
import { RISKS } from "@/lib/analysis/risk";
import { RESOURCE_SERVICES } from "@/lib/analysis/resources/resourceServices";
import { prisma } from "@/lib/db/server";
import { partyLabel } from "@/lib/inventory/party";
import { FINDINGS, resourceFilters } from "@/lib/queries/filters";
import type { SearchParams } from "@/lib/queries/params";
import { listResources } from "@/lib/queries/resources";
import { vendorHref } from "@/lib/web/url";

export const dynamic = "force-dynamic";
export const metadata = { title: "Resources" };

export default async function ResourcesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser();
  const params = await searchParams;
  const filters = resourceFilters(params);
  const result = await listResources(await prisma(), filters);
  const sortProps = { current: filters.sort, path: "/resources", params };
  return (
    <div>
      <PageHeader
        title="Resources"
        subtitle={
          filters.party ? (
            <>
              Resources{" "}
              <Link href={vendorHref(filters.party)} className="underline">
                {partyLabel(filters.party)}
              </Link>{" "}
              can use without assuming a role
            </>
          ) : (
            "Who outside each account can use which bucket, key, queue, topic, function, secret, repository or shared snapshot (and, as Access Analyzer reports them, table, file system or layer), without assuming a role."
          )
        }
      >
        <CsvDownload href="/resources/export.csv" params={params} />
      </PageHeader>
      <FilterBar
        path="/resources"
        params={params}
        keep={["sort", "party"]}
        fields={[
          { kind: "search", name: "q", label: "Resource, principal, vendor or account", placeholder: "acme-reports" },
          { kind: "select", name: "service", label: "Service", options: [...RESOURCE_SERVICES] },
          { kind: "select", name: "risk", label: "Risk", options: [...RISKS].reverse() },
          { kind: "select", name: "finding", label: "Finding", options: FINDINGS },
          { kind: "search", name: "account", label: "Our account", placeholder: "12-digit id" },
          { kind: "select", name: "scope", label: "Principals", options: [{ value: "external", label: "third parties" }, { value: "internal", label: "internal" }, { value: "all", label: "all" }] },
        ]}
      />
      {result.total === 0 ? (
        <EmptyState title="No resource grant matches">
          Resource grants come from resource exports (docs/analysis.md) imported with <code>vendorscope scan --from</code>.{" "}
          <Link href="/resources" className="underline">
            Clear the filters
          </Link>
        </EmptyState>
      ) : (
        <>
          <DataTable
            caption="Resource grants"
            head={
              <>
                <SortHeader label="Vendor" sort="vendor" {...sortProps} />
                <SortHeader label="Account" sort="account" {...sortProps} />
                <SortHeader label="Resource" sort="service" {...sortProps} />
                <Th>Principal</Th>
                <Th>Can do</Th>
                <SortHeader label="Risk" sort="risk" {...sortProps} className="risk-col" />
                <Th>Findings</Th>
                <SortHeader label="First seen" sort="first-seen" {...sortProps} />
              </>
            }
          >
            {result.rows.map((r) => (
              <tr key={r.id}>
                <PartyCell party={r.party} partyName={r.partyName} internal={r.internal} />
                <AccountCell id={r.accountId} name={r.accountName} />
                <ResourceGrantCells grant={r} />
                <Td>
                  <TimeAgo date={r.firstSeen} compact />
                </Td>
              </tr>
            ))}
          </DataTable>
          <Pagination path="/resources" params={params} page={result.page} pageSize={result.pageSize} total={result.total} />
        </>
      )}
    </div>
  );
}
