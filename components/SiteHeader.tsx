import Link from "next/link";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
          Vendorscope
        </Link>
        <span className="text-sm text-slate-500">third-party access to your AWS Organization</span>
      </div>
    </header>
  );
}
