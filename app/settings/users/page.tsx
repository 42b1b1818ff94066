import type { ReactNode } from "react";
import { FormNotices } from "@/components/FormNotices";
import { DataTable, Td } from "@/components/DataTable";
import { Th } from "@/components/SortHeader";
import { PageHeader, Section } from "@/components/PageHeader";
import { TimeAgo } from "@/components/TimeAgo";
import { requirePageUser } from "@/lib/auth/access";
import { OIDC_PROVIDER_ID } from "@/lib/auth/auth";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/localUsers";
import { ROLES } from "@/lib/auth/roles";
import { prisma } from "@/lib/db/server";
import { text, type SearchParams } from "@/lib/queries/params";
import { changeUser, createUser, resetPassword, unlockSignIn } from "./serverActions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dashboard users" };

const input = "rounded border border-slate-300 px-2 py-1";
const button = "rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-50";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-xs font-medium text-slate-600">{label}</span>
      {children}
    </label>
  );
}

export default async function UsersAdminPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requirePageUser("admin");
  const params = await searchParams;
  const db = await prisma();
  const [users, lockouts] = await Promise.all([
    db.appUser.findMany({ orderBy: { email: "asc" }, include: { accounts: { select: { providerId: true } } } }),
    db.signInLockout.findMany({ where: { lockedUntil: { gt: new Date() } }, orderBy: { lockedUntil: "desc" } }),
  ]);
  const error = text(params, "error");
  return (
    <div>
      <PageHeader title="Dashboard users" subtitle="Who may sign in, and whether they may change things (admin) or only look (viewer)." />
      <FormNotices error={error} saved={text(params, "saved") ? "Saved." : undefined} />

      <Section title="Users of the dashboard">
        <DataTable caption="Users" head={<><Th>User</Th><Th>Signs in with</Th><Th>Role</Th><Th>Last sign-in</Th><Th>Status</Th></>}>
          {users.map((u) => (
            <tr key={u.id}>
              <Td>
                <span className="[overflow-wrap:anywhere] font-medium">{u.email}</span>
                <span className="block text-xs text-slate-500">{u.name}</span>
              </Td>
              <Td>{u.accounts.map((a) => (a.providerId === OIDC_PROVIDER_ID ? "single sign-on" : "password")).join(", ") || "—"}</Td>
              <Td>
                <form action={changeUser} className="flex gap-2">
                  <input type="hidden" name="userId" value={u.id} />
                  <label className="sr-only" htmlFor={`role-${u.id}`}>
                    Role of {u.email}
                  </label>
                  <select id={`role-${u.id}`} name="role" defaultValue={u.role} className={input}>
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                  <button type="submit" className={button}>
                    Save
                  </button>
                </form>
              </Td>
              <Td>{u.lastSignInAt ? <TimeAgo date={u.lastSignInAt} compact /> : <span className="text-slate-500">never</span>}</Td>
              <Td>
                {u.id === admin.id ? (
                  <span className="text-slate-500">you</span>
                ) : (
                  <form action={changeUser}>
                    <input type="hidden" name="userId" value={u.id} />
                    <input type="hidden" name="disabled" value={u.disabled ? "false" : "true"} />
                    <span className={u.disabled ? "mr-2 text-red-700" : "mr-2 text-emerald-700"}>{u.disabled ? "disabled" : "active"}</span>
                    <button type="submit" className={button}>
                      {u.disabled ? "Enable" : "Disable"}
                    </button>
                  </form>
                )}
              </Td>
            </tr>
          ))}
        </DataTable>
      </Section>

      {lockouts.length ? (
        <Section title="Locked after failed sign-ins">
          <ul className="space-y-2 text-sm">
            {lockouts.map((l) => (
              <li key={l.email} className="flex flex-wrap items-center gap-3">
                <span className="[overflow-wrap:anywhere] font-mono">{l.email}</span>
                <span className="text-slate-600">
                  {l.failures} failures, locked until <TimeAgo date={l.lockedUntil!} />
                </span>
                <form action={unlockSignIn}>
                  <input type="hidden" name="email" value={l.email} />
                  <button type="submit" className={button}>
                    Unlock
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section title="Add a user">
        <form action={createUser} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <Field label="Email">
            <input name="email" type="email" required maxLength={320} className={input} />
          </Field>
          <Field label="Name">
            <input name="name" required maxLength={100} className={input} />
          </Field>
          <Field label="Role">
            <select name="role" defaultValue="viewer" className={input}>
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </Field>
          <Field label={`First password (at least ${MIN_PASSWORD_LENGTH} characters)`}>
            <input name="password" type="password" required minLength={MIN_PASSWORD_LENGTH} maxLength={256} autoComplete="new-password" className={input} />
          </Field>
          <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
            Add user
          </button>
        </form>
        <p className="mt-2 text-xs text-slate-500">People signing in with single sign-on are added on their first sign-in, as viewers unless their group makes them admins.</p>
      </Section>

      <Section title="Set a password">
        <form action={resetPassword} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <Field label="Email">
            <input name="email" type="email" required maxLength={320} className={input} />
          </Field>
          <Field label="New password">
            <input name="password" type="password" required minLength={MIN_PASSWORD_LENGTH} maxLength={256} autoComplete="new-password" className={input} />
          </Field>
          <button type="submit" className={button}>
            Set password
          </button>
          <p className="w-full text-xs text-slate-500">Signs the user out everywhere and clears a lockout.</p>
        </form>
      </Section>
    </div>
  );
}
