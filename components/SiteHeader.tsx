import Link from "next/link";

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

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
          Vendorscope
        </Link>
        <nav aria-label="Main" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {LINKS.map(([href, label]) => (
            <Link key={href} href={href} className="text-slate-600 hover:text-slate-900 hover:underline">
              {label}
            </Link>
          ))}
        </nav>
      </div>
    </header>
  );
}
