import { loadActionCatalog } from "../catalog/iamActions";
import { PermissionSummaries } from "../db/permissionSummaries";
import { inventoryFile } from "../reports/reportFiles";
import { UsageError, type Command } from "./command";
import { withDatabase } from "./database";

export const exportCommand: Command = {
  name: "export",
  summary: "Print the current inventory as JSON (the analyze --json schema) or CSV",
  help: `Usage: vendorscope export [--json | --csv]

Prints the stored inventory as of the latest scans: JSON in the same shape as
'vendorscope analyze --json' (docs/analysis.md), or CSV with one row per
vendor × account × role. Accounts whose last scan failed keep their last known
inventory and are listed under errors.

Options:
  --json      JSON (the default)
  --csv       CSV (spreadsheet formulas neutralised)
  -h, --help  show this help
`,
  options: { json: { type: "boolean" }, csv: { type: "boolean" } },
  positionals: { names: [], required: 0 },
  async run(values, _positionals, io) {
    if (values.json && values.csv) throw new UsageError("choose one of --json and --csv");
    const catalog = await loadActionCatalog();
    const file = await withDatabase(async (db) => inventoryFile(db.prisma, await PermissionSummaries.create(db.prisma, catalog), values.csv ? "csv" : "json"));
    io.stdout(file.body);
    return 0;
  },
};
