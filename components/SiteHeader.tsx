import Link from "next/link";
import type { SignedInUser } from "@/lib/auth/access";
import { hasRole } from "@/lib/auth/roles";

const LINKS = [
  ["/", "Overview"],
  ["/vendors", "Vendors"],
  ["/unknown-accounts", "Unknown accounts"],
  ["/accounts", "Accounts"],
  ["/trusts", "Trusts"],
  ["/actions", "Action search"],
  ["/users", "IAM users"],
  ["/scans", "Scans"],
  ["/reports", "Reports"],
  ["/settings", "Settings"],
] as const;

const ADMIN_LINKS = [
  ["/setup", "Setup"],
  ["/settings/users", "Dashboard users"],
  ["/audit", "Audit log"],
] as const;

/** `signOut` is the app's server action (app/authServerActions.ts), passed in so components don't import from app/. */
export function SiteHeader({ user, signOut }: { user: SignedInUser | null; signOut: () => Promise<void> }) {
  const links = user ? [...LINKS, ...(hasRole(user.role, "admin") ? ADMIN_LINKS : [])] : [];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
          Vendorscope
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {links.map(([href, label]) => (
            <Link key={href} href={href} className="text-slate-600 hover:text-slate-900 hover:underline">
              {label}
            </Link>
          ))}
        </nav>
        {user ? (
          <form action={signOut} className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-600" data-testid="signed-in-as">
              <span className="[overflow-wrap:anywhere]">{user.email}</span> <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{user.role}</span>
            </span>
            <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50">
              Sign out
            </button>
          </form>
        ) : null}
      </div>
    </header>
  );
}
