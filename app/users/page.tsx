import { FormNotices } from "@/components/FormNotices";
import { requirePageUser } from "@/lib/auth/access";
import { hasRole } from "@/lib/auth/roles";
import Link from "next/link";
import { DataTable, Raw, Td } from "@/components/DataTable";
import { EmptyState } from "@/components/EmptyState";
import { FilterBar } from "@/components/FilterBar";
import { CsvDownload } from "@/components/DownloadLinks";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { Th } from "@/components/SortHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { prisma } from "@/lib/db/server";
import { userFilters } from "@/lib/queries/filters";
import { text, type SearchParams } from "@/lib/queries/params";
import { ATTRIBUTIONS, listUsersWithKeys } from "@/lib/queries/users";
import { attributeUser } from "../serverActions";

export const dynamic = "force-dynamic";
export const metadata = { title: "IAM users with keys" };

const DAY = 86_400_000;

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser();
  const isAdmin = hasRole(user.role, "admin");
  const params = await searchParams;
  const now = new Date();
  const result = await listUsersWithKeys(await prisma(), { ...userFilters(params), now });
  const error = text(params, "error");
  return (
    <div>
      <PageHeader title="IAM users with access keys" subtitle="Long-lived keys are the other way third parties get in. Attribution comes from a vendor tag, a /vendors/NAME/ path, or your own assignment.">
        <CsvDownload href="/users/export.csv" params={params} />
      </PageHeader>
      <FormNotices error={error} />
      <FilterBar
        path="/users"
        params={params}
        fields={[
          { kind: "search", name: "q", label: "User name or ARN" },
          { kind: "search", name: "account", label: "Account", placeholder: "12-digit id" },
          { kind: "select", name: "state", label: "Keys", options: [{ value: "never-used", label: "never used" }, { value: "unused-90d", label: "unused for 90 days" }, { value: "older-than-90d", label: "not rotated for 90 days" }] },
          { kind: "select", name: "attribution", label: "Vendor", options: ATTRIBUTIONS },
        ]}
      />
      {result.total === 0 ? (
        <EmptyState title="No IAM user with an active access key matches." />
      ) : (
        <>
          <DataTable caption="IAM users with active access keys" head={<><Th>User</Th><Th>Account</Th><Th>Active keys</Th><Th>Vendor</Th><Th>Assign vendor</Th></>}>
            {result.rows.map((u) => (
              <tr key={u.userId}>
                <Td className="min-w-[9rem] max-w-xs">
                  <span className="[overflow-wrap:anywhere] font-medium">{u.name}</span>
                  <Raw className="block text-slate-500">{u.path}</Raw>
                </Td>
                <Td>
                  <Link href={`/accounts/${u.accountId}`} className="whitespace-nowrap font-mono underline">
                    {u.accountId}
                  </Link>
                </Td>
                <Td>
                  {u.keys.map((k) => {
                    const age = k.lastRotated ? Math.floor((now.getTime() - k.lastRotated.getTime()) / DAY) : null;
                    return (
                      <div key={k.slot} className="mb-1 text-xs">
                        key {k.slot}: {age === null ? "age unknown" : `${age} days old`}
                        {age !== null && age > 90 ? <strong className="ml-1 text-red-700">not rotated</strong> : null}
                        {" · "}
                        {k.lastUsed ? (
                          <>
                            last used <TimeAgo date={k.lastUsed} />
                            {k.lastUsedService ? ` (${k.lastUsedService})` : ""}
                          </>
                        ) : (
                          <strong className="text-amber-700">never used</strong>
                        )}
                      </div>
                    );
                  })}
                </Td>
                <Td className="min-w-[8rem]">
                  {u.vendor ? (
                    <>
                      <span className="[overflow-wrap:anywhere]">{u.vendor}</span>
                      <span className="block text-xs text-slate-500">by {u.attributedBy}</span>
                    </>
                  ) : (
                    <span className="text-slate-500">unattributed</span>
                  )}
                </Td>
                <Td>
                  {isAdmin ? (
                    <form action={attributeUser} className="flex flex-wrap gap-2">
                      <input type="hidden" name="userArn" value={u.arn} />
                      <label className="sr-only" htmlFor={`vendor-${u.userId}`}>
                        Vendor for {u.name}
                      </label>
                      <input id={`vendor-${u.userId}`} name="vendor" maxLength={100} defaultValue={u.attributedBy === "admin" ? (u.vendor ?? "") : ""} placeholder="Vendor" className="w-32 rounded border border-slate-300 px-2 py-1 text-sm" />
                      <button type="submit" className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50">
                        Save
                      </button>
                    </form>
                  ) : (
                    <span className="text-xs text-slate-500">admins only</span>
                  )}
                </Td>
              </tr>
            ))}
          </DataTable>
          <Pagination path="/users" params={params} page={result.page} pageSize={result.pageSize} total={result.total} />
        </>
      )}
    </div>
  );
}
