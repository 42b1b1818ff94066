/**
 * The commands, by name, with the one line `vendorscope --help` shows. Each command's module
 * is loaded only when it runs: `--help` and every command start without loading the others'
 * dependencies (the AWS SDK, the database driver, PDF fonts).
 */
import type { Command } from "./command";

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: "analyze", summary: "Analyse exported IAM data: who outside the organization can assume which role, and what it can do", load: async () => (await import("./analyzeCommand")).analyzeCommand },
  { name: "scan", summary: "Scan the organization (or import exported files) into the inventory", load: async () => (await import("./scanCommand")).scanCommand },
  { name: "scans", summary: "List past scans with their outcome and number of changes", load: async () => (await import("./scansCommand")).scansCommand },
  { name: "cancel", summary: "Cancel the running scan: no new account starts, finished ones are kept", load: async () => (await import("./cancelCommand")).cancelCommand },
  { name: "export", summary: "Print the current inventory as JSON (the analyze --json schema) or CSV", load: async () => (await import("./exportCommand")).exportCommand },
  { name: "report", summary: "Write a vendor review pack (PDF, CSV, JSON) or the organization summary (PDF)", load: async () => (await import("./reportCommand")).reportCommand },
  { name: "reanalyze", summary: "Re-run the analysis on the stored exports (after vendor list or rule changes)", load: async () => (await import("./reanalyzeCommand")).reanalyzeCommand },
  { name: "vendors", summary: "Update the known vendor list, name an account, or list vendors", load: async () => (await import("./vendorsCommand")).vendorsCommand },
  { name: "users", summary: "Manage who may sign in to the dashboard (also when every admin is locked out)", load: async () => (await import("./usersCommand")).usersCommand },
  { name: "doctor", summary: "Check, step by step, that this machine can scan the organization, with the fix for each failure", load: async () => (await import("./doctorCommand")).doctorCommand },
  { name: "schedule", summary: "Show or set when scans run by themselves", load: async () => (await import("./scheduleCommand")).scheduleCommand },
  { name: "scheduler", summary: "Run scans on the schedule (the dashboard does too, unless VENDORSCOPE_SCHEDULER=off)", load: async () => (await import("./schedulerCommand")).schedulerCommand },
  { name: "worker", summary: "Take account jobs of queued scans (PostgreSQL; run any number, on any machine)", load: async () => (await import("./workerCommand")).workerCommand },
];
