import { PageHeader, Section } from "@/components/PageHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { requirePageUser } from "@/lib/auth/access";
import { prisma } from "@/lib/db/server";
import { demoLoaded } from "@/lib/demo/demoSetting";
import type { DoctorStep } from "@/lib/onboarding/doctor";
import { lastDoctorDiagnosis } from "@/lib/onboarding/doctorDiagnosis";
import { scanSettings } from "@/lib/onboarding/doctorSettings";
import { runSetupChecks } from "./serverActions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Setup" };

const STATUS: Record<DoctorStep["status"], { label: string; style: string }> = {
  ok: { label: "OK", style: "bg-emerald-100 text-emerald-900" },
  warn: { label: "Warning", style: "bg-amber-100 text-amber-900" },
  fail: { label: "Failed", style: "bg-red-100 text-red-900" },
  skipped: { label: "Not checked", style: "bg-slate-100 text-slate-700" },
};

export default async function SetupPage() {
  await requirePageUser("admin");
  const db = await prisma();
  const [diagnosis, demo] = await Promise.all([lastDoctorDiagnosis(db), demoLoaded(db)]);
  const { aws, memberRole } = scanSettings();
  return (
    <div>
      <PageHeader title="Setup" subtitle="From here to an inventory of your real organization: read-only access, then a scan." />
      <Section title="1. Give Vendorscope read-only access">
        <ol className="list-decimal space-y-1 rounded-lg border border-slate-200 bg-white p-4 pl-8 text-sm">
          <li>
            In the management account (or a delegated administrator), create the scanner role: <code>deploy/cloudformation/management-scanner-role.yaml</code>, and run this
            server with it.
          </li>
          <li>
            Deploy the read-only audit role to every member account with a service-managed StackSet: <code>deploy/cloudformation/member-audit-role.yaml</code>, trusting only
            the scanner role, with an ExternalId.
          </li>
          <li>
            Set <code>VENDORSCOPE_MEMBER_ROLE</code> to the audit role&apos;s name and <code>VENDORSCOPE_EXTERNAL_ID</code> to the ExternalId, and restart.
          </li>
          <li>
            Can&apos;t give the dashboard credentials? Export the files with the AWS CLI and import them: <code>npx vendorscope scan --from DIR</code>.
          </li>
        </ol>
        <p className="mt-2 text-xs text-slate-500">Step by step, with the AWS CLI equivalents: docs/deploy.md.</p>
      </Section>

      <Section title="2. Check">
        <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <p className="mb-3 text-slate-600" data-testid="setup-config">
            This server would scan with role <code>{memberRole.roleName}</code>, {memberRole.externalId ? "with an ExternalId" : "without an ExternalId"}, in region{" "}
            <code>{aws.region}</code>.{demo ? " The inventory currently holds the demo organization." : ""}
          </p>
          <form action={runSetupChecks}>
            <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
              Run the checks
            </button>
          </form>
          {diagnosis ? (
            <div className="mt-4" data-testid="setup-report">
              <p className="mb-2 text-xs text-slate-500">
                Checked <TimeAgo date={new Date(diagnosis.at)} />: {diagnosis.ok ? "nothing failed." : "some checks failed."}
              </p>
              <ol className="space-y-3">
                {diagnosis.steps.map((step) => (
                  <li key={step.id} className="rounded border border-slate-200 p-3">
                    <p>
                      <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-medium ${STATUS[step.status].style}`}>{STATUS[step.status].label}</span>
                      <strong>{step.title}</strong>
                    </p>
                    <p className="mt-1 [overflow-wrap:anywhere] text-slate-700">{step.detail}</p>
                    {step.accounts?.length ? (
                      <ul className="mt-1 list-disc pl-6 text-xs text-slate-700">
                        {step.accounts.map((a) => (
                          <li key={a.accountId} className="[overflow-wrap:anywhere]">
                            <code>{a.accountId}</code>
                            {a.name ? ` (${a.name})` : ""}: {a.problem}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {step.fix ? <p className="mt-1 text-slate-600">Fix: {step.fix}</p> : null}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </div>
      </Section>

      <Section title="3. Scan">
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">
          When the checks pass, start a scan under Settings (Scan now) or with <code>npx vendorscope scan</code>; scans then run on the schedule.
        </p>
      </Section>
    </div>
  );
}
