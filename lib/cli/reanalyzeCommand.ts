import { ScanInProgressError } from "../db/scanLock";
import { reanalyze } from "../scan/sources/reanalyze";
import type { Command } from "./command";
import { withInventoryStore } from "./database";
import { progressPrinter } from "./progressPrinter";

export const reanalyzeCommand: Command = {
  name: "reanalyze",
  help: `Usage: vendorscope reanalyze

Analyses each account's latest stored export again, with the current vendor list and your
vendor mappings, and records the result (and what changed) as a new scan. No AWS call.

Options:
  -h, --help  show this help
`,
  options: {},
  positionals: { names: [], required: 0 },
  async run(_values, _positionals, io) {
    try {
      const result = await withInventoryStore((store) => reanalyze(store, { trigger: "reanalyze", startedBy: `cli:${process.env.USER ?? "unknown"}` }, progressPrinter(io)));
      if (result.error) io.stderr(`vendorscope reanalyze: ${result.error}\n`);
      return result.status === "succeeded" ? 0 : result.status === "partial" ? 3 : 1;
    } catch (error) {
      if (!(error instanceof ScanInProgressError)) throw error;
      io.stderr(`vendorscope reanalyze: ${error.message}; try again when it has finished\n`);
      return 1;
    }
  },
};
