import { requirePageUser } from "@/lib/auth/access";
import { hasRole } from "@/lib/auth/roles";
import Link from "next/link";
import { DataTable, Td } from "@/components/DataTable";
import { NoScanYet } from "@/components/EmptyState";
import { CsvDownload } from "@/components/DownloadLinks";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { Th } from "@/components/SortHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { interruptStaleScans } from "@/lib/db/scanLiveness";
import { prisma } from "@/lib/db/server";
import { page, type SearchParams } from "@/lib/queries/params";
import { runningScanProgress } from "@/lib/queries/scanProgress";
import { listScans } from "@/lib/queries/scans";
import { LiveScanProgress } from "@/components/LiveScanProgress";
import { cancelScan, scanNow } from "../serverActions";
import { duration } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata = { title: "Scans" };

const STATUS: Record<string, string> = {
  succeeded: "text-emerald-700",
  partial: "text-amber-700",
  failed: "text-red-700",
  interrupted: "text-red-700",
  cancelled: "text-slate-600",
  running: "text-sky-700",
  skipped: "text-slate-600",
};

export default async function ScansPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser();
  const isAdmin = hasRole(user.role, "admin");
  const params = await searchParams;
  const db = await prisma();
  await interruptStaleScans(db); // a scan whose process died shows as interrupted, not running forever
  const [result, running] = await Promise.all([listScans(db, page(params)), runningScanProgress(db)]);
  return (
    <div>
      <PageHeader title="Scans" subtitle="Every scan and import, what it read and what changed.">
        {isAdmin && running ? (
          <form action={cancelScan}>
            <input type="hidden" name="scanId" value={running.id} />
            <button type="submit" className="rounded border border-red-300 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50">
              Cancel scan #{running.id}
            </button>
          </form>
        ) : null}
        {isAdmin && !running ? (
          <form action={scanNow}>
            <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
              Scan now
            </button>
          </form>
        ) : null}
        <CsvDownload href="/scans/export.csv" params={{}} />
      </PageHeader>
      <LiveScanProgress initial={running} />
      {result.total === 0 ? (
        <NoScanYet />
      ) : (
        <>
          <DataTable caption="Scans" head={<><Th>Scan</Th><Th>Status</Th><Th>Trigger</Th><Th>Started</Th><Th>Duration</Th><Th>Accounts ok / failed</Th><Th>API calls</Th><Th>Changes</Th></>}>
            {result.rows.map((s) => (
              <tr key={s.id}>
                <Td>
                  <Link href={`/scans/${s.id}`} className="underline">
                    #{s.id}
                  </Link>
                </Td>
                <Td className="max-w-xs">
                  <span className={`font-semibold ${STATUS[s.status] ?? ""}`}>{s.status}</span>
                  {s.error ? <span className="block [overflow-wrap:anywhere] text-xs text-slate-600">{s.error}</span> : null}
                </Td>
                <Td>
                  {s.trigger}
                  <span className="block text-xs text-slate-500">
                    {s.source}
                    {s.startedBy ? ` · ${s.startedBy}` : ""}
                  </span>
                </Td>
                <Td>
                  <TimeAgo date={s.startedAt} compact />
                </Td>
                <Td>{s.finishedAt ? duration(s.finishedAt.getTime() - s.startedAt.getTime()) : "running"}</Td>
                <Td>
                  {s.status === "running" ? (
                    <span className="text-slate-500">in progress</span>
                  ) : (
                    <>
                      {s.accountsOk} / <span className={s.accountsFailed ? "font-semibold text-red-700" : ""}>{s.accountsFailed}</span>
                      {s.accountsTotal ? <span className="text-xs text-slate-500"> of {s.accountsTotal}</span> : null}
                    </>
                  )}
                </Td>
                <Td>{s.apiCalls}</Td>
                <Td>
                  <Link href={`/scans/${s.id}`} className="underline">
                    {s.changes}
                  </Link>
                </Td>
              </tr>
            ))}
          </DataTable>
          <Pagination path="/scans" params={params} page={result.page} pageSize={result.pageSize} total={result.total} />
        </>
      )}
    </div>
  );
}
