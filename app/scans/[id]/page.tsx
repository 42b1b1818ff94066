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
import { ChangeBadge } from "@/components/ChangeBadge";
import { ATTRIBUTION_SOURCE } from "@/lib/history/attribution";
import { kindLabel } from "@/lib/history/changeMeaning";
import { count, duration } from "@/lib/format";
import { withParams } from "@/lib/web/url";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser(); // the title echoes the URL: nothing for anonymous eyes
  const id = rowId((await params).id);
  const scan = id === undefined ? null : await (await prisma()).scan.findUnique({ where: { id }, select: { source: true } });
  return { title: scan?.source === ATTRIBUTION_SOURCE ? "Attribution" : `Scan #${(await params).id}` };
}

const ROW_TONE = { alarm: "bg-red-50/70", warn: "bg-amber-50/70", neutral: "bg-white", good: "bg-emerald-50/60" } as const;

export default async function ScanPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  await requirePageUser();
  const id = rowId((await params).id);
  if (id === undefined) notFound();
  const query = await searchParams;
  const kind = text(query, "kind");
  const internal = text(query, "internal") === "1";
  const detail = await scanDetail(await prisma(), id, { kind, internal, page: page(query) });
  if (!detail) notFound();
  const { scan } = detail;
  const failed = detail.accounts.filter((a) => a.status === "failed");
  return (
    <div>
      <PageHeader
        title={scan.source === ATTRIBUTION_SOURCE ? "Attribution" : `Scan #${scan.id}`}
        subtitle={
          <>
            {scan.source === ATTRIBUTION_SOURCE ? <>Someone named who holds access and the stored exports were judged again; nothing was read from AWS · </> : null}
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
          <summary>{scan.source === "files" ? `${count(scan.warnings.length, "input")} could not be used` : count(scan.warnings.length, "notice")}</summary>
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
          <dd>
            <CallsByService calls={scan.apiCallsByService} />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{internal ? "Changes" : "Third-party changes"}</dt>
          <dd className="text-xl font-semibold" data-testid="change-count">{detail.kinds.reduce((n, k) => n + k.count, 0)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Third-party trusts after</dt>
          <dd className="text-xl font-semibold">{scan.summary?.trusts ?? "–"}</dd>
        </div>
      </dl>

      <Section title="Changes, the most alarming first" toolbar={detail.kinds.length ? <CsvDownload href={`/scans/${id}/changes.csv`} params={{ ...(kind ? { kind } : {}), ...(internal ? { internal: "1" } : {}) }} /> : null}>
        {detail.internalHidden > 0 || internal ? (
          <p className="mb-2 text-xs text-slate-600">
            {internal ? "Including changes of principals inside our organization. " : `${count(detail.internalHidden, "change")} of principals inside our organization not shown. `}
            <Link href={withParams(`/scans/${id}`, query, { internal: internal ? null : "1", kind: null, page: null })} className="underline">
              {internal ? "Show third-party changes only" : "Show them too"}
            </Link>
          </p>
        ) : null}
        {detail.kinds.length === 0 ? (
          <p className="text-sm text-slate-600">{internal || detail.internalHidden === 0 ? "This scan changed nothing." : "No third-party access changed."}</p>
        ) : (
          <>
            <nav aria-label="Change kinds" className="mb-3 flex flex-wrap gap-2 text-xs">
              <Link href={withParams(`/scans/${id}`, query, { kind: null, page: null })} className={`rounded border px-2 py-1 ${!kind ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white"}`}>
                all ({detail.kinds.reduce((n, k) => n + k.count, 0)})
              </Link>
              {detail.kinds.map((k) => (
                <Link key={k.kind} href={withParams(`/scans/${id}`, query, { kind: k.kind, page: null })} title={k.kind} className={`whitespace-nowrap rounded border px-2 py-1 ${kind === k.kind ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white"}`}>
                  {kindLabel(k.kind)} ({k.count})
                </Link>
              ))}
            </nav>
            <ul className="overflow-hidden rounded-lg border border-slate-200 text-sm" data-testid="scan-diff">
              {detail.events.map((e) => (
                <li key={e.id} data-tone={e.meaning.tone} className={`border-b border-slate-100 px-3 py-1.5 ${ROW_TONE[e.meaning.tone]}`}>
                  <ChangeBadge event={e} />
                  <span className="[overflow-wrap:anywhere]">{e.summary}</span>
                  {e.before !== null || e.after !== null ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-[11px] text-slate-600">before / after</summary>
                      <pre className="mt-1 overflow-x-auto whitespace-pre-wrap [overflow-wrap:anywhere] bg-white/60 p-2 font-mono text-xs">{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre>
                    </details>
                  ) : null}
                </li>
              ))}
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
              <Td className="min-w-[20rem] max-w-md">
                {a.status === "ok" ? <span className="text-emerald-700">ok</span> : <span className="font-semibold text-red-800">failed</span>}
                {a.error ? <span className="block [overflow-wrap:anywhere] text-xs text-slate-600">{a.error}</span> : null}
              </Td>
              <Td>{a.roles}</Td>
              <Td>{a.trusts}</Td>
              <Td>{a.changes}</Td>
              <Td>
                {a.apiCalls}
                <CallsByService calls={a.apiCallsByService} />
              </Td>
              <Td>{duration(a.durationMs)}</Td>
            </tr>
          ))}
        </DataTable>
      </Section>
    </div>
  );
}

/** "iam 4 · s3 12 · …": the calls by service, most first, when they were counted. */
function CallsByService({ calls }: { calls: unknown }) {
  const entries = calls && typeof calls === "object" ? Object.entries(calls as Record<string, number>).filter(([, n]) => typeof n === "number" && n > 0) : [];
  if (entries.length === 0) return null;
  entries.sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return (
    <span className="mt-0.5 block max-w-xs text-[11px] leading-snug text-slate-500" data-testid="calls-by-service">
      {entries.map(([service, n], i) => (
        <span key={service} className="whitespace-nowrap">
          {i > 0 ? " · " : ""}
          {service} {n}
        </span>
      ))}
    </span>
  );
}
