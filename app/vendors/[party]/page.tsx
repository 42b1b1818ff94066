import { requirePageUser } from "@/lib/auth/access";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ServiceAccessChart } from "@/components/charts/ServiceAccessChart";
import { ChangeBadge } from "@/components/ChangeBadge";
import { DataTable, Td } from "@/components/DataTable";
import { DownloadLinks } from "@/components/DownloadLinks";
import { FindingBadge } from "@/components/FindingBadge";
import { GuardrailsSection } from "@/components/GuardrailsSection";
import { ResourceGrantCells } from "@/components/ResourceCells";
import { PageHeader, Section } from "@/components/PageHeader";
import { RiskBadge } from "@/components/RiskBadge";
import { Th } from "@/components/SortHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { AccountCell, RoleCell, TrustFactsCells } from "@/components/TrustCells";
import { prisma, serverSummaries } from "@/lib/db/server";
import { page, type SearchParams } from "@/lib/queries/params";
import { listResources, overallRisk } from "@/lib/queries/resources";
import { RESOURCE_FINDING_RULES } from "@/lib/analysis/resources/resourceFindings";
import type { FindingCode } from "@/lib/analysis/findings";
import { PAGE_HISTORY, TRUST_PAGE_SIZE, vendorDetail } from "@/lib/queries/vendorDetail";
import { Pagination } from "@/components/Pagination";
import { count } from "@/lib/format";
import { pageSegment } from "@/lib/web/pageSegment";
import { vendorHref } from "@/lib/web/url";

export const dynamic = "force-dynamic";

/** /vendors/[party]: the party is read from the URL itself, not from `params` (lib/web/pageSegment.ts says why). */
const PARTY_SEGMENT = 1;
/** Services in the access chart: the most granted. */
const CHARTED_SERVICES = 15;
/** Resource grants listed on the page; the rest are one link away. */
const RESOURCES_SHOWN = 50;

export async function generateMetadata() {
  await requirePageUser(); // the title echoes the URL: nothing for anonymous eyes
  return { title: ((await pageSegment(PARTY_SEGMENT)) ?? "Not found").replace(/^vendor:/, "") };
}

