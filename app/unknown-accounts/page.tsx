import { FormNotices } from "@/components/FormNotices";
import { requirePageUser } from "@/lib/auth/access";
import { hasRole } from "@/lib/auth/roles";
import Link from "next/link";
import { DataTable, Td } from "@/components/DataTable";
import { EmptyState } from "@/components/EmptyState";
import { FindingList } from "@/components/FindingBadge";
import { CsvDownload } from "@/components/DownloadLinks";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { RiskBadge } from "@/components/RiskBadge";
import { Th } from "@/components/SortHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { prisma } from "@/lib/db/server";
import { page, text, type SearchParams } from "@/lib/queries/params";
import { listVendors } from "@/lib/queries/vendors";
import { vendorHref } from "@/lib/web/url";
import { nameUnknownAccount } from "../serverActions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Unknown external accounts" };

export default async function UnknownAccountsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser();
  const isAdmin = hasRole(user.role, "admin");
  const params = await searchParams;
  const result = await listVendors(await prisma(), { kind: "account", sort: "risk", page: page(params) });
  const error = text(params, "error");
  return (
    <div>
      <PageHeader
        title="Unknown external accounts"
        subtitle="AWS accounts outside the organization that can get in, owned by no known vendor. Name the owner: the name is kept as your own mapping, applied to the stored inventory now and to every future scan."
      >
        <CsvDownload href="/unknown-accounts/export.csv" params={{ sort: "risk" }} />
      </PageHeader>
      <FormNotices error={error} />
      {result.total === 0 ? (
        <EmptyState title="Every external account has a known owner." />
      ) : (
        <>
          <DataTable
            caption="Unknown external accounts"
            head={
              <>
                <Th>Account</Th>
                <Th>Risk</Th>
                <Th>Where it has access</Th>
                <Th>Findings</Th>
                <Th>First seen</Th>
                <Th>Name the vendor</Th>
              </>
            }
          >
            {result.rows.map((v) => {
              const id = v.externalAccounts[0] ?? v.party.slice("account:".length);
              return (
                <tr key={v.party}>
                  <Td>
                    <Link href={vendorHref(v.party)} className="font-mono underline">
                      {id}
                    </Link>
                  </Td>
                  <Td>
                    <RiskBadge risk={v.risk} />
                  </Td>
                  <Td>
                    <Link href={`/trusts?party=${encodeURIComponent(v.party)}&sort=account`} className="underline">
                      {v.roles} role{v.roles === 1 ? "" : "s"} in {v.accounts} account{v.accounts === 1 ? "" : "s"}
                    </Link>
                  </Td>
                  <Td>
                    <FindingList codes={v.riskFindings} limit={3} ordered />
                  </Td>
                  <Td>
                    <TimeAgo date={v.firstSeen} compact />
                  </Td>
                  <Td>
                    {isAdmin ? (
                      <form action={nameUnknownAccount} className="flex flex-wrap gap-2">
                        <input type="hidden" name="accountId" value={id} />
                        <label className="sr-only" htmlFor={`name-${id}`}>
                          Vendor name for {id}
                        </label>
                        <input id={`name-${id}`} name="name" required maxLength={100} placeholder="Vendor name" className="w-40 rounded border border-slate-300 px-2 py-1 text-sm" />
                        <button type="submit" className="rounded bg-slate-900 px-2 py-1 text-sm text-white hover:bg-slate-700">
                          Save
                        </button>
                      </form>
                    ) : (
                      <span className="text-xs text-slate-500">admins only</span>
                    )}
                  </Td>
                </tr>
              );
            })}
          </DataTable>
          <Pagination path="/unknown-accounts" params={params} page={result.page} pageSize={result.pageSize} total={result.total} />
        </>
      )}
    </div>
  );
}
