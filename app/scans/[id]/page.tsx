import { requirePageUser } from "@/lib/auth/access";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable, Td } from "@/components/DataTable";
import { CsvDownload } from "@/components/DownloadLinks";
import { PageHeader, Section } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { Th } from "@/components/SortHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { prisma } from "@/lib/db/server";
import { page, rowId, text, type SearchParams } from "@/lib/queries/params";
import { scanDetail } from "@/lib/queries/scans";
import { changeSign } from "@/lib/web/changeStyle";
import { count, duration } from "@/lib/format";
import { withParams } from "@/lib/web/url";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser(); // the title echoes the URL: nothing for anonymous eyes
  return { title: `Scan #${(await params).id}` };
}

const SIGN_STYLE = { "+": "bg-emerald-50 text-emerald-900", "−": "bg-red-50 text-red-900", "~": "bg-amber-50 text-amber-900" } as const;

export default async function ScanPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await requirePageUser();
  const id = rowId((await params).id);
  if (id === undefined) notFound();
  const query = await searchParams;
  const kind = text(query, "kind");
  const detail = await scanDetail(await prisma(), id, { kind, page: page(query) });
  if (!detail) notFound();
  const { scan } = detail;
  const failed = detail.accounts.filter((a) => a.status === "failed");
  return (
    <div>
      <PageHeader
        title={`Scan #${scan.id}`}
        subtitle={
          <>
            <strong>{scan.status}</strong> · {scan.trigger} ({scan.source}
            {scan.startedBy ? `, by ${scan.startedBy}` : ""}) · started <TimeAgo date={scan.startedAt} />
            {scan.finishedAt ? ` · took ${duration(scan.finishedAt.getTime() - scan.startedAt.getTime())}` : ""}
          </>
        }
      />
      {scan.error ? (
        <p role="alert" className="mb-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <span className="[overflow-wrap:anywhere]">{scan.error}</span>
        </p>
      ) : null}
      {scan.warnings.length > 0 ? (
        <details className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <summary>{count(scan.warnings.length, "input")} could not be used</summary>
          <ul className="mt-2 list-disc pl-5">
            {scan.warnings.map((w, i) => (
              <li key={i} className="[overflow-wrap:anywhere]">
                {w}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <dl className="mb-6 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm md:grid-cols-5">
        <div>
          <dt className="text-xs text-slate-500">Accounts read</dt>
          <dd className="text-xl font-semibold">{scan.accountsOk}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Accounts failed</dt>
          <dd className={`text-xl font-semibold ${scan.accountsFailed ? "text-red-700" : ""}`}>{scan.accountsFailed}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">API calls</dt>
          <dd className="text-xl font-semibold">{scan.apiCalls}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Changes</dt>
          <dd className="text-xl font-semibold">{scan.changes}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Third-party trusts after</dt>
          <dd className="text-xl font-semibold">{scan.summary?.trusts ?? "–"}</dd>
        </div>
      </dl>

      <Section title="Changes" toolbar={detail.kinds.length ? <CsvDownload href={`/scans/${id}/changes.csv`} params={kind ? { kind } : {}} /> : null}>
        {detail.kinds.length === 0 ? (
          <p className="text-sm text-slate-600">This scan changed nothing.</p>
        ) : (
          <>
            <nav aria-label="Change kinds" className="mb-3 flex flex-wrap gap-2 text-xs">
              <Link href={withParams(`/scans/${id}`, query, { kind: null })} className={`rounded border px-2 py-1 ${!kind ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white"}`}>
                all ({detail.kinds.reduce((n, k) => n + k.count, 0)})
              </Link>
              {detail.kinds.map((k) => (
                <Link key={k.kind} href={withParams(`/scans/${id}`, query, { kind: k.kind })} className={`rounded border px-2 py-1 font-mono ${kind === k.kind ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white"}`}>
                  {k.kind} ({k.count})
                </Link>
              ))}
            </nav>
            <ul className="overflow-hidden rounded-lg border border-slate-200 font-mono text-xs" data-testid="scan-diff">
              {detail.events.map((e) => {
                const sign = changeSign(e.kind);
                return (
                  <li key={e.id} className={`border-b border-white px-3 py-1.5 ${SIGN_STYLE[sign]}`}>
                    <span aria-label={{ "+": "added", "−": "removed", "~": "changed" }[sign]} className="mr-2 font-bold">
                      {sign}
                    </span>
                    <span className="mr-2 text-[11px] opacity-70">{e.kind}</span>
                    <span className="[overflow-wrap:anywhere] font-sans text-sm">{e.summary}</span>
                    {e.before !== null || e.after !== null ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer font-sans text-[11px] opacity-70">before / after</summary>
                        <pre className="mt-1 overflow-x-auto whitespace-pre-wrap [overflow-wrap:anywhere] bg-white/60 p-2">{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre>
                      </details>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            <Pagination path={`/scans/${id}`} params={query} page={detail.page} pageSize={detail.pageSize} total={detail.eventTotal} />
          </>
        )}
      </Section>

      <Section title={failed.length ? `Accounts (${failed.length} failed)` : "Accounts"}>
        <DataTable caption="Accounts read by this scan" head={<><Th>Account</Th><Th>Result</Th><Th>Roles</Th><Th>Trusts</Th><Th>Changes</Th><Th>API calls</Th><Th>Duration</Th></>}>
          {detail.accounts.map((a) => (
            <tr key={a.accountId}>
              <Td>
                <Link href={`/accounts/${a.accountId}`} className="whitespace-nowrap font-mono underline">
                  {a.accountId}
                </Link>
              </Td>
              <Td className="max-w-md">
                {a.status === "ok" ? <span className="text-emerald-700">ok</span> : <span className="font-semibold text-red-800">failed</span>}
                {a.error ? <span className="block [overflow-wrap:anywhere] text-xs text-slate-600">{a.error}</span> : null}
              </Td>
              <Td>{a.roles}</Td>
              <Td>{a.trusts}</Td>
              <Td>{a.changes}</Td>
              <Td>{a.apiCalls}</Td>
              <Td>{duration(a.durationMs)}</Td>
            </tr>
          ))}
        </DataTable>
      </Section>
    </div>
  );
}
