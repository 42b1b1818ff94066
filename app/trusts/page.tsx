import { requirePageUser } from "@/lib/auth/access";
import Link from "next/link";
import { DataTable, Td } from "@/components/DataTable";
import { EmptyState } from "@/components/EmptyState";
import { FilterBar } from "@/components/FilterBar";
import { CsvDownload } from "@/components/DownloadLinks";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { SortHeader, Th } from "@/components/SortHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { AccountCell, PartyCell, RoleCell, TrustFactsCells } from "@/components/TrustCells";
import { RISKS } from "@/lib/analysis/risk";
import { prisma } from "@/lib/db/server";
import { partyLabel } from "@/lib/inventory/party";
import { FINDINGS, trustFilters } from "@/lib/queries/filters";
import type { SearchParams } from "@/lib/queries/params";
import { listTrusts } from "@/lib/queries/trusts";
import { vendorHref } from "@/lib/web/url";

export const dynamic = "force-dynamic";
export const metadata = { title: "Trusts" };

export default async function TrustsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser();
  const params = await searchParams;
  const filters = trustFilters(params);
  const result = await listTrusts(await prisma(), filters);
  const sortProps = { current: filters.sort, path: "/trusts", params };
  return (
    <div>
      <PageHeader
        title="Trusts"
        subtitle={
          filters.party ? (
            <>
              Roles{" "}
              <Link href={vendorHref(filters.party)} className="underline">
                {partyLabel(filters.party)}
              </Link>{" "}
              can assume
            </>
          ) : (
            "Who outside each account can assume which role."
          )
        }
      >
        <CsvDownload href="/trusts/export.csv" params={params} />
      </PageHeader>
      <FilterBar
        path="/trusts"
        params={params}
        keep={["sort", "party"]}
        fields={[
          { kind: "search", name: "q", label: "Role, principal, vendor or account", placeholder: "DatadogIntegration" },
          { kind: "select", name: "risk", label: "Risk", options: [...RISKS].reverse() },
          { kind: "select", name: "finding", label: "Finding", options: FINDINGS },
          { kind: "search", name: "account", label: "Our account", placeholder: "12-digit id" },
          { kind: "select", name: "scope", label: "Principals", options: [{ value: "external", label: "third parties" }, { value: "internal", label: "internal" }, { value: "all", label: "all" }] },
        ]}
      />
      {result.total === 0 ? (
        <EmptyState title="No trust matches">
          <Link href="/trusts" className="underline">
            Clear the filters
          </Link>
        </EmptyState>
      ) : (
        <>
          <DataTable
            caption="Trusts"
            head={
              <>
                <SortHeader label="Vendor" sort="vendor" {...sortProps} />
                <SortHeader label="Account" sort="account" {...sortProps} />
                <SortHeader label="Role" sort="role" {...sortProps} />
                <Th>Principal</Th>
                <Th>ExternalId</Th>
                <SortHeader label="Risk" sort="risk" {...sortProps} className="risk-col" />
                <Th>Findings</Th>
                <SortHeader label="Last used" sort="last-used" {...sortProps} />
                <SortHeader label="First seen" sort="first-seen" {...sortProps} />
              </>
            }
          >
            {result.rows.map((t) => (
              <tr key={t.id}>
                <PartyCell party={t.party} partyName={t.partyName} internal={t.internal} />
                <AccountCell id={t.accountId} name={t.accountName} />
                <RoleCell id={t.roleId} name={t.roleName} />
                <TrustFactsCells principal={t.principal} externalId={t.externalId} risk={t.risk} findings={t.findings} />
                <Td>
                  <TimeAgo date={t.lastUsed} compact />
                </Td>
                <Td>
                  <TimeAgo date={t.firstSeen} compact />
                </Td>
              </tr>
            ))}
          </DataTable>
          <Pagination path="/trusts" params={params} page={result.page} pageSize={result.pageSize} total={result.total} />
        </>
      )}
    </div>
  );
}
