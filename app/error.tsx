"use client";
/** An unexpected server error: a reference to quote to an admin (the server log has the details), never the details themselves. */
export default function ServerError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto mt-10 max-w-md rounded-lg border border-slate-200 bg-white p-6 text-sm">
      <h1 className="mb-2 text-xl font-semibold">Something went wrong</h1>
      <p className="text-slate-600">This page could not be shown. Nothing was changed.</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-slate-500">Reference: {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-4 rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
        Try again
      </button>
    </div>
  );
}
