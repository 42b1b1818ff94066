import { requirePageUser } from "@/lib/auth/access";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable, Td } from "@/components/DataTable";
import { CsvDownload } from "@/components/DownloadLinks";
import { PageHeader, Section } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { Th } from "@/components/SortHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { PartyCell, RoleCell, TrustFactsCells } from "@/components/TrustCells";
import { prisma } from "@/lib/db/server";
import { accountDetail } from "@/lib/queries/accounts";
import { page, type SearchParams } from "@/lib/queries/params";
import { listTrusts } from "@/lib/queries/trusts";
import { duration } from "@/lib/format";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser(); // the title echoes the URL: nothing for anonymous eyes
  return { title: `Account ${(await params).id}` };
}

export default async function AccountPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await requirePageUser();
  const { id } = await params;
  if (!/^\d{12}$/.test(id)) notFound();
  const query = await searchParams;
  const db = await prisma();
  const [detail, trusts] = await Promise.all([accountDetail(db, id), listTrusts(db, { account: id, scope: "all", page: page(query) })]);
  if (!detail) notFound();
  const { account } = detail;
  return (
    <div>
      <PageHeader title={<span className="font-mono">{account.id}</span>} subtitle={[account.name, account.ouPath, account.status].filter(Boolean).join(" · ") || "Member account"} />
      {account.staleSince ? (
        <p role="alert" className="mb-6 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          The last scan could not read this account: <span className="[overflow-wrap:anywhere]">{account.lastError}</span>. What is shown is as of{" "}
          {account.lastSuccessAt ? <TimeAgo date={account.lastSuccessAt} /> : "never"}; stale since <TimeAgo date={account.staleSince} />.
        </p>
      ) : null}
      <Section
        title="Who can get in"
        toolbar={
          <span className="flex flex-wrap items-center gap-4">
            {detail.usersWithKeys > 0 ? (
              <Link href={`/users?account=${account.id}`} className="text-sm underline">
                {detail.usersWithKeys} IAM user{detail.usersWithKeys === 1 ? "" : "s"} with active keys
              </Link>
            ) : null}
            {trusts.total > 0 ? <CsvDownload href="/trusts/export.csv" params={{ account: account.id, scope: "all" }} /> : null}
          </span>
        }
      >
        {trusts.total === 0 ? (
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm">No role of this account can be assumed from outside it.</p>
        ) : (
          <>
            <DataTable caption="Roles of this account that principals outside it can assume" head={<><Th>Who</Th><Th>Role</Th><Th>Principal</Th><Th>ExternalId</Th><Th className="risk-col">Risk</Th><Th>Findings</Th><Th>Last used</Th></>}>
              {trusts.rows.map((t) => (
                <tr key={t.id}>
                  <PartyCell party={t.party} partyName={t.partyName} internal={t.internal} />
                  <RoleCell id={t.roleId} name={t.roleName} />
                  <TrustFactsCells principal={t.principal} externalId={t.externalId} risk={t.risk} findings={t.findings} />
                  <Td>
                    <TimeAgo date={t.lastUsed} compact />
                  </Td>
                </tr>
              ))}
            </DataTable>
            <Pagination path={`/accounts/${id}`} params={query} page={trusts.page} pageSize={trusts.pageSize} total={trusts.total} />
          </>
        )}
      </Section>
      <Section title="Recent scans of this account">
        <DataTable caption="Scans of this account" head={<><Th>Scan</Th><Th>When</Th><Th>Result</Th><Th>Duration</Th><Th>API calls</Th><Th>Changes</Th></>}>
          {detail.scans.map((s) => (
            <tr key={s.scanId}>
              <Td>
                <Link href={`/scans/${s.scanId}`} className="underline">
                  #{s.scanId}
                </Link>{" "}
                <span className="text-xs text-slate-500">{s.scan.trigger}</span>
              </Td>
              <Td>
                <TimeAgo date={s.scan.startedAt} compact />
              </Td>
              <Td className="max-w-md">
                {s.status === "ok" ? <span className="text-emerald-700">ok</span> : <span className="font-semibold text-red-800">failed</span>}
                {s.error ? <span className="block [overflow-wrap:anywhere] text-xs text-slate-600">{s.error}</span> : null}
              </Td>
              <Td>{duration(s.durationMs)}</Td>
              <Td>{s.apiCalls}</Td>
              <Td>{s.changes}</Td>
            </tr>
          ))}
        </DataTable>
      </Section>
    </div>
  );
}
