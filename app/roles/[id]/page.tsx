import { requirePageUser } from "@/lib/auth/access";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable, Raw } from "@/components/DataTable";
import { PageHeader, Section } from "@/components/PageHeader";
import { PolicyDocumentView } from "@/components/PolicyDocumentView";
import { GuardrailsSection } from "@/components/GuardrailsSection";
import { riskyAfter, riskyBefore } from "@/lib/analysis/guardrails/beforeGuardrails";
import { Th } from "@/components/SortHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { PartyCell, TrustFactsCells } from "@/components/TrustCells";
import { RiskLists } from "@/lib/analysis/riskLists";
import { loadActionCatalog } from "@/lib/catalog/iamActions";
import { prisma, serverSummaries } from "@/lib/db/server";
import { rowId } from "@/lib/queries/params";
import { roleDetail } from "@/lib/queries/roleDetail";

export const dynamic = "force-dynamic";

let riskLists: RiskLists | null = null;

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser(); // the title names the role: nothing for anonymous eyes
  const id = rowId((await params).id);
  const role = id === undefined ? null : await (await prisma()).role.findUnique({ where: { id }, select: { name: true, accountId: true } });
  return { title: role ? `Role ${role.name} in ${role.accountId}` : "Role not found" };
}

export default async function RolePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser();
  const id = rowId((await params).id);
  if (id === undefined) notFound();
  riskLists ??= new RiskLists(await loadActionCatalog());
  const detail = await roleDetail(await prisma(), await serverSummaries(), id, riskLists);
  if (!detail) notFound();
  const { role, permissions } = detail;
  return (
    <div>
      <PageHeader
        title={<span className="[overflow-wrap:anywhere]">{role.name}</span>}
        subtitle={
          <>
            <Raw>{role.arn}</Raw> · account{" "}
            <Link href={`/accounts/${role.accountId}`} className="whitespace-nowrap font-mono underline">
              {role.accountId}
            </Link>
            {role.accountName ? ` (${role.accountName})` : ""}
          </>
        }
      />
      {role.removed ? <p className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm">This role no longer has third-party trusts (or was deleted); shown as last recorded.</p> : null}
      <dl className="mb-6 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm md:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">Last used</dt>
          <dd>{role.lastUsedKnown ? <TimeAgo date={role.lastUsed} /> : "not reported by the export"}{role.lastUsedRegion ? ` in ${role.lastUsedRegion}` : ""}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Created</dt>
          <dd>
            <TimeAgo date={role.createDate} />
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Can do</dt>
          <dd>
            {permissions.admin ? <strong className="text-red-700">everything (administrator)</strong> : `${permissions.actionCount.toLocaleString("en-US")} actions (${permissions.writeActionCount} write)`}
            {permissions.beforeGuardrails ? (
              <span className="block text-xs text-slate-500">
                after guardrails; its own policies allow {permissions.beforeGuardrails.admin ? "everything" : `${permissions.beforeGuardrails.actionCount.toLocaleString("en-US")} actions`}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Access levels</dt>
          <dd>{permissions.accessLevels.join(", ") || "none"}</dd>
        </div>
      </dl>

      <Section title="Who can assume it">
        <DataTable caption="Principals outside the account that can assume this role" head={<><Th>Who</Th><Th>Principal</Th><Th>ExternalId</Th><Th className="risk-col">Risk</Th><Th>Findings</Th></>}>
          {detail.trusts.map((t) => (
            <tr key={t.id}>
              <PartyCell party={t.party} partyName={t.partyName} internal={t.internal} />
              <TrustFactsCells
                principal={t.principal}
                note={
                  t.blockedBy ? (
                    <span className="block text-xs font-medium text-emerald-800" data-testid="blocked-by">
                      blocked by RCP <span className="[overflow-wrap:anywhere]">{t.blockedBy.name}</span>
                    </span>
                  ) : null
                }
                externalId={t.externalId}
                risk={t.risk}
                findings={t.findings}
              />
            </tr>
          ))}
        </DataTable>
      </Section>

      {permissions.guardrails.length > 0 ? (
        <GuardrailsSection
          policies={permissions.guardrails.map((g) => ({ ...g, targetName: detail.guardrailTargets.get(g.target) ?? null }))}
          before={riskyBefore(permissions, riskLists)}
          after={riskyAfter(permissions)}
        />
      ) : null}

      {permissions.missingPolicies.length > 0 ? (
        <p role="alert" className="mb-6 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          Not analysed (missing from the export or invalid): {permissions.missingPolicies.join(", ")}
        </p>
      ) : null}

      {detail.policies.map((p, i) => (
        <Section key={`${p.kind}-${p.name}-${i}`} id={`policy-${i}`} title={`${p.kind === "trust" ? "" : `${p.kind[0]!.toUpperCase()}${p.kind.slice(1)} policy: `}${p.name}`}>
          {p.error ? <p className="mb-2 text-sm text-red-800">{p.error}</p> : null}
          {p.document !== null ? <PolicyDocumentView document={p.document} notes={p.notes} label={p.name} /> : null}
        </Section>
      ))}
      {detail.policies.length === 1 ? <p className="text-sm text-slate-600">Permission policies appear once the account has a stored export (any scan after this version).</p> : null}
      {detail.exportedAt ? (
        <p className="text-xs text-slate-500">
          Policies as exported <TimeAgo date={detail.exportedAt} />.
        </p>
      ) : null}
    </div>
  );
}
