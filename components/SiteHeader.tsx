import Link from "next/link";
import type { SignedInUser } from "@/lib/auth/access";
import { hasRole } from "@/lib/auth/roles";

const LINKS = [
  ["/", "Overview"],
  ["/vendors", "Vendors"],
  ["/unknown-accounts", "Unknown accounts"],
  ["/accounts", "Accounts"],
  ["/trusts", "Trusts"],
  ["/resources", "Resources"],
  ["/actions", "Action search"],
  ["/users", "IAM users"],
  ["/scans", "Scans"],
  ["/reports", "Reports"],
] as const;

/** Grouped under one menu, so that the navigation fits one row at 1280 px. */
const SETTINGS_LINKS = [["/settings", "Settings"]] as const;
const ADMIN_LINKS = [
  ["/setup", "Setup"],
  ["/settings/users", "Dashboard users"],
  ["/audit", "Audit log"],
] as const;

/** `signOut` is the app's server action (app/authServerActions.ts), passed in so components don't import from app/. */
export function SiteHeader({ user, signOut }: { user: SignedInUser | null; signOut: () => Promise<void> }) {
  const links = user ? LINKS : [];
  const settings = user ? [...SETTINGS_LINKS, ...(hasRole(user.role, "admin") ? ADMIN_LINKS : [])] : [];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-[120rem] flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
          Vendorscope
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
          {links.map(([href, label]) => (
            <Link key={href} href={href} className="whitespace-nowrap text-slate-600 hover:text-slate-900 hover:underline">
              {label}
            </Link>
          ))}
          {settings.length > 0 ? (
            <details className="group relative">
              <summary className="cursor-pointer list-none whitespace-nowrap text-slate-600 hover:text-slate-900 hover:underline">
                {settings.length > 1 ? "Admin" : "Settings"} <span aria-hidden="true">▾</span>
              </summary>
              <div className="absolute left-0 z-20 mt-2 flex min-w-44 flex-col rounded-lg border border-slate-200 bg-white py-1 shadow-lg">
                {settings.map(([href, label]) => (
                  <Link key={href} href={href} className="whitespace-nowrap px-3 py-1.5 text-slate-700 hover:bg-slate-50 hover:underline">
                    {label}
                  </Link>
                ))}
              </div>
            </details>
          ) : null}
        </nav>
        {user ? (
          <form action={signOut} className="ml-auto flex items-center gap-3 text-sm">
            <span className="relative text-slate-600" data-testid="signed-in-as" title={user.email}>
              {/* The email only where there is room: the header stays one row at 1280 px. */}
              <span className="[overflow-wrap:anywhere] max-2xl:sr-only">{user.email}</span> <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{user.role}</span>
            </span>
            <button type="submit" title={`Sign out ${user.email}`} className="whitespace-nowrap rounded border border-slate-300 px-2 py-1 hover:bg-slate-50">
              Sign out
            </button>
          </form>
        ) : null}
      </div>
    </header>
  );
}
