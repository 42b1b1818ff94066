/** Scan progress on the command line: one redrawn bar on a terminal, plain lines otherwise. */
import type { ScanResult } from "../db/scanTypes";
import type { ScanProgress } from "../scan/progress";
import type { CommandIO } from "./command";
import { inert } from "./text";

export function progressPrinter(io: CommandIO): ScanProgress {
  let total = 0;
  let done = 0;
  let failed = 0;
  let startedAt = Date.now();
  let lastDraw = 0;
  let barShown = false;
  const clearBar = () => {
    if (barShown) io.stdout("\r\u001b[2K");
    barShown = false;
  };
  const drawBar = (force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : 0;
    const rate = done / Math.max(0.001, (now - startedAt) / 1000);
    const eta = rate > 0 && total > done ? Math.round((total - done) / rate) : 0;
    io.stdout(`\r\u001b[2K[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} accounts · ${failed} failed · ${rate.toFixed(1)}/s${eta ? ` · ETA ${formatSeconds(eta)}` : ""}`);
    barShown = true;
  };
  return {
    started(scanId, accounts) {
      total = accounts;
      startedAt = Date.now();
      io.stdout(`Scan #${scanId}: ${accounts} account${accounts === 1 ? "" : "s"} to read\n`);
      if (io.interactive) drawBar(true);
    },
    account(accountId, outcome, detail) {
      done++;
      if (outcome === "failed") failed++;
      if (io.interactive) {
        if (outcome === "failed") {
          clearBar();
          io.stdout(`${accountId} failed: ${inert(detail)}\n`);
        }
        drawBar(done === total);
      } else {
        io.stdout(`[${done}/${total}] ${accountId} ${outcome}: ${inert(detail)}\n`);
      }
    },
    notice(message) {
      clearBar();
      io.stdout(`${inert(message)}\n`);
    },
    finished(result: ScanResult) {
      clearBar();
      io.stdout(
        `Scan #${result.id} ${result.status}: ${result.accountsOk} account${result.accountsOk === 1 ? "" : "s"} read, ${result.accountsFailed} failed, ` +
          `${result.changes} change${result.changes === 1 ? "" : "s"}, ${result.apiCalls} API calls, ${formatSeconds(Math.round(result.durationMs / 1000))}\n`,
      );
      const services = Object.entries(result.apiCallsByService).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
      if (services.length > 0) {
        const accounts = Math.max(1, result.accountsOk + result.accountsFailed);
        io.stdout(`API calls by service (total, per account): ${services.map(([service, n]) => `${service} ${n} (${perAccount(n, accounts)})`).join(", ")}\n`);
      }
    },
  };
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m}m${String(seconds % 60).padStart(2, "0")}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

function perAccount(calls: number, accounts: number): string {
  const each = calls / accounts;
  return each >= 10 || Number.isInteger(each) ? String(Math.round(each)) : each.toFixed(1);
}
