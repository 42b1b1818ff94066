"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ScanProgressView } from "@/lib/queries/scanProgress";

function seconds(s: number): string {
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
}

/**
 * The running scan, updated every two seconds without reloading the page; when it ends the
 * page's data is refreshed. Compact on the overview, full on /scans.
 */
export function LiveScanProgress({ initial, compact = false }: { initial: ScanProgressView | null; compact?: boolean }) {
  const [scan, setScan] = useState(initial);
  const router = useRouter();
  const wasRunning = useRef(initial !== null);

  useEffect(() => {
    let stop = false;
    const poll = async () => {
      try {
        const response = await fetch("/api/scans/current", { cache: "no-store" });
        if (!response.ok) return;
        const { running } = (await response.json()) as { running: ScanProgressView | null };
        if (stop) return;
        setScan(running);
        if (running) wasRunning.current = true;
        else if (wasRunning.current) {
          wasRunning.current = false;
          router.refresh();
        }
      } catch {
        // the next poll tries again
      }
    };
    const timer = setInterval(poll, 2000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [router]);

  if (!scan) return null;
  const percent = scan.total ? Math.round((scan.done / scan.total) * 100) : 0;
  const label = `Scan #${scan.id} running: ${scan.done} of ${scan.total || "?"} accounts${scan.failed ? `, ${scan.failed} failed` : ""}`;
  if (compact) {
    return (
      <Link href="/scans" data-testid="scan-progress" className="inline-flex items-center gap-2 rounded border border-sky-300 bg-sky-50 px-3 py-1.5 text-sm text-sky-900">
        <span className="h-2 w-24 overflow-hidden rounded bg-sky-100" aria-hidden="true">
          <span className="block h-full bg-sky-600" style={{ width: `${percent}%` }} />
        </span>
        {label}
      </Link>
    );
  }
  return (
    <section aria-live="polite" data-testid="scan-progress" className="mb-6 rounded-lg border border-sky-300 bg-sky-50 p-4 text-sm text-sky-950">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <strong>{label}</strong>
        <span>
          {scan.rate.toFixed(1)} accounts/s{scan.etaSeconds !== null ? ` · about ${seconds(scan.etaSeconds)} left` : ""} · {scan.executor} · {scan.trigger}
          {scan.cancelRequested ? " · cancelling…" : ""}
        </span>
      </div>
      <div className="mt-2 h-3 w-full overflow-hidden rounded bg-sky-100" role="progressbar" aria-valuemin={0} aria-valuemax={scan.total} aria-valuenow={scan.done} aria-label="Accounts read">
        <div className="h-full bg-sky-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
    </section>
  );
}
