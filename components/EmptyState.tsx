import type { ReactNode } from "react";

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
      <p className="font-medium text-slate-800">{title}</p>
      {children ? <div className="mt-2 text-sm">{children}</div> : null}
    </div>
  );
}

export function NoScanYet() {
  return (
    <EmptyState title="No scan yet">
      <p>Scan the organization, or import exported files, to fill the inventory:</p>
      <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">
        {`npx vendorscope scan                 # live, read-only (docs/aws-permissions.md)
npx vendorscope scan --from exports/  # or exported files`}
      </pre>
    </EmptyState>
  );
}
