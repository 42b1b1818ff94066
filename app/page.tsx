import { VendorNameCell } from "@/components/TrustCells";
import { requirePageUser } from "@/lib/auth/access";
import Link from "next/link";
import { TrendChart } from "@/components/charts/TrendChart";
import { LiveScanProgress } from "@/components/LiveScanProgress";
import { ChangeBadge } from "@/components/ChangeBadge";
import { DataTable, Td } from "@/components/DataTable";
import { NoScanYet } from "@/components/EmptyState";
import { FindingList } from "@/components/FindingBadge";
import { PageHeader, Section } from "@/components/PageHeader";
import { RiskBadge } from "@/components/RiskBadge";
import { ResourceCountCell } from "@/components/ResourceCells";
import { Th } from "@/components/SortHeader";
import { StatCard } from "@/components/StatCard";
import { TimeAgo } from "@/components/TimeAgo";
import { FINDING_RULES } from "@/lib/analysis/findings";
import { RISKS } from "@/lib/analysis/risk";
import { prisma } from "@/lib/db/server";
import { overview } from "@/lib/queries/overview";
import { count } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  await requirePageUser();
  const data = await overview(await prisma());
  const { totals, lastScan, running } = data;
  if (!lastScan && !running) {
    return (
      <div className="space-y-6">
        <PageHeader title="Third-party access overview" subtitle="Which outside party can get into which of our accounts, and what can it do there?" />
        <NoScanYet />
        <WhatItLooksFor />
      </div>
    );
  }
  return (
    <div>
      <PageHeader
        title="Third-party access overview"
        subtitle={
          lastScan ? (
            <>
              Last scan{" "}
              <Link href={`/scans/${lastScan.id}`} className="underline">
                #{lastScan.id}
              </Link>{" "}
              <strong className={lastScan.status === "succeeded" ? "text-emerald-700" : "text-red-700"}>{lastScan.status}</strong>, <TimeAgo date={lastScan.finishedAt ?? lastScan.startedAt} />
              {totals.staleAccounts > 0 ? (
                <>
                  {" · "}
                  <Link href="/accounts?state=stale" className="font-medium text-red-700 underline">
                    {count(totals.staleAccounts, "account")} with stale data
                  </Link>
                </>
              ) : null}
            </>
          ) : (
            "No finished scan yet"
          )
        }
      >
        <LiveScanProgress initial={running} compact />
      </PageHeader>

      <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatCard label="Vendors with access" value={totals.vendors} href="/vendors" />
        <StatCard label="External accounts" value={totals.externalAccounts} href="/trusts?sort=vendor" />
        <StatCard label="Third-party trusts" value={totals.trusts} href="/trusts" />
        <StatCard label="IAM users with keys" value={totals.usersWithKeys} href="/users" />
      </div>

      <Section title="Needs attention">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="attention">
          <StatCard label="Public trusts: anyone can assume" value={data.attention.public} href="/trusts?finding=WILDCARD_PRINCIPAL" tone={data.attention.public ? "critical" : "default"} />
          <StatCard label="Public resources: anyone can use" value={data.attention.publicResources} href="/resources?finding=WILDCARD_PRINCIPAL" tone={data.attention.publicResources ? "critical" : "default"} />
          <StatCard label="Can escalate to administrator" value={data.attention.escalation} href="/trusts?finding=PRIVILEGE_ESCALATION" tone={data.attention.escalation ? "high" : "default"} />
          <StatCard label="Unknown accounts to name" value={data.attention.unknown} href="/unknown-accounts" tone={data.attention.unknown ? "medium" : "default"} />
          <StatCard label="Unused vendor access (removable)" value={data.attention.unused} href="/trusts?finding=UNUSED" />
        </div>
      </Section>

      <Section title="Third-party trusts by risk">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          {[...RISKS].reverse().map((risk) => (
            <StatCard key={risk} label={`${risk} risk`} value={totals.risk[risk]} href={`/trusts?risk=${risk}`} tone={risk} />
          ))}
        </div>
      </Section>

      <div className="grid gap-6 2xl:grid-cols-2">
        <Section title="Riskiest vendors" toolbar={<Link href="/vendors" className="text-sm underline">All vendors</Link>}>
          <DataTable caption="The riskiest vendors" head={<><Th>Vendor</Th><Th>Risk</Th><Th>Trusts</Th><Th>Resources</Th><Th>Findings</Th></>}>
            {data.riskiest.map((v) => (
              <tr key={v.party}>
                <VendorNameCell party={v.party} name={v.name} />
                <Td>
                  <RiskBadge risk={v.risk} />
                </Td>
                <Td>
                  <Link href={`/trusts?party=${encodeURIComponent(v.party)}`} className="underline">
                    {v.trusts}
                  </Link>
                </Td>
                <ResourceCountCell party={v.party} count={v.resources} />
                <Td>
                  <FindingList codes={v.riskFindings} limit={3} ordered />
                </Td>
              </tr>
            ))}
          </DataTable>
          <p className="mt-2 text-sm">
            <Link href="/vendors" className="underline">
              All {count(totals.vendors, "vendor")}, riskiest first
            </Link>
          </p>
        </Section>

        <Section title="What changed in the last scan" toolbar={lastScan ? <Link href={`/scans/${lastScan.id}`} className="text-sm underline">{count(data.lastChangesTotal, "change")}</Link> : null}>
          {data.lastChanges.length === 0 ? (
            <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">No third-party access changed.</p>
          ) : (
            <>
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="last-changes">
                {data.lastChanges.map((e) => (
                  <li key={e.id} className="px-3 py-2">
                    <ChangeBadge event={e} />
                    <span className="[overflow-wrap:anywhere]">{e.summary}</span>
                  </li>
                ))}
              </ul>
              {lastScan && data.lastChangesTotal > data.lastChanges.length ? (
                <p className="mt-2 text-sm">
                  <Link href={`/scans/${lastScan.id}`} className="underline">
                    All {count(data.lastChangesTotal, "change")} of scan #{lastScan.id}
                  </Link>
                </p>
              ) : null}
            </>
          )}
        </Section>
      </div>

      <Section title="Trend over scans">
        {data.trend.length > 0 ? (
          <div className="rounded-lg border border-slate-200 bg-white p-3">
            <TrendChart points={data.trend} />
          </div>
        ) : (
          <p className="text-sm text-slate-600">The trend appears after the first completed scan.</p>
        )}
      </Section>

      {data.staleAccounts.length > 0 ? (
        <Section title="Accounts with stale data">
          <DataTable caption="Accounts whose last scan failed" head={<><Th>Account</Th><Th>Stale since</Th><Th>Error</Th></>}>
            {data.staleAccounts.map((a) => (
              <tr key={a.id}>
                <Td>
                  <Link href={`/accounts/${a.id}`} className="whitespace-nowrap font-mono underline">
                    {a.id}
                  </Link>{" "}
                  {a.name}
                </Td>
                <Td>
                  <TimeAgo date={a.staleSince} compact />
                </Td>
                <Td className="[overflow-wrap:anywhere] text-red-800">{a.lastError}</Td>
              </tr>
            ))}
          </DataTable>
        </Section>
      ) : null}
    </div>
  );
}

function WhatItLooksFor() {
  return (
    <Section title="What it looks for">
      <DataTable caption="Finding codes" head={<><Th>Finding</Th><Th>Why it matters</Th></>}>
        {FINDING_RULES.map((rule) => (
          <tr key={rule.code}>
            <Td>
              <div className="font-medium">{rule.title}</div>
              <code className="text-xs text-slate-500">{rule.code}</code>
            </Td>
            <Td className="text-slate-600">{rule.explanation}</Td>
          </tr>
        ))}
      </DataTable>
    </Section>
  );
}
