import { DataTable, Raw, Td } from "@/components/DataTable";
import { CsvDownload } from "@/components/DownloadLinks";
import { EmptyState } from "@/components/EmptyState";
import { FilterBar } from "@/components/FilterBar";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { Th } from "@/components/SortHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { AUDIT, AUDIT_LABELS, AUDIT_OUTCOMES } from "@/lib/audit/auditEventKinds";
import { auditFilters, auditLabel, listAuditEvents } from "@/lib/audit/auditLog";
import { requirePageUser } from "@/lib/auth/access";
import { prisma } from "@/lib/db/server";
import type { SearchParams } from "@/lib/queries/params";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log" };

const OUTCOME_STYLE: Record<string, string> = { success: "text-emerald-700", failure: "text-amber-700", denied: "text-red-700" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser("admin");
  const params = await searchParams;
  const result = await listAuditEvents(await prisma(), params);
  const filters = auditFilters(params);
  return (
    <div>
      <PageHeader title="Audit log" subtitle="Sign-ins, scans, schedule, vendor mapping and user changes, and report downloads: who, what, when, from where. Nobody can edit it.">
        <CsvDownload href="/audit/export.csv" params={{ action: filters.action, outcome: filters.outcome, actor: filters.actor }} />
      </PageHeader>
      <FilterBar
        path="/audit"
        params={params}
        fields={[
          { kind: "select", name: "action", label: "Action", options: Object.values(AUDIT).map((value) => ({ value, label: AUDIT_LABELS[value] })) },
          { kind: "select", name: "outcome", label: "Outcome", options: AUDIT_OUTCOMES },
          { kind: "search", name: "actor", label: "Who", placeholder: "email" },
        ]}
      />
      {result.total === 0 ? (
        <EmptyState title="Nothing recorded matches" />
      ) : (
        <>
          <DataTable caption="Audit log" head={<><Th>When</Th><Th>Action</Th><Th>Outcome</Th><Th>Who</Th><Th>From</Th><Th>What</Th></>}>
            {result.rows.map((e) => (
              <tr key={e.id}>
                <Td>
                  <TimeAgo date={e.at} compact />
                </Td>
                <Td>
                  {auditLabel(e.action)}
                  {e.count > 1 ? (
                    <span className="block text-xs text-slate-500" data-testid="audit-count">
                      ×{e.count.toLocaleString("en")}
                      {e.lastAt ? <>, last <TimeAgo date={e.lastAt} compact /></> : null}
                    </span>
                  ) : null}
                </Td>
                <Td className={OUTCOME_STYLE[e.outcome] ?? ""}>{e.outcome}</Td>
                <Td>{e.actor ? <Raw>{e.actor}</Raw> : <span className="text-slate-500">—</span>}</Td>
                <Td>
                  {e.ip ? <Raw>{e.ip}</Raw> : null}
                  {e.userAgent ? <span className="block max-w-[16rem] truncate text-xs text-slate-500" title={e.userAgent}>{e.userAgent}</span> : null}
                </Td>
                <Td>
                  {e.target ? <Raw>{e.target}</Raw> : null}
                  {e.details ? <Raw className="block text-slate-500">{JSON.stringify(e.details)}</Raw> : null}
                </Td>
              </tr>
            ))}
          </DataTable>
          <Pagination path="/audit" params={params} page={result.page} pageSize={result.pageSize} total={result.total} />
        </>
      )}
    </div>
  );
}