export default async function VendorPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePageUser();
  const party = await pageSegment(PARTY_SEGMENT);
  if (!party) notFound();
  const query = await searchParams;
  const db = await prisma();
  const [vendor, resources] = await Promise.all([
    vendorDetail(db, await serverSummaries(), party, { trustPage: page(query), historyLimit: PAGE_HISTORY }),
    listResources(db, { party, scope: "all", pageSize: RESOURCES_SHOWN }),
  ]);
  if (!vendor) notFound();
  // Resource grants come riskiest first: the first one is the worst.
  const { risk, reason } = overallRisk(vendor, resources.rows[0]);
  const hasAccess = vendor.trustTotal > 0 || resources.total > 0;
  const resourceFindings = RESOURCE_FINDING_RULES.map((rule) => ({ rule, grants: resources.rows.filter((r) => r.findings.includes(rule.code)).length })).filter((f) => f.grants > 0);
  return (
    <div>
      <PageHeader
        title={<span className="[overflow-wrap:anywhere]">{vendor.name}</span>}
        subtitle={
          <>
            {vendor.source} · can assume {count(vendor.trustTotal, "role")} in {count(vendor.accountCount, "account")}
            {resources.total ? <> · can use {count(resources.total, "resource")} without assuming a role</> : null}
            {vendor.externalAccounts.length ? <> · their accounts: {vendor.externalAccounts.join(", ")}</> : null}
          </>
        }
      >
        <span className="flex items-center gap-2 text-sm">
          Overall risk <RiskBadge risk={risk} />
        </span>
        <DownloadLinks
          label="Review pack"
          links={[
            { href: `${vendorHref(party)}/report?format=pdf`, format: "PDF", title: "Vendor review pack: access, findings and fixes, the last 90 days of changes, sign-off" },
            { href: `${vendorHref(party)}/report?format=csv`, format: "CSV", title: "Every role this vendor can assume" },
            { href: `${vendorHref(party)}/report?format=json`, format: "JSON", title: "This vendor's slice of the inventory (vendorscope export --json schema)" },
          ]}
        />
      </PageHeader>

      {reason ? (
        <p className={`mb-6 rounded-lg border p-3 text-sm ${RISK_CALLOUT[risk ?? "low"]}`} data-testid="risk-reason">
          <strong className="uppercase">{risk ?? "low"}</strong> because {reason}.
        </p>
      ) : null}

      {!hasAccess ? <p className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm">This party has no access any more; its history is below.</p> : null}

      {vendor.trustTotal > 0 ? (
        <Section title="Where it can get in">
          <DataTable
            caption="Accounts and roles this vendor can assume"
            head={
              <>
                <Th>Account</Th>
                <Th>Role</Th>
                <Th>Trusted principal</Th>
                <Th>ExternalId</Th>
                <Th className="risk-col">Risk</Th>
                <Th>Findings</Th>
                <Th>Last used</Th>
              </>
            }
          >
            {vendor.trusts.map((t) => (
              <tr key={t.id}>
                <AccountCell id={t.accountId} name={t.accountName} />
                <RoleCell id={t.roleId} name={t.roleName} admin={t.admin} />
                <TrustFactsCells
                  principal={t.principal}
                  note={
                    <>
                      {t.statementPrincipal !== t.principal ? <span className="block text-xs text-slate-500">policy says: {t.statementPrincipal}</span> : null}
                      {t.conditions ? <span className="block text-xs text-slate-500">conditions: {Object.keys(t.conditions).join(", ")}</span> : null}
                      {t.blockedBy ? (
                        <span className="block text-xs font-medium text-emerald-800" data-testid="blocked-by">
                          blocked by RCP <span className="[overflow-wrap:anywhere]">{t.blockedBy.name}</span>
                        </span>
                      ) : null}
                    </>
                  }
                  externalId={t.externalId}
                  risk={t.risk}
                  findings={t.findings}
                />
                <Td>
                  <TimeAgo date={t.lastUsed} compact />
                </Td>
              </tr>
            ))}
          </DataTable>
          <Pagination path={vendorHref(party)} params={query} page={page(query)} pageSize={TRUST_PAGE_SIZE} total={vendor.trustTotal} />
        </Section>
      ) : null}

      {resources.total > 0 ? (
        <Section title="Resources it can use">
          <p className="mb-3 text-sm text-slate-600">Bucket, key, queue, topic, function, secret and repository policies, and shared snapshots and images, that let this party at our data without assuming a role.</p>
          <DataTable
            caption="Resources this vendor can use"
            head={
              <>
                <Th>Account</Th>
                <Th>Resource</Th>
                <Th>Principal</Th>
                <Th>Can do</Th>
                <Th className="risk-col">Risk</Th>
                <Th>Findings</Th>
              </>
            }
          >
            {resources.rows.map((r) => (
              <tr key={r.id}>
                <AccountCell id={r.accountId} name={r.accountName} />
                <ResourceGrantCells grant={r} />
              </tr>
            ))}
          </DataTable>
          {resources.total > resources.rows.length ? (
            <p className="mt-2 text-sm">
              <Link href={`/resources?party=${encodeURIComponent(party)}`} className="underline">
                All {resources.total} resource grants
              </Link>
            </p>
          ) : null}
        </Section>
      ) : null}

      {vendor.services.length > 0 ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Section title="Access by service">
            <div className="rounded-lg border border-slate-200 bg-white p-3">
              <ServiceAccessChart services={vendor.services.slice(0, CHARTED_SERVICES)} />
              <p className="mt-2 text-xs text-slate-500">Actions granted per service (the most of any of its roles); colour: strongest access level — red permissions management, orange write, yellow tagging, blue read, grey list.</p>
            </div>
          </Section>
          <Section title="Risky actions">
            <RiskyActions risky={vendor.risky} />
          </Section>
        </div>
      ) : null}

      {vendor.guardrails ? (
        <GuardrailsSection policies={vendor.guardrails.policies} before={vendor.guardrails.before} after={vendor.guardrails.after} blocked={{ trusts: vendor.guardrails.blockedTrusts, of: vendor.trustTotal }} />
      ) : null}

      {vendor.findings.length > 0 ? (
        <Section title="Findings">
          <ul className="space-y-3">
            {vendor.findings.map((f) => (
              <FindingCard key={f.code} finding={f} href={`/trusts?party=${encodeURIComponent(vendor.party)}&finding=${f.code}`} many={count(f.trusts, "trust")}>
                {f.held.length > 0 ? (
                  <div className="mt-1 text-slate-700">
                    <span className="font-medium">This vendor holds: </span>
                    <HeldList items={f.held} />
                  </div>
                ) : null}
              </FindingCard>
            ))}
          </ul>
        </Section>
      ) : null}

      {resourceFindings.length > 0 ? (
        <Section title="Findings on its resources">
          <ul className="space-y-3">
            {resourceFindings.map(({ rule, grants }) => (
              <FindingCard key={rule.code} finding={rule} href={`/resources?party=${encodeURIComponent(vendor.party)}&finding=${rule.code}`} many={count(grants, "resource")} />
            ))}
          </ul>
        </Section>
      ) : null}

      <Section title="History">
        {vendor.history.length === 0 ? (
          <p className="text-sm text-slate-600">No recorded change.</p>
        ) : (
          <ol className="relative space-y-2 border-l-2 border-slate-200 pl-4 text-sm" data-testid="vendor-history">
            {vendor.history.map((e) => (
              <li key={e.id}>
                <ChangeBadge event={e} />
                {e.attribution && e.kind !== "ATTRIBUTED" ? <span className="mr-2 text-xs font-medium text-slate-600">because the account was named:</span> : null}
                <span className="[overflow-wrap:anywhere]">{e.summary}</span>
                <span className="ml-2 text-xs text-slate-500">
                  <Link href={`/scans/${e.scanId}`} className="underline">
                    {e.attribution ? "attribution" : `scan #${e.scanId}`}
                  </Link>
                  , <TimeAgo date={e.createdAt} />
                </span>
              </li>
            ))}
          </ol>
        )}
        {vendor.historyTotal > vendor.history.length ? <p className="mt-2 text-xs text-slate-500">Showing the latest {vendor.history.length} of {vendor.historyTotal} changes; the review pack lists every change of its period.</p> : null}
      </Section>
    </div>
  );
}

