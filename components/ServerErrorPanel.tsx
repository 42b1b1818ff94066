"use client";
/**
 * What the error pages show: a reference to quote to an admin (the server log has the
 * details), never the details themselves. When the cause is the database being unreachable
 * (asked of /api/health), it says so and retries every few seconds, reloading the page by
 * itself once the database is back.
 */
import { useEffect, useState } from "react";

const RETRY_MS = 5_000;

type Database = "unknown" | "ok" | "unavailable";

async function probeDatabase(): Promise<Database> {
  try {
    const response = await fetch("/api/health", { cache: "no-store" });
    const body = (await response.json()) as { database?: string };
    return body.database === "ok" ? "ok" : body.database === "unavailable" ? "unavailable" : "unknown";
  } catch {
    return "unknown"; // the server itself did not answer: nothing known about the database
  }
}

export function ServerErrorPanel({ digest, reset }: { digest?: string; reset: () => void }) {
  const [database, setDatabase] = useState<Database>("unknown");

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    let wasUnavailable = false;
    const check = async () => {
      const state = await probeDatabase();
      if (cancelled) return;
      if (state === "ok" && wasUnavailable) return window.location.reload();
      wasUnavailable ||= state === "unavailable";
      setDatabase(state);
      if (wasUnavailable) timer = setTimeout(() => void check(), RETRY_MS);
    };
    void check();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, []);

  if (database === "unavailable") {
    return (
      <div role="alert" className="mx-auto mt-10 max-w-md rounded-lg border border-amber-300 bg-white p-6 text-sm">
        <h1 className="mb-2 text-xl font-semibold">Database unavailable, retrying</h1>
        <p className="text-slate-600">
          Vendorscope cannot reach its database right now. This page tries again every {RETRY_MS / 1000} seconds and comes back by itself once the database answers. Nothing was
          changed.
        </p>
        {digest ? <p className="mt-2 font-mono text-xs text-slate-500">Reference: {digest}</p> : null}
      </div>
    );
  }
  return (
    <div className="mx-auto mt-10 max-w-md rounded-lg border border-slate-200 bg-white p-6 text-sm">
      <h1 className="mb-2 text-xl font-semibold">Something went wrong</h1>
      <p className="text-slate-600">This page could not be shown. Nothing was changed.</p>
      {digest ? <p className="mt-2 font-mono text-xs text-slate-500">Reference: {digest}</p> : null}
      <button type="button" onClick={reset} className="mt-4 rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
        Try again
      </button>
    </div>
  );
}
