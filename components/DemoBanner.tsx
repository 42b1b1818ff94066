import Link from "next/link";

/** Shown on every page while the inventory is the demo organization. */
export function DemoBanner() {
  return (
    <div role="note" data-testid="demo-banner" className="border-b border-amber-300 bg-amber-50 text-sm text-amber-950">
      <p className="mx-auto max-w-[120rem] px-4 py-2">
        <strong>Demo data.</strong> This is a synthetic organization (the <code>demo/</code> folder), not yours. To inventory your own, set up read-only
        access (<Link href="/setup" className="underline">Setup</Link>, docs/deploy.md), then start on a fresh database: stop the server, remove{" "}
        <code>.vendorscope/pglite</code> (or set <code>DATABASE_URL</code>) and run <code>npm start</code> with AWS credentials, or import exports with{" "}
        <code>npx vendorscope scan --from DIR</code>.
      </p>
    </div>
  );
}