const RISK_CALLOUT = {
  critical: "border-red-300 bg-red-50 text-red-900",
  high: "border-orange-300 bg-orange-50 text-orange-900",
  medium: "border-amber-300 bg-amber-50 text-amber-900",
  low: "border-slate-200 bg-white text-slate-700",
} as const;

/** The permissions behind a finding, the first few by name. */
function HeldList({ items }: { items: string[] }) {
  const SHOWN = 8;
  return (
    <span>
      {items.slice(0, SHOWN).map((item, i) => (
        <span key={item}>
          {i > 0 ? ", " : null}
          <code className="whitespace-nowrap font-mono text-xs">{item}</code>
        </span>
      ))}
      {items.length > SHOWN ? <span className="text-slate-500"> and {items.length - SHOWN} more (Risky actions above)</span> : null}
    </span>
  );
}

function RiskyActions({ risky }: { risky: { privilegeEscalation: string[]; destructive: string[]; costImpact: string[]; dataAccess: string[] } }) {
  const groups = [
    ["Privilege escalation", "methods", risky.privilegeEscalation],
    ["Destructive", "actions", risky.destructive],
    ["Cost impact", "actions", risky.costImpact],
    ["Data access", "actions", risky.dataAccess],
  ] as const;
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      {groups.map(([label, unit, items]) => (
        <details key={label} open={items.length > 0 && items.length <= 12}>
          <summary className="cursor-pointer font-medium">
            {label}: {items.length ? count(items.length, unit.slice(0, -1), unit) : "none"}
          </summary>
          {items.length ? (
            <ul className="mt-1 flex flex-wrap gap-1">
              {items.slice(0, 200).map((a) => (
                <li key={a}>
                  {unit === "actions" ? (
                    <Link href={`/actions?q=${encodeURIComponent(a)}`} className="action-chip">
                      {a}
                    </Link>
                  ) : (
                    <span className="action-chip severe">{a}</span>
                  )}
                </li>
              ))}
              {items.length > 200 ? <li className="text-xs text-slate-500">…and {items.length - 200} more</li> : null}
            </ul>
          ) : null}
        </details>
      ))}
    </div>
  );
}

/** One finding a party holds: what it is, how many of its trusts or resources, why it matters and the fix. */
function FindingCard({ finding, href, many, children }: { finding: { code: FindingCode; title: string; explanation: string; remediation: string }; href: string; many: string; children?: React.ReactNode }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <FindingBadge code={finding.code} />
        <span className="font-semibold">{finding.title}</span>
        <Link href={href} className="text-xs underline">
          {many}
        </Link>
      </div>
      <p className="mt-2 text-slate-700">
        <span className="font-medium">Why it matters: </span>
        {finding.explanation}
      </p>
      <p className="mt-1 text-slate-700">
        <span className="font-medium">How to fix: </span>
        {finding.remediation}
      </p>
      {children}
    </li>
  );
}
