import { requirePageUser } from "@/lib/auth/access";
import Link from "next/link";
import { DataTable, Raw, Td } from "@/components/DataTable";
import { EmptyState } from "@/components/EmptyState";
import { FindingList } from "@/components/FindingBadge";
import { CsvDownload } from "@/components/DownloadLinks";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { RiskBadge } from "@/components/RiskBadge";
import { Th } from "@/components/SortHeader";
import { ACCESS_LEVELS } from "@/lib/analysis/actionCatalog";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { prisma } from "@/lib/db/server";
import { searchActions, searchResourceGrants } from "@/lib/queries/actionSearch";
import { ResourceGrantCells } from "@/components/ResourceCells";
import { AccountCell, PartyCell } from "@/components/TrustCells";
import { actionSearchInput } from "@/lib/queries/filters";
import type { SearchParams } from "@/lib/queries/params";
import { count } from "@/lib/format";
import { vendorHref } from "@/lib/web/url";

export const dynamic = "force-dynamic";
export const metadata = { title: "Action search" };

const EXAMPLES = ["ec2:TerminateInstances", "s3:Delete*", "iam:PassRole", "secretsmanager:GetSecretValue", "kms"];

export default async function ActionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser();
  const params = await searchParams;
  const input = actionSearchInput(params);
  const { q, level, scope = "external" } = input ?? {};
  const [db, catalog] = await Promise.all([prisma(), loadActionCatalog()]);
  const [result, resources] = input ? await Promise.all([searchActions(db, catalog, input), searchResourceGrants(db, catalog, input)]) : [null, null];
  return (
    <div>
      <PageHeader title="Action search" subtitle="Which third parties can perform an action — an exact action, a wildcard, or a whole service — and through which policy.">
        {result && result.total > 0 ? <CsvDownload href="/actions/export.csv" params={params} /> : null}
      </PageHeader>
      <form method="get" action="/actions" role="search" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-600">Action, wildcard or service</span>
          <input name="q" type="search" defaultValue={q ?? ""} placeholder="ec2:TerminateInstances" className="w-72 rounded border border-slate-300 px-2 py-1 font-mono" />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-600">Access level</span>
          <select name="level" defaultValue={level ?? ""} className="rounded border border-slate-300 bg-white px-2 py-1">
            <option value="">any</option>
            {ACCESS_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs font-medium text-slate-600">Principals</span>
          <select name="scope" defaultValue={scope} className="rounded border border-slate-300 bg-white px-2 py-1">
            <option value="external">third parties</option>
            <option value="internal">internal</option>
            <option value="all">all</option>
          </select>
        </label>
        <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white">
          Search
        </button>
      </form>
      {!result ? (
        <p className="text-sm text-slate-600">
          Try{" "}
          {EXAMPLES.map((e, i) => (
            <span key={e}>
              {i > 0 ? ", " : ""}
              <Link href={`/actions?q=${encodeURIComponent(e)}`} className="whitespace-nowrap font-mono underline">
                {e}
              </Link>
            </span>
          ))}
          .
        </p>
      ) : result.error ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          {result.error}
        </p>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-700" data-testid="action-summary">
            {count(result.matchedActions, "action")} match <span className="font-mono">{q}</span>
            {level ? ` at level ${level}` : ""} ({result.sampleActions.join(", ")}
            {result.matchedActions > result.sampleActions.length ? ", …" : ""}). {count(result.vendors, "party", "parties")} can perform {result.matchedActions === 1 ? "it" : "them"} through{" "}
            {count(result.total, "trust")} in {count(result.accounts, "account")}
            {resources?.total ? <>, and {count(resources.total, "resource grant")} allow {result.matchedActions === 1 ? "it" : "them"} on our resources without assuming a role</> : null}.
          </p>
          {result.total === 0 ? (
            <EmptyState title="Nobody in scope can perform it." />
          ) : (
            <>
              <DataTable caption="Trusts whose role can perform the action" head={<><Th>Who</Th><Th>Account</Th><Th>Role</Th><Th className="risk-col">Risk</Th><Th>Can perform</Th><Th>Granted by</Th><Th>Findings</Th></>}>
                {result.rows.map((r) => (
                  <tr key={r.trustId}>
                    <Td className="min-w-[8rem] max-w-[14rem]">
                      <Link href={vendorHref(r.party)} className="[overflow-wrap:anywhere] underline">
                        {r.partyName === "Internal" ? r.principal : r.partyName}
                      </Link>
                    </Td>
                    <Td>
                      <Link href={`/accounts/${r.accountId}`} className="whitespace-nowrap font-mono underline">
                        {r.accountId}
                      </Link>
                    </Td>
                    <Td className="min-w-[9rem] max-w-xs">
                      <Link href={`/roles/${r.roleId}`} className="[overflow-wrap:anywhere] underline">
                        {r.roleName}
                      </Link>
                    </Td>
                    <Td className="risk-col">
                      <RiskBadge risk={r.risk} />
                    </Td>
                    <Td className="max-w-xs">
                      {r.actions.map((a) => (
                        <Raw key={a} className="block">
                          {a}
                        </Raw>
                      ))}
                      {r.actionCount > r.actions.length ? <span className="text-xs text-slate-500">+{r.actionCount - r.actions.length} more</span> : null}
                    </Td>
                    <Td className="max-w-xs">
                      {r.grantedBy.map((g) => (
                        <Link key={`${g.policy}-${g.statement}`} href={`/roles/${r.roleId}`} className="block [overflow-wrap:anywhere] text-xs underline">
                          {g.policy} · statement {g.statement}
                          {g.sid ? ` (${g.sid})` : ""}
                        </Link>
                      ))}
                    </Td>
                    <Td>
                      <FindingList codes={r.findings} />
                    </Td>
                  </tr>
                ))}
              </DataTable>
              <Pagination path="/actions" params={params} page={result.page} pageSize={result.pageSize} total={result.total} />
            </>
          )}
          {resources && resources.total > 0 ? (
            <section aria-labelledby="through-resources" className="mt-8">
              <h2 id="through-resources" className="mb-2 text-lg font-semibold">
                Through resource policies and shares
              </h2>
              <DataTable caption="Resource grants that allow the action" head={<><Th>Who</Th><Th>Account</Th><Th>Resource</Th><Th>Principal</Th><Th>Allows</Th><Th className="risk-col">Risk</Th><Th>Findings</Th></>}>
                {resources.rows.map((r) => (
                  <tr key={r.id}>
                    <PartyCell party={r.party} partyName={r.partyName} internal={r.internal} />
                    <AccountCell id={r.accountId} />
                    <ResourceGrantCells grant={{ ...r, source: "policy" }} />
                  </tr>
                ))}
              </DataTable>
              {resources.total > resources.rows.length ? (
                <p className="mt-2 text-sm text-slate-600">The {resources.rows.length} riskiest of {resources.total} are shown; /resources lists them all.</p>
              ) : null}
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
