import { FormNotices } from "@/components/FormNotices";
import { requirePageUser } from "@/lib/auth/access";
import { hasRole } from "@/lib/auth/roles";
import { PageHeader, Section } from "@/components/PageHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { prisma } from "@/lib/db/server";
import { text, type SearchParams } from "@/lib/queries/params";
import { effectiveSchedule, nextRun } from "@/lib/schedule/schedule";
import { scanNow, updateSchedule } from "../serverActions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Settings" };

function upcoming(schedule: { cron: string; timezone: string }, count: number): Date[] {
  const runs: Date[] = [];
  let after = new Date();
  for (let i = 0; i < count; i++) {
    const next = nextRun(schedule, after);
    if (!next) break;
    runs.push(next);
    after = next;
  }
  return runs;
}

export default async function SettingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser();
  const isAdmin = hasRole(user.role, "admin");
  const params = await searchParams;
  const schedule = await effectiveSchedule(await prisma());
  const runs = schedule.enabled ? upcoming(schedule, 3) : [];
  const error = text(params, "error");
  const fixed = schedule.source === "environment";
  return (
    <div>
      <PageHeader title="Settings" subtitle="When scans run, and running one now." />
      <FormNotices error={error} saved={text(params, "saved") ? "Schedule saved." : undefined} />

      <Section title="Scan now">
        {isAdmin ? (
          <form action={scanNow} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <p className="mb-3 text-slate-600">Reads every account of the organization now, with this server&apos;s AWS credentials (read-only).</p>
            <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
              Scan now
            </button>
          </form>
        ) : (
          <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">Admins can start a scan here.</p>
        )}
      </Section>

      <Section title="Schedule">
        <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <p className="mb-3" data-testid="schedule-summary">
            {schedule.enabled ? (
              <>
                Scans run <code className="rounded bg-slate-100 px-1">{schedule.cron}</code> ({schedule.timezone}).{" "}
                {runs[0] ? (
                  <>
                    Next run <TimeAgo date={runs[0]} />.
                  </>
                ) : null}
              </>
            ) : (
              "Scheduled scans are off."
            )}
            {schedule.source === "default" ? " (the default)" : ""}
            {schedule.updatedAt ? (
              <span className="text-slate-500">
                {" "}
                Set by {schedule.updatedBy} <TimeAgo date={schedule.updatedAt} />.
              </span>
            ) : null}
          </p>
          {runs.length > 1 ? (
            <p className="mb-3 text-xs text-slate-500">Then: {runs.slice(1).map((r) => r.toISOString().replace("T", " ").slice(0, 16) + " UTC").join(", ")}</p>
          ) : null}
          {fixed ? (
            <p className="text-slate-600">VENDORSCOPE_SCHEDULE sets the schedule for this server; change it there.</p>
          ) : isAdmin ? (
              <form action={updateSchedule} className="flex flex-wrap items-end gap-3">
                <label className="flex flex-col gap-1">
                  <span className="text-xs font-medium text-slate-600">Cron expression</span>
                  <input name="cron" required defaultValue={schedule.cron} className="w-48 rounded border border-slate-300 px-2 py-1 font-mono" aria-describedby="cron-help" />
                </label>
                <label className="flex flex-col gap-1">
                  <span className="text-xs font-medium text-slate-600">Time zone</span>
                  <input name="timezone" required defaultValue={schedule.timezone} className="w-48 rounded border border-slate-300 px-2 py-1" />
                </label>
                <label className="flex items-center gap-2 pb-1">
                  <input type="checkbox" name="enabled" defaultChecked={schedule.enabled} /> enabled
                </label>
                <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
                  Save
                </button>
                <p id="cron-help" className="w-full text-xs text-slate-500">
                  Five fields (minute hour day month weekday), e.g. <code>0 2 * * *</code> daily at 02:00, <code>0 */6 * * *</code> every six hours. A run that
                  falls while a scan is running is skipped and recorded; runs missed while the server was down run once when it starts.
                </p>
              </form>
            ) : (
              <p className="text-slate-600">Admins can change the schedule.</p>
            )}
        </div>
      </Section>
    </div>
  );
}
